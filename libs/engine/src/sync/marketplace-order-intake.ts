import { randomUUID } from 'node:crypto';
import { Instant, Order } from '@serai/domain';
import type { DuplicateOrder, OrderRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { OrderSource, SourcedOrder, TimeWindow } from '../ports/capabilities';

export const NEW_ORDERS_STREAM = 'marketplace-new-orders';

/** Passes over the new-orders list in one run; bounded so an order the source will not let go cannot loop forever. */
const MAX_PASSES = 20;
const STRANDED_BATCH = 100;

export interface IntakeOptions {
  /** Who holds the stream's lease (hub instance id). */
  readonly owner: string;
  readonly leaseMs: number;
  /** How far back the new-orders list is read (orders not acknowledged within it are not pulled). */
  readonly initialLookbackMs: number;
  /** Kept for streams read by time window; the new-orders list needs no overlap. */
  readonly overlapMs: number;
}

export interface IntakeResult {
  readonly read: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly acknowledged: number;
  readonly acknowledgeFailures: number;
}

function isDuplicate(error: unknown): error is DuplicateOrder {
  return error instanceof Error && error.name === 'DuplicateOrder';
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
    // looks back the whole lookback (not from the last run), and passes over the list again while
    // a pass changed something: acknowledging a page shifts the ones behind it forward, and a
    // paged walk would otherwise skip them.
    const to = this.now();
    const window: TimeWindow = { from: to.plusMillis(-this.options.initialLookbackMs), to };
    const totals = { read: 0, stored: 0, duplicates: 0, acknowledged: 0, acknowledgeFailures: 0 };
    try {
      for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        let changed = 0;
        for await (const page of source.pullNewOrders(window)) {
          totals.read += page.length;
          // One transaction per page: a commit per order would cost more than the inserts.
          const outcomes = await this.tx.run(async (m) => {
            const stored: ('stored' | 'duplicate')[] = [];
            for (const sourced of page) stored.push(await this.store(m, connectionName, sourced));
            return stored;
          });
          totals.stored += outcomes.filter((o) => o === 'stored').length;
          totals.duplicates += outcomes.filter((o) => o === 'duplicate').length;
          const toAcknowledge = page.map((sourced) => sourced.order.source.externalOrderNumber);
          const acknowledged = await source.acknowledgeOrders(toAcknowledge);
          totals.acknowledgeFailures += acknowledged.failed.length;
          changed += acknowledged.succeeded.length;
          totals.acknowledged += await this.recordAcknowledgements(connectionName, acknowledged.succeeded);
        }
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

  private async store(tx: EntityManager, connectionName: string, sourced: SourcedOrder): Promise<'stored' | 'duplicate'> {
    const order = Order.receive({ ...sourced.order, id: randomUUID(), source: { ...sourced.order.source, connectionName } }, this.now());
    try {
      // A duplicate is rolled back to its own savepoint inside insert(); the page's transaction goes on.
      await this.orders.insert(tx, order, sourced.raw);
      return 'stored';
    } catch (error) {
      if (isDuplicate(error)) return 'duplicate';
      throw error;
    }
  }

  /** Marks stored orders acknowledged (once: an order already past `received` is left alone). */
  private async recordAcknowledgements(connectionName: string, externalOrderNumbers: readonly string[]): Promise<number> {
    return this.tx.run(async (m) => {
      let count = 0;
      for (const number of externalOrderNumbers) {
        const found = await this.orders.findBySource(m, connectionName, number);
        if (!found || found.order.status !== 'received') continue;
        found.order.acknowledge(this.now());
        await this.orders.update(m, found.order, found.version);
        count += 1;
      }
      return count;
    });
  }
}
