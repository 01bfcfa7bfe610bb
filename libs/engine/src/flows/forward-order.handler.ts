import type { ExternalRef, ExternalRefRepository, OrderRepository, TransactionRunner } from '@serai/persistence';
import type { Order } from '@serai/domain';
import type { EntityManager } from 'typeorm';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { GroupedStatements } from '../delivery/grouped-statements';
import type { MappingService } from '../mapping/mapping.service';

export const FORWARD_ORDER = 'orderSink.createOrder';

/** Says a delivery cannot be carried out and trying again will not help. */
export class PermanentDeliveryFailure extends Error {
  readonly retryable = false;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentDeliveryFailure';
  }
}

/**
 * Fulfilment: creates an acknowledged order in the order system (Envoy), binds the id it got
 * there, and marks the order forwarded. The target treats the idempotency key / client order
 * reference as "already exists = success", so a retry after a lost answer creates nothing twice.
 */
export class ForwardOrderHandler implements DeliveryHandler {
  readonly capability = FORWARD_ORDER;
  /** Orders created at the same time are bound and written `forwarded` together, one statement per group. */
  private readonly forwards = new GroupedStatements((changes: readonly { order: Order; expectedVersion: number; ref: ExternalRef }[]) =>
    this.orders.updateBindingMany(this.db, changes),
  );
  /** Orders of the deliveries starting together are read together (one statement per group), each at its own version. */
  private readonly reads = new GroupedStatements(async (ids: readonly string[]) => {
    const found = new Map((await this.orders.findManyByIds(this.db, [...new Set(ids)])).map((o) => [o.order.id, o] as const));
    // Each caller gets its own aggregate: one order read for two deliveries must not be shared and changed by both.
    return ids.map((id, i) => (ids.indexOf(id) === i ? found.get(id) : undefined));
  });

  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly refs: ExternalRefRepository,
    /** The SKU cross-reference: the order system's own SKU numbers. */
    private readonly mappings?: MappingService,
  ) {}

  async execute({ delivery, event, connector, connectionName }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const sink = connector.orderSink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot create orders');
    const found = (await this.reads.submit(event.aggregateId)) ?? (await this.orders.findById(this.db, event.aggregateId));
    if (!found) throw new PermanentDeliveryFailure('ORDER_MISSING', `order ${event.aggregateId} does not exist`);
    if (found.order.status === 'cancelled' || found.order.status === 'cancellation_requested') {
      return { skipped: `order is ${found.order.status}` };
    }
    // An order read from the order system (order-system-orders, ADR 0019) is never created there again,
    // whatever route matches it.
    if (found.order.source.connectionName === connectionName) return { skipped: `order came from ${connectionName}` };
    // A held order waits; releasing it records OrderReleased, which routes here again (issue 8).
    if (found.order.isHeld) return { skipped: 'order is held' };
    if (event.eventType === 'OrderReleased' && found.order.status !== 'acknowledged') {
      return { skipped: `order is ${found.order.status}, nothing to forward on release` };
    }
    const snapshot = found.order.toSnapshot();
    const skuNumbers = await this.mappings?.envoySkuNumbersOf(snapshot.lines.map((line) => line.sku.sku));
    const created = await sink.createOrder(snapshot, delivery.idempotencyKey, skuNumbers);
    const ref = {
      entityType: 'order',
      entityId: event.aggregateId,
      connectionId: delivery.connectionId,
      externalId: created.externalId,
    } as const;
    // An order already past `acknowledged` (forwarded by an earlier attempt, shipped since) only needs the binding.
    if (found.order.status !== 'acknowledged') {
      await this.refs.bind(this.db, ref);
      return created;
    }
    // The usual case in one statement, shared with the orders created at the same time: bind the
    // order system's id and write `forwarded` on top of what was read. Otherwise (the order changed during the call, or the id is not shown bound to
    // this order) bind on its own, which tells a conflict apart, and write on the order as it is now.
    found.order.markForwarded();
    if ((await this.forwards.submit({ order: found.order, expectedVersion: found.version, ref })) === 'written') return created;
    await this.tx.run(async (m) => {
      await this.refs.bind(m, ref);
      const current = await this.orders.findById(m, event.aggregateId);
      if (current) await this.markForwarded(m, current);
    });
    return created;
  }

  /** acknowledged -> forwarded at `found.version`; false when someone else wrote the order since. */
  private async markForwarded(m: EntityManager, found: { readonly order: Order; readonly version: number }): Promise<boolean> {
    if (found.order.status !== 'acknowledged') return true;
    found.order.markForwarded();
    try {
      await this.orders.update(m, found.order, found.version);
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'StaleOrder') return false;
      throw error;
    }
  }
}
