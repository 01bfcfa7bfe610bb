import { Controller, Get } from '@nestjs/common';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxRoute, SandboxRouteIndex } from '../core/sandbox-route-index';

export interface SandboxIndex {
  readonly providers: readonly { readonly provider: string; readonly prefix: string }[];
  /** Every inspection and control endpoint, collected from the routes actually registered. */
  readonly inspection: readonly SandboxRoute[];
}

@Controller('_sandbox')
export class SandboxIndexController {
  constructor(
    private readonly routes: SandboxRouteIndex,
    private readonly registry: ProviderErrorRegistry,
  ) {}

  @Get()
  index(): SandboxIndex {
    return {
      providers: this.registry.providers().map((provider) => ({ provider, prefix: this.registry.get(provider)?.prefix ?? '' })),
      inspection: this.routes.under('/_sandbox'),
    };
  }
}
