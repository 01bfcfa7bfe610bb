import { DynamicModule, Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PiiDigest } from '@serai/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DatabaseSettings } from './data-source-options';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { AdminSessionRepository } from './repositories/admin-session.repository';
import { DashboardRepository } from './repositories/dashboard.repository';
import { ConnectionRepository } from './repositories/connection.repository';
import { DeliveryRepository } from './repositories/delivery.repository';
import { RouteRepository } from './repositories/route.repository';
import { ProviderCallRepository } from './repositories/provider-call.repository';
import { SyncCursorRepository } from './repositories/sync-cursor.repository';
import { ShipmentRepository } from './repositories/shipment.repository';
import { InventoryRepository } from './repositories/inventory.repository';
import { ExternalRefRepository } from './repositories/external-ref.repository';
import { OrderListRepository } from './repositories/order-list.repository';
import { OrderRepository } from './repositories/order.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { TimelineRepository } from './repositories/timeline.repository';
import { MappingRepository } from './repositories/mapping.repository';
import { StockPushQueueRepository } from './repositories/stock-push-queue.repository';
import { InventoryLedgerRepository } from './repositories/inventory-ledger.repository';
import { OrderStockRepository } from './repositories/order-stock.repository';
import { ProductRepository } from './repositories/product.repository';
import { PriceRepository } from './repositories/price.repository';
import { ReturnRepository } from './repositories/return.repository';
import { WebhookInboxRepository } from './repositories/webhook-inbox.repository';
import { CallbackRefusalRepository } from './repositories/callback-refusal.repository';
import { WebhookInboxProcessingRepository } from './repositories/webhook-inbox-processing.repository';
import { ShipmentParcelRepository } from './repositories/shipment-parcel.repository';
import { SkuCrossReferenceRepository } from './repositories/sku-cross-reference.repository';
import { IdempotencyKeyRepository } from './repositories/idempotency-key.repository';
import { OrderDetailRepository } from './repositories/order-detail.repository';
import { ShipmentListRepository } from './repositories/shipment-list.repository';
import { runMigrations } from './run-migrations';
import { TransactionRunner } from './transaction-runner';

export const PERSISTENCE_LOGGER = Symbol('PERSISTENCE_LOGGER');

/** Brings the schema up to date before anything else touches the database. */
class SchemaMigrator implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PERSISTENCE_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await runMigrations(this.dataSource);
    this.logger.info({ applied }, applied.length > 0 ? 'database migrated' : 'database schema up to date');
  }
}

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(settings: DatabaseSettings, logger: Logger, masterKey: string): DynamicModule {
    const outbox = new OutboxRepository();
    const piiDigest = new PiiDigest(masterKey);
    // Stateless repositories, one instance each; the app injects them by class.
    const repositories = [
      outbox,
      new OrderRepository(outbox, new PiiDigest(masterKey)),
      new ExternalRefRepository(),
      new ConnectionRepository(),
      new DeliveryRepository(),
      new RouteRepository(),
      new ProviderCallRepository(),
      new SyncCursorRepository(),
      new ShipmentRepository(),
      new InventoryRepository(),
      new OrderListRepository(),
      new ApiKeyRepository(),
      new TimelineRepository(),
      new AdminSessionRepository(),
      new DashboardRepository(),
      new MappingRepository(),
      new StockPushQueueRepository(),
      new InventoryLedgerRepository(),
      new OrderStockRepository(outbox),
      new ProductRepository(outbox),
      new PriceRepository(outbox),
      new ReturnRepository(outbox),
      new WebhookInboxRepository(),
      new CallbackRefusalRepository(),
      new WebhookInboxProcessingRepository(),
      new ShipmentParcelRepository(),
      new SkuCrossReferenceRepository(),
      new IdempotencyKeyRepository(),
      new OrderDetailRepository(),
      new ShipmentListRepository(),
    ];
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot({ ...buildDataSourceOptions(settings), retryAttempts: 3, retryDelay: 1000 })],
      providers: [
        { provide: PERSISTENCE_LOGGER, useValue: logger },
        {
          provide: SchemaMigrator,
          useFactory: (ds: DataSource, log: Logger) => new SchemaMigrator(ds, log),
          inject: [DataSource, PERSISTENCE_LOGGER],
        },
        { provide: TransactionRunner, useFactory: (ds: DataSource) => new TransactionRunner(ds), inject: [DataSource] },
        ...repositories.map((repository) => ({ provide: repository.constructor, useValue: repository })),
        // Searching orders by phone digests the phone the same way the order's columns were.
        { provide: PiiDigest, useValue: piiDigest },
      ],
      exports: [TransactionRunner, ...repositories.map((repository) => repository.constructor), PiiDigest],
    };
  }
}
