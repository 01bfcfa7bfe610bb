import { Controller, Get } from '@nestjs/common';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { ProviderTraffic, ProviderTrafficCounts } from '../core/provider-traffic';
import { SandboxClock } from '../core/sandbox-clock';
import { FaultInjector } from '../faults/fault-injector';

export interface SandboxHealth {
  readonly status: 'ok';
  readonly startedAt: string;
  /** Now on the sandbox clock (moves with `/_sandbox/clock`). */
  readonly now: string;
  readonly activeFaultRules: number;
  readonly providers: Record<string, ProviderTrafficCounts>;
}

@Controller('_sandbox')
export class SandboxHealthController {
  private readonly startedAt = new Date();

  constructor(
    private readonly clock: SandboxClock,
    private readonly traffic: ProviderTraffic,
    private readonly registry: ProviderErrorRegistry,
    private readonly faults: FaultInjector,
  ) {}

  @Get('health')
  health(): SandboxHealth {
    return {
      status: 'ok',
      startedAt: this.startedAt.toISOString(),
      now: this.clock.now().toISOString(),
      activeFaultRules: this.faults.list().length,
      providers: this.traffic.snapshot(this.registry.providers()),
    };
  }
}
