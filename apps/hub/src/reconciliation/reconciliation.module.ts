import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Global, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HUB_CONFIG, HubConfig, Logger } from '@serai/common';
import { ConnectorRegistry } from '@serai/engine';
import { ConnectionRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import {
  DEFAULT_RECONCILIATION_SCHEDULE,
  DiscrepancyRepairer,
  DiscrepancyRepository,
  ObservationRepository,
  ReconciliationLoop,
  ReconciliationRunner,
  ReconciliationRunRepository,
  ReconciliationScheduler,
  RepairDeliveryRepository,
} from '@serai/reports';
import { DataSource } from 'typeorm';
import { HUB_LOGGER } from '../runtime/hub-logger.token';

/** Starts the reconciliation loop in worker processes (HUB_ROLE worker or all) and stops it before the pool closes. */
class ReconciliationLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly loop: ReconciliationLoop,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role !== 'api') this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}

/**
 * Reconciliation inside the hub: run, discrepancy and observation repositories, the runner (reads
 * through the engine's connector registry), the daily schedule and the repairer. Global, so the
 * API module and the back office reach the same instances.
 */
@Global()
@Module({
  providers: [
    ReconciliationRunRepository,
    DiscrepancyRepository,
    ObservationRepository,
    RepairDeliveryRepository,
    {
      provide: ReconciliationRunner,
      useFactory: (
        ds: DataSource,
        tx: TransactionRunner,
        runs: ReconciliationRunRepository,
        observations: ObservationRepository,
        discrepancies: DiscrepancyRepository,
        connections: ConnectionRepository,
        registry: ConnectorRegistry,
        logger: Logger,
        config: HubConfig,
      ) =>
        new ReconciliationRunner(
          ds.manager,
          tx,
          runs,
          observations,
          discrepancies,
          connections,
          registry,
          logger.child({ component: 'reconciliation' }),
          {
            owner: `${hostname()}:${process.pid}:reconciliation`,
            leaseMs: config.engine.leaseMs,
            defaultReadPagesPerSecond: 5,
          },
        ),
      inject: [
        DataSource,
        TransactionRunner,
        ReconciliationRunRepository,
        ObservationRepository,
        DiscrepancyRepository,
        ConnectionRepository,
        ConnectorRegistry,
        HUB_LOGGER,
        HUB_CONFIG,
      ],
    },
    {
      provide: ReconciliationScheduler,
      useFactory: (ds: DataSource, runs: ReconciliationRunRepository, connections: ConnectionRepository, logger: Logger) =>
        new ReconciliationScheduler(
          ds.manager,
          runs,
          connections,
          DEFAULT_RECONCILIATION_SCHEDULE,
          logger.child({ component: 'reconciliation' }),
        ),
      inject: [DataSource, ReconciliationRunRepository, ConnectionRepository, HUB_LOGGER],
    },
    {
      provide: ReconciliationLoop,
      useFactory: (scheduler: ReconciliationScheduler, runner: ReconciliationRunner, logger: Logger, config: HubConfig) =>
        new ReconciliationLoop(
          scheduler,
          runner,
          { ...DEFAULT_RECONCILIATION_SCHEDULE, queuesDueRuns: config.reconciliation.scheduled },
          logger.child({ component: 'reconciliation' }),
        ),
      inject: [ReconciliationScheduler, ReconciliationRunner, HUB_LOGGER, HUB_CONFIG],
    },
    {
      provide: DiscrepancyRepairer,
      useFactory: (
        tx: TransactionRunner,
        discrepancies: DiscrepancyRepository,
        deliveries: RepairDeliveryRepository,
        connections: ConnectionRepository,
        routes: RouteRepository,
        logger: Logger,
      ) => new DiscrepancyRepairer(tx, discrepancies, deliveries, connections, routes, logger.child({ component: 'reconciliation' })),
      inject: [TransactionRunner, DiscrepancyRepository, RepairDeliveryRepository, ConnectionRepository, RouteRepository, HUB_LOGGER],
    },
    ReconciliationLifecycle,
  ],
  exports: [ReconciliationRunRepository, DiscrepancyRepository, ReconciliationLoop, ReconciliationRunner, DiscrepancyRepairer],
})
export class ReconciliationModule {}
