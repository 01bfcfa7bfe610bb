import { BeforeApplicationShutdown, DynamicModule, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CredentialCipher } from '@serai/common';
import {
  ConnectionRepository,
  DeliveryRepository,
  ExternalRefRepository,
  InventoryRepository,
  MappingRepository,
  OrderRepository,
  OutboxRepository,
  PriceRepository,
  ProductRepository,
  ProviderCallRepository,
  ReturnRepository,
  RouteRepository,
  ShipmentRepository,
  StockPushQueueRepository,
  SyncCursorRepository,
  TransactionRunner,
  WebhookInboxProcessingRepository,
  ShipmentParcelRepository,
  SkuCrossReferenceRepository,
} from '@serai/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConnectorRegistry } from './connections/connector-registry';
import { DEFAULT_WORKER_OPTIONS, DeliveryWorker } from './delivery/delivery-worker';
import { OutboxDispatcher } from './delivery/outbox-dispatcher';
import { AnswerCancellationHandler } from './flows/answer-cancellation.handler';
import { ConfirmShipmentHandler } from './flows/confirm-shipment.handler';
import { ForwardOrderHandler } from './flows/forward-order.handler';
import { PublishProductHandler } from './flows/publish-product.handler';
import { PushPricesHandler } from './flows/push-prices.handler';
import { SetSkuEnabledHandler } from './flows/set-sku-enabled.handler';
import { ChangePrices } from './catalogue/change-prices';
import { PublishProduct } from './catalogue/publish-product';
import { MarketplaceReturnIntake } from './sync/marketplace-return-intake';
import { CancelByBrandHandler } from './flows/cancel-by-brand.handler';
import { AcknowledgeReturnHandler } from './flows/acknowledge-return.handler';
import { PushPriceHandler } from './flows/push-price.handler';
import { PushStockHandler } from './flows/push-stock.handler';
import { ReimportStockHandler } from './flows/reimport-stock.handler';
import { CONNECTOR_FACTORIES, ConnectorFactory } from './ports/connector-factory';
import { DEFAULT_SCHEDULE, defaultWorkerId, EngineRunner, EngineSchedule } from './runtime/engine-runner';
import { LogisticsShipmentIntake } from './sync/logistics-shipment-intake';
import { MarketplaceChangeIntake } from './sync/marketplace-change-intake';
import { MarketplaceOrderIntake } from './sync/marketplace-order-intake';
import { OrderSystemOrderIntake } from './sync/order-system-order-intake';
import { WmsSkuIntake } from './sync/wms-sku-intake';
import { Instant } from '@serai/domain';
import { CallTraceWriter } from './tracing/call-trace-writer';
import { MappingService } from './mapping/mapping.service';
import { MAPPING_DEFAULTS, MappingDefaults } from './ports/mapping-defaults';
import { InventoryIntake, InventoryPusher } from './sync/inventory-sync';
import { DEFAULT_INBOX_OPTIONS, InboxProcessor } from './callbacks/inbox-processor';

export interface EngineOptions {
  readonly masterKey: string;
  readonly logger: Logger;
  /** Whether this process runs the loops (HUB_ROLE worker or all); an API-only process does not. */
  readonly runLoops: boolean;
  readonly schedule?: EngineSchedule;
  readonly workerId?: string;
  /**
   * How long a claimed delivery or a poller's stream stays reserved for its process: after a crash,
   * the work is picked up again this long after it was taken.
   */
  readonly leaseMs?: number;
  /** How long a cached mapping table is trusted before its version is checked (another instance's change). */
  readonly mappingRefreshMs?: number;
}

const ENGINE_OPTIONS = Symbol('ENGINE_OPTIONS');

/** Starts the engine's loops with the application and stops them (finishing in-flight work) before the pool closes. */
class EngineLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runner: EngineRunner,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.runLoops) this.runner.start();
  }

  /** Before any module's shutdown hook, so the database pool is still open while in-flight work finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

/** Writes the providers' default mapping rows the first time the tables are seen (any role: API or worker). */
class MappingBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly mappings: MappingService,
    private readonly defaults: readonly MappingDefaults[],
    private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const added = await this.mappings.ensureDefaults(this.defaults);
    if (Object.values(added).some((n) => n > 0)) this.logger.info({ added }, "mapping tables seeded with the documents' defaults");
  }
}

/**
 * The engine inside the hub. Connector factories come from the app (CONNECTOR_FACTORIES), so
 * the engine never imports a connector.
 */
@Module({})
export class EngineModule {
  static forRoot(options: EngineOptions): DynamicModule {
    const workerId = options.workerId ?? defaultWorkerId();
    const leaseMs = options.leaseMs ?? 60_000;
    return {
      module: EngineModule,
      providers: [
        { provide: ENGINE_OPTIONS, useValue: options },
        { provide: CredentialCipher, useValue: new CredentialCipher(options.masterKey) },
        {
          provide: CallTraceWriter,
          useFactory: (ds: DataSource, calls: ProviderCallRepository) => new CallTraceWriter(ds.manager, calls),
          inject: [DataSource, ProviderCallRepository],
        },
        {
          provide: ConnectorRegistry,
          useFactory: (
            ds: DataSource,
            connections: ConnectionRepository,
            cipher: CredentialCipher,
            factories: ConnectorFactory[],
            traces: CallTraceWriter,
          ) => new ConnectorRegistry(ds.manager, connections, cipher, factories, traces),
          inject: [DataSource, ConnectionRepository, CredentialCipher, CONNECTOR_FACTORIES, CallTraceWriter],
        },
        {
          provide: MappingService,
          useFactory: (ds: DataSource, tx: TransactionRunner, repository: MappingRepository) =>
            new MappingService(ds.manager, tx, repository, { refreshMs: options.mappingRefreshMs ?? 1_000 }),
          inject: [DataSource, TransactionRunner, MappingRepository],
        },
        {
          provide: MappingBootstrap,
          useFactory: (mappings: MappingService, defaults: MappingDefaults[] | undefined) =>
            new MappingBootstrap(mappings, defaults ?? [], options.logger.child({ component: 'mappings' })),
          inject: [MappingService, { token: MAPPING_DEFAULTS, optional: true }],
        },
        {
          provide: InventoryIntake,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            inventory: InventoryRepository,
            cursors: SyncCursorRepository,
            outbox: OutboxRepository,
            mappings: MappingService,
          ) => {
            const log = options.logger.child({ component: 'inventory' });
            return new InventoryIntake(ds.manager, tx, inventory, cursors, { owner: workerId, leaseMs }, outbox, mappings, (numbers) =>
              log.warn(
                { unmapped: numbers.slice(0, 20), count: numbers.length },
                'stock figures name products the SKU cross-reference does not know',
              ),
            );
          },
          inject: [DataSource, TransactionRunner, InventoryRepository, SyncCursorRepository, OutboxRepository, MappingService],
        },
        {
          provide: InventoryPusher,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            inventory: InventoryRepository,
            queue: StockPushQueueRepository,
            cursors: SyncCursorRepository,
          ) => new InventoryPusher(ds.manager, tx, inventory, queue, cursors, { owner: workerId, leaseMs }),
          inject: [DataSource, TransactionRunner, InventoryRepository, StockPushQueueRepository, SyncCursorRepository],
        },
        {
          provide: OutboxDispatcher,
          useFactory: (tx: TransactionRunner, outbox: OutboxRepository, deliveries: DeliveryRepository, routes: RouteRepository) =>
            new OutboxDispatcher(tx, outbox, deliveries, routes),
          inject: [TransactionRunner, OutboxRepository, DeliveryRepository, RouteRepository],
        },
        {
          provide: DeliveryWorker,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            deliveries: DeliveryRepository,
            outbox: OutboxRepository,
            registry: ConnectorRegistry,
            orders: OrderRepository,
            refs: ExternalRefRepository,
            mappings: MappingService,
            products: ProductRepository,
            prices: PriceRepository,
            inventory: InventoryRepository,
          ) =>
            new DeliveryWorker(
              ds.manager,
              deliveries,
              outbox,
              registry,
              [
                new ForwardOrderHandler(ds.manager, tx, orders, refs, mappings),
                new ConfirmShipmentHandler(ds.manager, orders, mappings),
                new AnswerCancellationHandler(ds.manager, tx, orders),
                new PublishProductHandler(ds.manager, tx, products, refs),
                new SetSkuEnabledHandler(ds.manager, products),
                new PushPricesHandler(ds.manager, tx, prices),
                new CancelByBrandHandler(ds.manager, orders),
                // Reconciliation repairs (libs/reports) are deliveries of these capabilities.
                new PushStockHandler(ds.manager),
                new PushPriceHandler(ds.manager),
                new ReimportStockHandler(tx, inventory),
                new AcknowledgeReturnHandler(),
              ],
              { ...DEFAULT_WORKER_OPTIONS, workerId, leaseMs },
            ),
          inject: [
            DataSource,
            TransactionRunner,
            DeliveryRepository,
            OutboxRepository,
            ConnectorRegistry,
            OrderRepository,
            ExternalRefRepository,
            MappingService,
            ProductRepository,
            PriceRepository,
            InventoryRepository,
          ],
        },
        {
          provide: PublishProduct,
          useFactory: (ds: DataSource, tx: TransactionRunner, products: ProductRepository, routes: RouteRepository) =>
            new PublishProduct(ds.manager, tx, products, routes),
          inject: [DataSource, TransactionRunner, ProductRepository, RouteRepository],
        },
        {
          provide: ChangePrices,
          useFactory: (ds: DataSource, tx: TransactionRunner, prices: PriceRepository, routes: RouteRepository) =>
            new ChangePrices(ds.manager, tx, prices, routes),
          inject: [DataSource, TransactionRunner, PriceRepository, RouteRepository],
        },
        {
          provide: MarketplaceReturnIntake,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            orders: OrderRepository,
            returns: ReturnRepository,
            cursors: SyncCursorRepository,
          ) =>
            new MarketplaceReturnIntake(ds.manager, tx, orders, returns, cursors, {
              owner: workerId,
              leaseMs,
              lookbackMs: 30 * 86_400_000,
            }),
          inject: [DataSource, TransactionRunner, OrderRepository, ReturnRepository, SyncCursorRepository],
        },
        {
          provide: MarketplaceOrderIntake,
          useFactory: (ds: DataSource, tx: TransactionRunner, orders: OrderRepository, cursors: SyncCursorRepository) =>
            new MarketplaceOrderIntake(ds.manager, tx, orders, cursors, {
              owner: workerId,
              leaseMs,
              initialLookbackMs: 7 * 86_400_000,
              overlapMs: 5 * 60_000,
            }),
          inject: [DataSource, TransactionRunner, OrderRepository, SyncCursorRepository],
        },
        {
          provide: MarketplaceChangeIntake,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            orders: OrderRepository,
            cursors: SyncCursorRepository,
            mappings: MappingService,
          ) =>
            new MarketplaceChangeIntake(
              ds.manager,
              tx,
              orders,
              cursors,
              { owner: workerId, leaseMs, initialLookbackMs: 7 * 86_400_000, overlapMs: 5 * 60_000 },
              () => Instant.now(),
              mappings,
            ),
          inject: [DataSource, TransactionRunner, OrderRepository, SyncCursorRepository, MappingService],
        },
        {
          provide: WmsSkuIntake,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            repository: MappingRepository,
            mappings: MappingService,
            cursors: SyncCursorRepository,
          ) => {
            const log = options.logger.child({ component: 'wms-skus' });
            return new WmsSkuIntake(ds.manager, tx, repository, mappings, cursors, { owner: workerId, leaseMs }, (connection, conflicts) =>
              log.warn(
                { connection, conflicts: conflicts.slice(0, 20), count: conflicts.length },
                'WMS SKU master differs from the SKU cross-reference; the cross-reference is kept',
              ),
            );
          },
          inject: [DataSource, TransactionRunner, MappingRepository, MappingService, SyncCursorRepository],
        },
        {
          provide: OrderSystemOrderIntake,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            orders: OrderRepository,
            refs: ExternalRefRepository,
            outbox: OutboxRepository,
            cursors: SyncCursorRepository,
            mappings: MappingService,
          ) =>
            new OrderSystemOrderIntake(
              ds.manager,
              tx,
              orders,
              refs,
              outbox,
              cursors,
              { owner: workerId, leaseMs, initialLookbackMs: 7 * 86_400_000, overlapMs: 5 * 60_000 },
              () => Instant.now(),
              mappings,
            ),
          inject: [
            DataSource,
            TransactionRunner,
            OrderRepository,
            ExternalRefRepository,
            OutboxRepository,
            SyncCursorRepository,
            MappingService,
          ],
        },
        {
          provide: LogisticsShipmentIntake,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            orders: OrderRepository,
            shipments: ShipmentRepository,
            cursors: SyncCursorRepository,
          ) =>
            new LogisticsShipmentIntake(ds.manager, tx, orders, shipments, cursors, {
              owner: workerId,
              leaseMs,
              initialLookbackMs: 7 * 86_400_000,
              overlapMs: 5 * 60_000,
            }),
          inject: [DataSource, TransactionRunner, OrderRepository, ShipmentRepository, SyncCursorRepository],
        },
        {
          provide: InboxProcessor,
          useFactory: (
            ds: DataSource,
            tx: TransactionRunner,
            inbox: WebhookInboxProcessingRepository,
            orders: OrderRepository,
            shipments: ShipmentRepository,
            parcels: ShipmentParcelRepository,
            crossReference: SkuCrossReferenceRepository,
            registry: ConnectorRegistry,
          ) =>
            new InboxProcessor(
              ds.manager,
              tx,
              inbox,
              orders,
              shipments,
              parcels,
              crossReference,
              registry,
              { ...DEFAULT_INBOX_OPTIONS, owner: workerId, leaseMs },
              options.logger.child({ component: 'inbox' }),
            ),
          inject: [
            DataSource,
            TransactionRunner,
            WebhookInboxProcessingRepository,
            OrderRepository,
            ShipmentRepository,
            ShipmentParcelRepository,
            SkuCrossReferenceRepository,
            ConnectorRegistry,
          ],
        },
        {
          provide: EngineRunner,
          useFactory: (
            ds: DataSource,
            connections: ConnectionRepository,
            registry: ConnectorRegistry,
            dispatcher: OutboxDispatcher,
            worker: DeliveryWorker,
            orderIntake: MarketplaceOrderIntake,
            shipmentIntake: LogisticsShipmentIntake,
            traces: CallTraceWriter,
            changeIntake: MarketplaceChangeIntake,
            inventoryIntake: InventoryIntake,
            inventoryPusher: InventoryPusher,
            routes: RouteRepository,
            returnIntake: MarketplaceReturnIntake,
            inboxProcessor: InboxProcessor,
            orderSystemIntake: OrderSystemOrderIntake,
            wmsSkuIntake: WmsSkuIntake,
          ) =>
            new EngineRunner(
              ds.manager,
              connections,
              registry,
              dispatcher,
              worker,
              orderIntake,
              shipmentIntake,
              traces,
              options.logger.child({ component: 'engine' }),
              options.schedule ?? DEFAULT_SCHEDULE,
              changeIntake,
              { intake: inventoryIntake, pusher: inventoryPusher, routes },
              returnIntake,
              inboxProcessor,
              orderSystemIntake,
              wmsSkuIntake,
            ),
          inject: [
            DataSource,
            ConnectionRepository,
            ConnectorRegistry,
            OutboxDispatcher,
            DeliveryWorker,
            MarketplaceOrderIntake,
            LogisticsShipmentIntake,
            CallTraceWriter,
            MarketplaceChangeIntake,
            InventoryIntake,
            InventoryPusher,
            RouteRepository,
            MarketplaceReturnIntake,
            InboxProcessor,
            OrderSystemOrderIntake,
            WmsSkuIntake,
          ],
        },
        EngineLifecycle,
      ],
      exports: [
        ConnectorRegistry,
        EngineRunner,
        CredentialCipher,
        OutboxDispatcher,
        DeliveryWorker,
        MappingService,
        PublishProduct,
        ChangePrices,
        InboxProcessor,
      ],
    };
  }
}
