import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { EnvoyApiError, EnvoyErrorStatus } from './envoy-api.error';
import { EnvoyAuthGuard } from './envoy-auth.guard';
import { ENVOY_PREFIX, EnvoyBodyErrorHook } from './envoy-body-error.hook';
import { renderEnvoyError } from './envoy-exception.filter';
import { EnvoyFulfilmentListener } from './envoy-fulfilment.listener';
import { EnvoyInspectionController } from './envoy-inspection.controller';
import { EnvoyOrderIdGenerator } from './envoy-order-id.generator';
import { EnvoyOrderController } from './envoy-order.controller';
import { EnvoyOrderStore } from './envoy-order.store';
import { EnvoyOrdersService } from './envoy-orders.service';

/** Codes the fault injector may answer: the document's 500, and 503 as the API gateway answers an unavailable backend. */
const INJECTABLE_STATUSES: readonly EnvoyErrorStatus[] = [500, 503];

/** Simulator of the Envoy API under `/envoy`. */
@Module({
  controllers: [EnvoyOrderController, EnvoyInspectionController],
  providers: [
    EnvoyBodyErrorHook,
    EnvoyAuthGuard,
    EnvoyOrdersService,
    EnvoyFulfilmentListener,
    { provide: EnvoyOrderStore, useFactory: (s: SandboxSettings) => new EnvoyOrderStore(s.envoyStores), inject: [SANDBOX_SETTINGS] },
    { provide: EnvoyOrderIdGenerator, useFactory: (s: SandboxSettings) => new EnvoyOrderIdGenerator(s.seed), inject: [SANDBOX_SETTINGS] },
  ],
  exports: [EnvoyOrderStore],
})
export class EnvoySandboxModule implements OnModuleInit {
  constructor(@Inject(ProviderErrorRegistry) private readonly errors: ProviderErrorRegistry) {}

  onModuleInit(): void {
    this.errors.register('envoy', {
      prefix: ENVOY_PREFIX,
      injectableCodes: INJECTABLE_STATUSES.map(String),
      render: (code, message) => {
        const status = INJECTABLE_STATUSES.find((s) => String(s) === code) ?? 500;
        return renderEnvoyError(new EnvoyApiError(status, message), 'GET');
      },
    });
  }
}
