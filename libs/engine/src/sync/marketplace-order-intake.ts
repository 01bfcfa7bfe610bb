import { randomUUID } from 'node:crypto';
import { Instant, Order } from '@serai/domain';
import type { OrderRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { OrderSource, SourcedOrder, TimeWindow } from '../ports/capabilities';
import { PrefetchingPages } from './prefetching-pages';

export const NEW_ORDERS_STREAM = 'marketplace-new-orders';

/** Walks over the new-orders list in one run; bounded so an order the source will not let go cannot loop forever. */
const MAX_WALKS = 1_000;
const STRANDED_BATCH = 100;
/** Orders acknowledged in one call: Nengmao's status/confirmation takes lists of up to 1,000 numbers. */
const DEFAULT_ACKNOWLEDGE_BATCH = 1_000;

export interface IntakeOptions {
  /** Who holds the stream's lease (hub instance id). */
  readonly owner: string;
  readonly leaseMs: number;
  /** How far back the new-orders list is read (orders not acknowledged within it are not pulled). */
  readonly initialLookbackMs: number;
  /** Kept for streams read by time window; the new-orders list needs no overlap. */
  readonly overlapMs: number;
  /** Stored orders acknowledged together (default 1,000); the connector splits to the provider's own limit. */
  readonly acknowledgeBatch?: number;
}

export interface IntakeResult {
  readonly read: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly acknowledged: number;
  readonly acknowledgeFailures: number;
}

/**
 * Marketplace order intake: pull new orders, store each canonically (with its OrderReceived
 * event), and only after that commit tell the marketplace they are retrieved — then record the
 * acknowledgement (OrderAcknowledged, which routes the order onwards). A crash anywhere leaves
 * the marketplace still listing the order as new: the next run reads it again, finds it stored,
 * and acknowledges it; nothing is lost and nothing is stored twice.
 */
export class MarketplaceOrderIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: IntakeOptions,
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  /** One run for one connection; answers undefined when another instance holds the stream. */
  async run(connectionId: string, connectionName: string, source: OrderSource): Promise<IntakeResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, NEW_ORDERS_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    // The list of new orders is its own cursor: an order leaves it once acknowledged. So every run
    // looks back the whole lookback (not from the last run). Pages are stored as they come (one
    // transaction per page) and acknowledged in batches; acknowledging shifts the list, so the
    // walk then starts again from its first page, which by then holds the orders not yet seen.
    // A walk that acknowledged nothing ends the run.
    const to = this.now();
    const window: TimeWindow = { from: to.plusMillis(-this.options.initialLookbackMs), to };
    const totals = { read: 0, stored: 0, duplicates: 0, acknowledged: 0, acknowledgeFailures: 0 };
    const batch = this.options.acknowledgeBatch ?? DEFAULT_ACKNOWLEDGE_BATCH;
    const acknowledge = async (numbers: readonly string[]): Promise<number> => {
      if (numbers.length === 0) return 0;
      const answer = await source.acknowledgeOrders(numbers);
      totals.acknowledgeFailures += answer.failed.length;
      totals.acknowledged += await this.recordAcknowledgements(connectionName, answer.succeeded);
      return answer.succeeded.length;
    };
    try {
      for (let walk = 0; walk < MAX_WALKS; walk += 1) {
        let pending: string[] = [];
        let changed = 0;
        const pages = new PrefetchingPages(source.pullNewOrders(window));
        try {
          for (let page = await pages.next(); page !== undefined; page = await pages.next()) {
            // Read the next page while this one is stored, unless this one completes a list to
            // acknowledge: that moves the list, and a page read before it would be read for nothing.
            if (pending.length + page.length < batch) pages.prefetch();
            totals.read += page.length;
            const stored = await this.storePage(connectionName, page);
            totals.stored += stored;
            totals.duplicates += page.length - stored;
            pending.push(...page.map((sourced) => sourced.order.source.externalOrderNumber));
            if (pending.length >= batch) {
              changed = await acknowledge(pending);
              pending = [];
              // The list moved under the walk: begin again at its first page.
              if (changed > 0) break;
            }
          }
        } finally {
          pages.close();
        }
        if (pending.length > 0) changed += await acknowledge(pending);
        if (changed === 0) break;
      }
      // A crash between the marketplace's acknowledgement and ours leaves an order stored as
      // `received` that the marketplace no longer lists as new: acknowledge such orders again
      // (the marketplace accepts a repeated confirmation) and record it, so none is stranded.
      for (;;) {
        const stranded = await this.orders.findExternalNumbersByStatus(this.db, connectionName, 'received', STRANDED_BATCH);
        if (stranded.length === 0) break;
        const acknowledged = await source.acknowledgeOrders(stranded);
        totals.acknowledgeFailures += acknowledged.failed.length;
        const recorded = await this.recordAcknowledgements(connectionName, acknowledged.succeeded);
        totals.acknowledged += recorded;
        if (recorded === 0 || stranded.length < STRANDED_BATCH) break;
      }
      await this.cursors.advance(this.db, lease, { to: to.toISOString() });
      await this.cursors.release(this.db, lease);
      return totals;
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Stores a page in one transaction; answers how many of its orders were new (the rest were stored before). */
  private async storePage(connectionName: string, page: readonly SourcedOrder[]): Promise<number> {
    const received = page.map((sourced) => ({
      order: Order.receive({ ...sourced.order, id: randomUUID(), source: { ...sourced.order.source, connectionName } }, this.now()),
      raw: sourced.raw,
    }));
    return (await this.tx.run((m) => this.orders.insertMany(m, received))).size;
  }

  /** Marks stored orders acknowledged (once: an order already past `received` is left alone). */
  private async recordAcknowledgements(connectionName: string, externalOrderNumbers: readonly string[]): Promise<number> {
    if (externalOrderNumbers.length === 0) return 0;
    return this.tx.run(async (m) => {
      const changes = [];
      for (const found of await this.orders.findManyBySource(m, connectionName, externalOrderNumbers)) {
        if (found.order.status !== 'received') continue;
        found.order.acknowledge(this.now());
        changes.push({ order: found.order, expectedVersion: found.version });
      }
      await this.orders.updateMany(m, changes);
      return changes.length;
    });
  }
}
