import { Injectable, NotFoundException } from '@nestjs/common';
import { EngineRunner, idempotencyKeyOf, routesFor, SyncStream } from '@serai/engine';
import type { OrderLookup } from '@serai/engine/ports';
import {
  ConnectionEntity,
  ConnectionRepository,
  DeliveryRepository,
  ExternalRefRepository,
  OrderRepository,
  OutboxRepository,
  RouteRepository,
  TransactionRunner,
} from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ResyncPullDto, ResyncResultDto } from './order-actions.dto';
import { parseOrderId } from './order-id';

/** The `stream` of a pull that read the one order (not a poll of a window). */
const ORDER_PULL = 'order';

/** An order has at most a few hundred events; this bounds the delivery read of one resync. */
const MAX_DELIVERIES = 5_000;

/**
 * Resync one order (ADR 0015):
 * 1. re-run its routes, through the engine: every dead or failed delivery of its events goes back
 *    to the queue with a fresh attempt budget, and routes added since its events were routed get
 *    their deliveries (the same idempotency keys the dispatcher uses, so nothing is created twice);
 * 2. pull it again from every system that holds it: the order itself is read from its source and
 *    from each order system it was forwarded to (Nengmao narrows order/list to the order's creation
 *    second, Envoy filters by the order's reference) and what changed is applied as their polls
 *    would, once; a source that cannot find one order has its changed-orders window polled
 *    instead. Once forwarded, every logistics connection's shipments are polled too (Pilot has no
 *    per-order query of shipments).
 */
@Injectable()
export class OrderResyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxRepository,
    private readonly routes: RouteRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly connections: ConnectionRepository,
    private readonly runner: EngineRunner,
    private readonly refs: ExternalRefRepository,
  ) {}

  async resync(rawId: string): Promise<ResyncResultDto> {
    const orderId = parseOrderId(rawId);
    const found = await this.orders.findById(this.dataSource.manager, orderId);
    if (!found) throw new NotFoundException(`No order has id ${orderId}`);
    const { requeued, routed } = await this.tx.run(async (m) => {
      const events = await this.outbox.listForAggregate(m, 'Order', orderId);
      const eventIds = events.map((e) => e.eventId);
      const stuck = await this.deliveries.list(m, { eventIds, states: ['dead', 'failed'], limit: MAX_DELIVERIES });
      const again = await this.deliveries.requeue(
        m,
        stuck.map((d) => d.id),
      );
      // Events not dispatched yet are the dispatcher's: routing them here too would only race it.
      const routes = await this.routes.list(m, true);
      const missing = events
        .filter((e) => e.dispatchedAt !== null)
        .flatMap((event) =>
          routesFor(event, routes).map((route) => ({
            eventId: event.eventId,
            route: route.name,
            connectionId: route.connectionId,
            capability: route.capability,
            idempotencyKey: idempotencyKeyOf(event.eventId, route),
          })),
        );
      return { requeued: again.length, routed: await this.deliveries.createMany(m, missing) };
    });

    const all = await this.connections.list(this.dataSource.manager);
    const bound = new Map(
      (await this.refs.listForEntity(this.dataSource.manager, 'order', orderId)).map((ref) => [ref.connectionId, ref.externalId]),
    );
    const order = found.order;
    const lookup = (connectionId: string): OrderLookup => {
      const externalId = bound.get(connectionId);
      return {
        externalOrderNumber: order.source.externalOrderNumber,
        createdAt: order.createdAt,
        ...(order.updatedAt === undefined ? {} : { updatedAt: order.updatedAt }),
        ...(externalId === undefined ? {} : { externalId }),
      };
    };
    const pulls: { connection: ConnectionEntity; stream: SyncStream }[] = [];
    const results: ResyncPullDto[] = [];
    const mayHaveShipped = order.status !== 'received' && order.status !== 'acknowledged';
    for (const connection of all) {
      if (!connection.enabled) continue;
      const isSource = connection.name === order.source.connectionName;
      let streams: SyncStream[];
      try {
        streams = this.runner.streamsOf(connection);
      } catch (error) {
        // A connection whose settings its connector refuses cannot be pulled; say so, go on with the others.
        results.push({
          connection: connection.name,
          stream: null,
          outcome: 'failed',
          error: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      const holdsOrder =
        (isSource && streams.includes('marketplace-changed-orders')) ||
        (streams.includes('order-system-orders') && (isSource || bound.has(connection.id)));
      if (holdsOrder) {
        const pulled = await this.pullOne(connection, lookup(connection.id));
        if (pulled) results.push(pulled);
        else if (isSource && streams.includes('marketplace-changed-orders'))
          pulls.push({ connection, stream: 'marketplace-changed-orders' });
      }
      if (mayHaveShipped && streams.includes('logistics-shipments')) pulls.push({ connection, stream: 'logistics-shipments' });
    }
    for (const pull of pulls) results.push(await this.pull(pull.connection, pull.stream));
    return { orderId, requeued, routed, pulls: results };
  }

  /** The order itself read again from one connection; undefined when that source cannot find one order. */
  private async pullOne(connection: ConnectionEntity, lookup: OrderLookup): Promise<ResyncPullDto | undefined> {
    try {
      const pulled = await this.runner.pullOrder(connection, lookup);
      if (pulled === 'unsupported') return undefined;
      const result: Record<string, number> = { found: pulled.found ? 1 : 0 };
      if (pulled.outcome !== undefined) result[pulled.outcome] = 1;
      return { connection: connection.name, stream: ORDER_PULL, outcome: 'done', result };
    } catch (error) {
      return {
        connection: connection.name,
        stream: ORDER_PULL,
        outcome: 'failed',
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private async pull(connection: ConnectionEntity, stream: SyncStream): Promise<ResyncPullDto> {
    try {
      const result = await this.runner.runStream(connection, stream);
      return result === undefined
        ? { connection: connection.name, stream, outcome: 'busy' }
        : { connection: connection.name, stream, outcome: 'done', result };
    } catch (error) {
      // A provider down is reported, not thrown: the requeued deliveries above still stand.
      return { connection: connection.name, stream, outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }
}
