import { randomUUID } from 'node:crypto';
import { DomainError, Instant, Order } from '@serai/domain';
import type { ExternalRefRepository, OrderRepository, OutboxRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { MappedSourcedOrder, OrderStatusLookup, withMappedStatus } from '../mapping/source-status';
import type { OrderSource, SourcedOrder } from '../ports/capabilities';

export const ORDER_SYSTEM_ORDERS_STREAM = 'order-system-orders';

export interface OrderSystemIntakeOptions {
  readonly owner: string;
  readonly leaseMs: number;
  readonly initialLookbackMs: number;
  /** Each window starts this much before the last one ended, so an order updated at the edge is not missed. */
  readonly overlapMs: number;
}

export interface OrderSystemIntakeResult {
  readonly read: number;
  /** Orders created directly in the order system, stored as canonical orders sourced from it. */
  readonly stored: number;
  /** Orders the hub knows (forwarded by it, or stored from the order system before). */
  readonly known: number;
  /** Known orders closed (or refund asked) there while open here, newly recorded as OrderSystemStatusReported. */
  readonly reported: number;
  /** The order number names orders of more than one source and the store's id is bound to none: left alone. */
  readonly ambiguous: number;
  /** Orders the canonical model refuses: not stored. */
  readonly refused: number;
}

type Outcome = 'stored' | 'known' | 'reported' | 'ambiguous' | 'refused';

/**
 * The order system's side of orders (Nomad Envoy): orders the store changed in the window are read
 * (windows overlap) and each is matched to the hub's orders — by the store's order id Serai bound
 * when it forwarded the order, else by the order number (Envoy's `clientOrderRef` is the
 * marketplace order number). A known order whose status there says closed, failed or refund asked
 * while it is still open here gets an OrderSystemStatusReported event, once per reported status;
 * its canonical status does not move (ADR 0019). An order the hub does not know was created
 * directly in the store: it is stored as an order sourced from that connection (one per source
 * and number), which no forwarding route takes back to the store. Reading a window again changes
 * nothing.
 */
export class OrderSystemOrderIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly refs: ExternalRefRepository,
    private readonly outbox: OutboxRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: OrderSystemIntakeOptions,
    private readonly now: () => Instant = () => Instant.now(),
    /** The order-statuses table; without it the connector's own reading of a status stands. */
    private readonly statuses?: OrderStatusLookup,
  ) {}

  /** One run for one connection; undefined when another instance holds the stream. */
  async run(connectionId: string, connectionName: string, source: OrderSource): Promise<OrderSystemIntakeResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, ORDER_SYSTEM_ORDERS_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    const to = this.now();
    const last = typeof lease.position.to === 'string' ? Instant.parse(lease.position.to) : undefined;
    const window = { from: last ? last.plusMillis(-this.options.overlapMs) : to.plusMillis(-this.options.initialLookbackMs), to };
    const totals = { read: 0, stored: 0, known: 0, reported: 0, ambiguous: 0, refused: 0 };
    try {
      for await (const page of source.pullChangedOrders(window)) {
        const outcomes = await this.tx.run(async (m) => {
          const done: Outcome[] = [];
          for (const sourced of page) done.push(await this.apply(m, connectionId, connectionName, sourced));
          return done;
        });
        totals.read += page.length;
        for (const outcome of outcomes) {
          totals[outcome] += 1;
          if (outcome === 'reported') totals.known += 1;
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
  applyOne(connectionId: string, connectionName: string, read: SourcedOrder): Promise<Outcome> {
    return this.tx.run((m) => this.apply(m, connectionId, connectionName, read));
  }

  private async apply(m: EntityManager, connectionId: string, connectionName: string, read: SourcedOrder): Promise<Outcome> {
    const sourced = await withMappedStatus(this.statuses, read);
    const orderId = await this.knownOrderId(m, connectionId, sourced);
    if (orderId === 'ambiguous') return 'ambiguous';
    if (orderId === undefined) return this.store(m, connectionId, connectionName, sourced);
    return (await this.noteStatus(m, orderId, connectionName, sourced)) ? 'reported' : 'known';
  }

  /** The hub's order this store order is, by the bound store id first, then by number (binding the id it then finds). */
  private async knownOrderId(m: EntityManager, connectionId: string, sourced: SourcedOrder): Promise<string | 'ambiguous' | undefined> {
    if (sourced.externalId !== undefined) {
      const bound = await this.refs.findEntityId(m, connectionId, 'order', sourced.externalId);
      if (bound !== undefined) return bound;
    }
    const byNumber = await this.orders.findIdsByExternalOrderNumber(m, sourced.order.source.externalOrderNumber);
    if (byNumber.length > 1) return 'ambiguous';
    const found = byNumber[0];
    // Forwarded, but the store's answer never reached us (or was stored from the store before the id was known).
    if (found !== undefined && sourced.externalId !== undefined)
      await this.refs.bind(m, { entityType: 'order', entityId: found, connectionId, externalId: sourced.externalId });
    return found;
  }

  private async store(m: EntityManager, connectionId: string, connectionName: string, sourced: MappedSourcedOrder): Promise<Outcome> {
    let order: Order;
    try {
      order = Order.receive(
        { ...sourced.order, source: { connectionName, externalOrderNumber: sourced.order.source.externalOrderNumber }, id: randomUUID() },
        this.now(),
      );
      // The store's status, as the order-statuses table reads it, decides whether the order arrives
      // closed (it then holds no stock) or asking to be cancelled; any other status is an open order.
      if (sourced.cancelled || sourced.cancellationRequested) {
        order.requestCancellation(
          `${sourced.cancelled ? 'closed' : 'refund asked'} at ${connectionName} (status ${sourced.sourceStatus})`,
          this.now(),
        );
        if (sourced.cancelled) order.confirmCancellation(this.now());
      }
    } catch (error) {
      // One order the model refuses must not hold up the others; nothing was written for it.
      if (error instanceof DomainError) return 'refused';
      throw error;
    }
    // The unique (source, number) constraint makes a concurrent store of the same order a no-op.
    const stored = await this.orders.insertMany(m, [{ order, raw: sourced.raw }]);
    if (!stored.has(order.id)) return 'known';
    if (sourced.externalId !== undefined)
      await this.refs.bind(m, { entityType: 'order', entityId: order.id, connectionId, externalId: sourced.externalId });
    return 'stored';
  }

  /** Records a closing status of the store on an order open here, once per (connection, status); true when recorded. */
  private async noteStatus(m: EntityManager, orderId: string, connectionName: string, sourced: SourcedOrder): Promise<boolean> {
    const closedThere = sourced.cancelled;
    if (!closedThere && !sourced.cancellationRequested) return false;
    const found = await this.orders.findById(m, orderId);
    if (!found || found.order.status === 'cancelled') return false;
    // Envoy-sourced orders are the store's own: the store closing one is still worth a line on its timeline.
    const events = await this.outbox.listForAggregate(m, 'Order', orderId);
    const alreadyReported = events.some(
      (e) =>
        e.eventType === 'OrderSystemStatusReported' &&
        e.payload.connectionName === connectionName &&
        e.payload.sourceStatus === sourced.sourceStatus,
    );
    if (alreadyReported) return false;
    found.order.noteOrderSystemStatus(
      {
        connectionName,
        sourceStatus: sourced.sourceStatus,
        closedThere,
        ...(sourced.order.updatedAt === undefined ? {} : { sourceUpdatedAt: sourced.order.updatedAt }),
      },
      this.now(),
    );
    await this.orders.update(m, found.order, found.version);
    return true;
  }
}
