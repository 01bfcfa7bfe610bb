import { DynamicModule, Global, Module } from '@nestjs/common';
import { ProviderErrorRegistry } from './provider-errors';
import { ProviderTraffic } from './provider-traffic';
import { SandboxCatalog } from './sandbox-catalog';
import { SandboxClock } from './sandbox-clock';
import { SandboxEvents } from './sandbox-events';
import { SandboxRouteIndex } from './sandbox-route-index';
import { SANDBOX_SETTINGS, SandboxSettings } from './sandbox-settings';
import { SandboxTicker } from './sandbox-ticker';

/** The shared world of the sandbox: settings, clock, catalogue, cross-provider events, error shapes,
 * traffic counters and the real-time ticker. */
@Global()
@Module({})
export class CoreSandboxModule {
  static forRoot(settings: SandboxSettings): DynamicModule {
    const providers = [
      { provide: SANDBOX_SETTINGS, useValue: settings },
      SandboxClock,
      SandboxCatalog,
      SandboxEvents,
      ProviderErrorRegistry,
      ProviderTraffic,
      SandboxTicker,
      SandboxRouteIndex,
    ];
    return { module: CoreSandboxModule, providers, exports: providers };
  }
}
