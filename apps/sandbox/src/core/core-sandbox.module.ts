import { DynamicModule, Global, Module } from '@nestjs/common';
import { ProviderErrorRegistry } from './provider-errors';
import { SandboxCatalog } from './sandbox-catalog';
import { SandboxClock } from './sandbox-clock';
import { SandboxEvents } from './sandbox-events';
import { SANDBOX_SETTINGS, SandboxSettings } from './sandbox-settings';

/** The shared world of the sandbox: settings, clock, catalogue, cross-provider events, error shapes. */
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
    ];
    return { module: CoreSandboxModule, providers, exports: providers };
  }
}
