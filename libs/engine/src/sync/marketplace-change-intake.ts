import { DomainError, Instant } from '@serai/domain';
import type { OrderRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { OrderStatusLookup, withMappedStatus } from '../mapping/source-status';
import type { OrderSource, SourcedOrder } from '../ports/capabilities';

export const CHANGED_ORDERS_STREAM = 'marketplace-changed-orders';

export interface ChangeIntakeResult {
  readonly read: number;
  readonly cancellationRequests: number;
  /** Changes for orders Serai never stored (they arrive through the new-orders list). */
  readonly unknown: number;
  readonly unchanged: number;
}

/**
 * Cancellation, marketplace side: orders the marketplace changed in the window are read (with
 * overlap) and a buyer's cancellation request becomes OrderCancellationRequested on the stored
 * order, which routes to the answer (accept or refuse). Reading a change twice changes nothing.
 */
export class MarketplaceChangeIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: {
      readonly owner: string;
      readonly leaseMs: number;
      readonly initialLookbackMs: number;
      readonly overlapMs: number;
    },
    private readonly now: () => Instant,
    /** The order-statuses table; without it the connector's own reading of a status stands. */
    private readonly statuses?: OrderStatusLookup,
  ) {}

  async run(connectionId: string, connectionName: string, source: OrderSource): Promise<ChangeIntakeResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, CHANGED_ORDERS_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    const to = this.now();
    const last = typeof lease.position.to === 'string' ? Instant.parse(lease.position.to) : undefined;
    const window = { from: last ? last.plusMillis(-this.options.overlapMs) : to.plusMillis(-this.options.initialLookbackMs), to };
    const totals = { read: 0, cancellationRequests: 0, unknown: 0, unchanged: 0 };
    try {
      for await (const page of source.pullChangedOrders(window)) {
        for (const sourced of page) {
          totals.read += 1;
          totals[await this.apply(connectionName, sourced)] += 1;
        }
      }
      await this.cursors.advance(this.db, lease, { to: to.toISOString() });
      await this.cursors.release(this.db, lease);
      return totals;
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Applies one order read outside a poll (resync): the same change a poll would make, once. */
  applyOne(connectionName: string, read: SourcedOrder): Promise<'cancellationRequests' | 'unknown' | 'unchanged'> {
    return this.apply(connectionName, read);
  }

  private async apply(connectionName: string, read: SourcedOrder): Promise<'cancellationRequests' | 'unknown' | 'unchanged'> {
    const sourced = await withMappedStatus(this.statuses, read);
    if (!sourced.cancellationRequested) return 'unchanged';
    return this.tx.run(async (m) => {
      const found = await this.orders.findBySource(m, connectionName, sourced.order.source.externalOrderNumber);
      if (!found) return 'unknown' as const;
      if (found.order.status === 'cancellation_requested') return 'unchanged' as const;
      try {
        found.order.requestCancellation(`requested at ${connectionName} (status ${sourced.sourceStatus})`, this.now());
      } catch (error) {
        // Already shipped or cancelled: nothing to ask; the answer to the marketplace follows its status.
        if (error instanceof DomainError) return 'unchanged' as const;
        throw error;
      }
      await this.orders.update(m, found.order, found.version);
      return 'cancellationRequests' as const;
    });
  }
}
