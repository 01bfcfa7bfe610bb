import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxCatalog } from '../core/sandbox-catalog';
import { PilotAuthGuard } from './pilot-auth.guard';
import { PILOT_PREFIX, PilotBodyErrorHook } from './pilot-body-error.hook';
import { PilotCallbackReceiver } from './pilot-callback-receiver.service';
import { PilotCallbackController } from './pilot-callback.controller';
import { PilotCallbackOutbox } from './pilot-callback.outbox';
import { PilotCarrierController } from './pilot-carrier.controller';
import { PilotCarriersService } from './pilot-carriers.service';
import { renderPilotFailure } from './pilot-exception.filter';
import { PilotFreightForwardController } from './pilot-freight-forward.controller';
import { PilotFreightForwardService } from './pilot-freight-forward.service';
import { PilotFreightProductStore } from './pilot-freight-product.store';
import { PilotInspectionController } from './pilot-inspection.controller';
import { PilotInventoryController } from './pilot-inventory.controller';
import { PilotInventoryService } from './pilot-inventory.service';
import { PilotInventoryStore } from './pilot-inventory.store';
import { PilotPackageLifecycle } from './pilot-package-lifecycle.service';
import { PilotPackageStore } from './pilot-package.store';
import { PilotPurchaseStore } from './pilot-purchase.store';

/** The document's 500 "Failed", and 503 as the API gateway answers an unavailable backend. */
const INJECTABLE_STATUSES = [500, 503] as const;

/** Simulator of the Pilot API under `/pilot`, and of the 3PL behind it (packages, stock, callbacks). */
@Module({
  controllers: [
    PilotCarrierController,
    PilotFreightForwardController,
    PilotInventoryController,
    PilotCallbackController,
    PilotInspectionController,
  ],
  providers: [
    PilotBodyErrorHook,
    PilotAuthGuard,
    PilotCarriersService,
    PilotFreightForwardService,
    PilotInventoryService,
    PilotCallbackReceiver,
    PilotCallbackOutbox,
    PilotPackageLifecycle,
    PilotPackageStore,
    PilotPurchaseStore,
    { provide: PilotInventoryStore, useFactory: (c: SandboxCatalog) => new PilotInventoryStore(c.all()), inject: [SandboxCatalog] },
    {
      provide: PilotFreightProductStore,
      useFactory: (c: SandboxCatalog) => new PilotFreightProductStore(c.all()),
      inject: [SandboxCatalog],
    },
  ],
})
export class PilotSandboxModule implements OnModuleInit {
  constructor(@Inject(ProviderErrorRegistry) private readonly errors: ProviderErrorRegistry) {}

  onModuleInit(): void {
    this.errors.register('pilot', {
      prefix: PILOT_PREFIX,
      injectableCodes: INJECTABLE_STATUSES.map(String),
      // The fault injector does not say which endpoint it answers for: the list envelope, Pilot's most common.
      render: (code, message) => renderPilotFailure('list', INJECTABLE_STATUSES.find((s) => String(s) === code) ?? 500, message),
    });
  }
}
