import { Instant } from '@serai/domain';
import type { ProviderConnector, TimeWindow } from '@serai/engine/ports';
import type { ConnectionRepository, TransactionRunner } from '@serai/persistence';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { REPORT_KINDS } from '../kinds/all-kinds';
import type { Subject, SystemRole } from '../kinds/report-kind';
import { roleOfProvider } from '../kinds/system-role';
import type { DiscrepancyRepository } from './discrepancy.repository';
import { listedStockFacts, ObservedFacts, orderFacts, priceFacts, returnFacts, shipmentFacts, stockFigureFacts } from './observation-facts';
import type { ObservationRepository } from './observation.repository';
import type { ReconciliationRunRepository, RunRow } from './reconciliation-run.repository';

/** How the runner reaches a connection's connector (the engine's ConnectorRegistry in the hub). */
export interface ConnectorLookup {
  resolveByName(name: string): Promise<ProviderConnector | undefined>;
}

export interface RunnerOptions {
  readonly owner: string;
  readonly leaseMs: number;
  /** Pages per second per connection when the run names none. */
  readonly defaultReadPagesPerSecond: number;
  readonly now?: () => Instant;
}

interface ReadStep {
  readonly id: string;
  readonly connection: string;
  readonly role: SystemRole;
  readonly subject: Subject;
}

/** Thrown inside a run when it must stop: cancelled, taken over by another worker, or this worker is shutting down. */
class RunInterrupted extends Error {
  constructor(readonly reason: 'cancelled' | 'lost' | 'stopping') {
    super(`run ${reason}`);
  }
}

const SKU_CHUNK = 1000;

/**
 * Executes reconciliation runs: reads what each system says now through the connectors' ledgers
 * (page by page, paced, with the lease renewed and cancellation checked on every page), then
 * compares each kind in SQL, closes what is gone, and writes the day's summary. Each finished
 * step is checkpointed, so a run taken over after a crash resumes after its last finished step.
 */
export class ReconciliationRunner {
  private stopRequested = false;

  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly runs: ReconciliationRunRepository,
    private readonly observations: ObservationRepository,
    private readonly discrepancies: DiscrepancyRepository,
    private readonly connections: ConnectionRepository,
    private readonly connectors: ConnectorLookup,
    private readonly logger: Logger,
    private readonly options: RunnerOptions,
  ) {}

  /**
   * Asks the run in progress to pause at its next page or step (shutdown): it keeps its checkpoint and
   * is resumed by the next worker, instead of holding the process past its grace period.
   */
  requestStop(): void {
    this.stopRequested = true;
  }

  /** Lets runs be claimed again after a stop (the worker restarted in the same process). */
  resume(): void {
    this.stopRequested = false;
  }

  /** Claims and executes one run; answers its id, or undefined when none was waiting (or the worker is stopping). */
  async runOnce(): Promise<string | undefined> {
    if (this.stopRequested) return undefined;
    const run = await this.runs.claim(this.db, this.options.owner, this.options.leaseMs);
    if (!run) return undefined;
    await this.execute(run);
    return run.id;
  }

  private async execute(run: RunRow): Promise<void> {
    const log = this.logger.child({ run: run.id });
    try {
      const steps = await this.readSteps(run);
      const compareSteps = run.kinds.map((kind) => `compare|${kind}`);
      const total = steps.length + compareSteps.length + 1;
      const done = new Set(run.checkpoint.done);
      let stepsDone = done.size;
      let itemsRead = run.itemsRead;
      const startedAt = Date.now();
      const firstDone = stepsDone;
      const eta = (): Date | null => {
        const progressed = stepsDone - firstDone;
        if (progressed <= 0) return null;
        return new Date(Date.now() + ((Date.now() - startedAt) / progressed) * (total - stepsDone));
      };
      await this.beat(run, { phase: 'reading', stepsTotal: total, stepsDone });

      for (const step of steps) {
        if (done.has(step.id)) continue;
        const connector = await this.connectors.resolveByName(step.connection);
        if (!connector) throw new Error(`connection ${step.connection} is disabled or gone`);
        await this.observations.clearStep(this.db, run.id, step.connection, step.subject);
        const pacer = pacing(run.options.readPagesPerSecond ?? this.options.defaultReadPagesPerSecond);
        for await (const page of this.read(run, step, connector)) {
          await this.observations.write(this.db, run.id, step.connection, step.role, step.subject, page);
          itemsRead += page.length;
          await this.beat(run, { phase: `reading ${step.subject} from ${step.connection}`, itemsRead });
          await pacer();
        }
        stepsDone += 1;
        await this.runs.checkpoint(this.db, run.id, this.options.owner, step.id, stepsDone, itemsRead);
        await this.beat(run, { phase: 'reading', etaAt: eta() });
      }

      let found = 0;
      for (const kindName of run.kinds) {
        const step = `compare|${kindName}`;
        const kind = REPORT_KINDS[kindName];
        await this.beat(run, { phase: `comparing ${kindName}` });
        if (!done.has(step)) {
          await this.tx.run(async (m) => {
            await this.discrepancies.recordFindings(m, run.id, kind, run, run.options);
            await this.discrepancies.closeResolved(m, run.id, kindName, run.connections, run);
          });
          stepsDone += 1;
          await this.runs.checkpoint(this.db, run.id, this.options.owner, step, stepsDone, itemsRead);
          await this.beat(run, { phase: `compared ${kindName}`, etaAt: eta() });
        }
      }
      await this.beat(run, { phase: 'summarising' });
      await this.tx.run(async (m) => {
        await this.discrepancies.summarise(m, run.id, run.kinds, run.connections);
        const counted = (await m.query(`SELECT count(*)::int AS n FROM discrepancy WHERE run_id = $1`, [run.id])) as { n: number }[];
        found = counted[0]?.n ?? 0;
        if (!(await this.runs.finish(m, run.id, this.options.owner, 'completed', { discrepancies: found })))
          throw new RunInterrupted('lost');
      });
      log.info({ discrepancies: found, itemsRead }, 'reconciliation completed');
      // The discrepancies carry both sides' values; the observations were scratch, dropped once the run is complete.
      await this.observations.clearRun(this.db, run.id);
    } catch (error) {
      if (error instanceof RunInterrupted) {
        if (error.reason === 'cancelled') {
          await this.observations.clearRun(this.db, run.id);
          await this.runs.finish(this.db, run.id, this.options.owner, 'cancelled', {});
          log.info('reconciliation cancelled');
        } else if (error.reason === 'stopping') {
          const released = await this.runs.release(this.db, run.id, this.options.owner);
          log.info({ released }, 'reconciliation paused for shutdown; it resumes from its checkpoint');
        } else log.warn('reconciliation taken over by another worker');
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      await this.runs.finish(this.db, run.id, this.options.owner, 'failed', { error: message });
      log.warn({ err: error }, 'reconciliation failed');
    }
  }

  /** Renews the lease with the progress; stops the run when it was cancelled or taken over. */
  private async beat(run: RunRow, progress: Parameters<ReconciliationRunRepository['heartbeat']>[4]): Promise<void> {
    const state = await this.runs.heartbeat(this.db, run.id, this.options.owner, this.options.leaseMs, progress);
    if (!state.owned) throw new RunInterrupted('lost');
    if (state.cancelRequested) throw new RunInterrupted('cancelled');
    if (this.stopRequested) throw new RunInterrupted('stopping');
  }

  /** The reads the run's kinds need, for the connections that offer them. */
  private async readSteps(run: RunRow): Promise<ReadStep[]> {
    const steps: ReadStep[] = [];
    for (const name of run.connections) {
      const connection = await this.connections.findByName(this.db, name);
      if (!connection) throw new Error(`connection ${name} does not exist`);
      const role = roleOfProvider(connection.provider);
      const subjects = new Set(run.kinds.flatMap((kind) => REPORT_KINDS[kind].reads.filter((r) => r.role === role).map((r) => r.subject)));
      const connector = await this.connectors.resolveByName(name);
      if (!connector) throw new Error(`connection ${name} is disabled`);
      for (const subject of subjects)
        if (offers(connector, role, subject)) steps.push({ id: `${name}|${role}|${subject}`, connection: name, role, subject });
    }
    return steps;
  }

  private async *read(run: RunRow, step: ReadStep, connector: ProviderConnector): AsyncGenerator<readonly ObservedFacts[]> {
    const now = this.options.now?.() ?? Instant.now();
    const window: TimeWindow = { from: Instant.fromEpochMillis(run.from.getTime()), to: Instant.fromEpochMillis(run.to.getTime()) };
    switch (step.subject) {
      case 'order':
        if (connector.orderLedger) for await (const page of connector.orderLedger.listOrders(window)) yield page.map(orderFacts);
        return;
      case 'shipment':
        // A package ships after its order was placed: read from the window's start until now.
        if (connector.shipmentSource)
          for await (const page of connector.shipmentSource.pullShipments({ from: window.from, to: now })) yield page.map(shipmentFacts);
        return;
      case 'stock':
        if (step.role !== 'marketplace' && connector.inventorySource) {
          for await (const page of connector.inventorySource.pullInventory()) yield page.map(stockFigureFacts);
        } else if (connector.stockLedger) {
          for await (const skus of this.skuChunks())
            for await (const page of connector.stockLedger.listStocks(skus)) yield page.map(listedStockFacts);
        }
        return;
      case 'price':
        if (connector.priceLedger)
          for await (const skus of this.skuChunks())
            for await (const page of connector.priceLedger.listPrices(skus)) yield page.map(priceFacts);
        return;
      case 'return':
        if (connector.returnLedger) for await (const page of connector.returnLedger.listReturns(window)) yield page.map(returnFacts);
        return;
    }
  }

  private async *skuChunks(): AsyncGenerator<string[]> {
    let after = '';
    for (;;) {
      const skus = await this.observations.canonicalSkus(this.db, after, SKU_CHUNK);
      if (skus.length === 0) return;
      yield skus;
      after = skus[skus.length - 1];
    }
  }
}

/** Whether a connector can answer a read of this subject in this role. */
function offers(connector: ProviderConnector, role: SystemRole, subject: Subject): boolean {
  switch (subject) {
    case 'order':
      return connector.orderLedger !== undefined;
    case 'shipment':
      return connector.shipmentSource !== undefined;
    case 'stock':
      return role === 'marketplace' ? connector.stockLedger !== undefined : connector.inventorySource !== undefined;
    case 'price':
      return connector.priceLedger !== undefined;
    case 'return':
      return connector.returnLedger !== undefined;
  }
}

/** Waits as needed so pages come no faster than `perSecond` (a run must not crowd out the engine's calls). */
function pacing(perSecond: number): () => Promise<void> {
  const gapMs = perSecond > 0 ? 1000 / perSecond : 0;
  let last = 0;
  return async () => {
    const wait = last + gapMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    last = Date.now();
  };
}
