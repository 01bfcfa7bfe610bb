import { BeforeApplicationShutdown, DynamicModule, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CredentialCipher } from '@serai/common';
import {
  ConnectionRepository,
  DeliveryRepository,
  ExternalRefRepository,
  InventoryRepository,
  OrderRepository,
  OutboxRepository,
  ProviderCallRepository,
  RouteRepository,
  ShipmentRepository,
  SyncCursorRepository,
  TransactionRunner,
} from '@serai/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConnectorRegistry } from './connections/connector-registry';
import { DEFAULT_WORKER_OPTIONS, DeliveryWorker } from './delivery/delivery-worker';
import { OutboxDispatcher } from './delivery/outbox-dispatcher';
import { AnswerCancellationHandler } from './flows/answer-cancellation.handler';
import { ConfirmShipmentHandler } from './flows/confirm-shipment.handler';
import { ForwardOrderHandler } from './flows/forward-order.handler';
import { AcknowledgeReturnHandler } from './flows/acknowledge-return.handler';
import { PushPriceHandler } from './flows/push-price.handler';
import { PushStockHandler } from './flows/push-stock.handler';
import { ReimportStockHandler } from './flows/reimport-stock.handler';
import { CONNECTOR_FACTORIES, ConnectorFactory } from './ports/connector-factory';
import { DEFAULT_SCHEDULE, defaultWorkerId, EngineRunner, EngineSchedule } from './runtime/engine-runner';
import { LogisticsShipmentIntake } from './sync/logistics-shipment-intake';
import { MarketplaceChangeIntake } from './sync/marketplace-change-intake';
import { MarketplaceOrderIntake } from './sync/marketplace-order-intake';
import { Instant } from '@serai/domain';
import { CallTraceWriter } from './tracing/call-trace-writer';

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
            inventory: InventoryRepository,
          ) =>
            new DeliveryWorker(
              ds.manager,
              deliveries,
              outbox,
              registry,
              [
                new ForwardOrderHandler(ds.manager, tx, orders, refs),
                new ConfirmShipmentHandler(ds.manager, orders),
                new AnswerCancellationHandler(ds.manager, tx, orders),
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
            InventoryRepository,
          ],
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
          useFactory: (ds: DataSource, tx: TransactionRunner, orders: OrderRepository, cursors: SyncCursorRepository) =>
            new MarketplaceChangeIntake(
              ds.manager,
              tx,
              orders,
              cursors,
              { owner: workerId, leaseMs, initialLookbackMs: 7 * 86_400_000, overlapMs: 5 * 60_000 },
              () => Instant.now(),
            ),
          inject: [DataSource, TransactionRunner, OrderRepository, SyncCursorRepository],
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
          ],
        },
        EngineLifecycle,
      ],
      exports: [ConnectorRegistry, EngineRunner, CredentialCipher, OutboxDispatcher, DeliveryWorker],
    };
  }
}
