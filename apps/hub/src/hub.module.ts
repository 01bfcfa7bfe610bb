import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { HUB_CONFIG, HubConfig, Logger, validateHubEnvironment } from '@serai/common';
import { DEFAULT_SCHEDULE, EngineModule } from '@serai/engine';
import { PersistenceModule } from '@serai/persistence';
import { ConnectorsModule } from './connectors/connectors.module';
import { DemoModule } from './demo/demo.module';
import { ConnectionsFileModule } from './config-file/connections-file.module';
import type { LoadedConnectionsFile } from './config-file/connections-file';
import { ConnectionsApiModule } from './api/connections/connections-api.module';
import { DeliveriesApiModule } from './api/deliveries/deliveries-api.module';
import { OrdersApiModule } from './api/orders/orders-api.module';
import { RoutesApiModule } from './api/routes/routes-api.module';
import { SyncApiModule } from './api/sync/sync-api.module';
import { DashboardApiModule } from './api/dashboard/dashboard-api.module';
import { ApiKeysApiModule } from './api/api-keys/api-keys-api.module';
import { MappingsApiModule } from './api/mappings/mappings-api.module';
import { InventoryApiModule } from './api/inventory/inventory-api.module';
import { ProductsApiModule } from './api/products/products-api.module';
import { PricesApiModule } from './api/prices/prices-api.module';
import { ReturnsApiModule } from './api/returns/returns-api.module';
import { CallbacksApiModule } from './api/callbacks/callbacks-api.module';
import { ReconciliationsApiModule } from './api/reconciliations/reconciliations-api.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { AuthModule } from './auth/auth.module';
import { CallbacksModule } from './callbacks/callbacks.module';
import { HealthModule } from './health/health.module';
import { HUB_LOGGER } from './runtime/hub-logger.token';
import { HttpConventionsModule } from './http/http-conventions.module';
import { ShipmentsApiModule } from './api/shipments/shipments-api.module';

export interface HubModuleOptions {
  readonly config: HubConfig;
  /** The database actually used: DATABASE_URL, or the embedded server's URL. */
  readonly databaseUrl: string;
  /** Base64 key for credentials at rest and personal-data digests. */
  readonly masterKey: string;
  readonly logger: Logger;
  /** The sandbox beside the hub (demo topology): the hub connects to it at start. */
  readonly sandboxUrl?: string;
  /** Connections (and routes) from CONNECTIONS_FILE, already validated. */
  readonly connectionsFile?: LoadedConnectionsFile;
}

/** Whether this process serves the REST API (HUB_ROLE api or all). */
export function hubServesApi(config: HubConfig): boolean {
  return config.role === 'all' || config.role === 'api';
}

/**
 * The hub's composition root. The `api` role serves the REST API; the `worker` role (later:
 * pollers and dispatchers) serves only /health; `all` does both.
 */
@Module({})
export class HubModule {
  static forRoot(options: HubModuleOptions): DynamicModule {
    const { config, databaseUrl, masterKey, logger } = options;
    const servesApi = hubServesApi(config);
    const engine = EngineModule.forRoot({
      masterKey,
      logger,
      runLoops: config.role !== 'api',
      leaseMs: config.engine.leaseMs,
      schedule: { ...DEFAULT_SCHEDULE, pollEveryMs: config.engine.pollIntervalMs },
    });
    return {
      module: HubModule,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateHubEnvironment }),
        PersistenceModule.forRoot(
          { url: databaseUrl, poolSize: config.database.poolSize, applicationName: `serai-hub-${config.role}` },
          logger,
          masterKey,
        ),
        HealthModule,
        ConnectorsModule,
        engine,
        ReconciliationModule,
        ...(options.sandboxUrl ? [DemoModule.forRoot(options.sandboxUrl, masterKey, logger)] : []),
        ...(options.connectionsFile ? [ConnectionsFileModule.forRoot(options.connectionsFile, logger)] : []),
        ...(servesApi
          ? [
              AuthModule,
              OrdersApiModule,
              ConnectionsApiModule,
              RoutesApiModule,
              DeliveriesApiModule,
              SyncApiModule,
              DashboardApiModule,
              ApiKeysApiModule,
              MappingsApiModule,
              InventoryApiModule,
            ]
          : []),
        ...(servesApi ? [AuthModule, OrdersApiModule, ConnectionsApiModule, RoutesApiModule, DeliveriesApiModule, SyncApiModule] : []),
        ...(servesApi ? [ProductsApiModule, PricesApiModule, ReturnsApiModule] : []),
        ...(servesApi ? [CallbacksModule] : []),
        ...(servesApi ? [CallbacksApiModule] : []),
        ...(servesApi ? [HttpConventionsModule, ShipmentsApiModule] : []),
        ...(servesApi ? [ReconciliationsApiModule] : []),
      ],
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        { provide: HUB_LOGGER, useValue: logger },
      ],
      // The engine is re-exported so API modules reach its connector registry and credential cipher.
      exports: [HUB_CONFIG, HUB_LOGGER, engine],
    };
  }
}
