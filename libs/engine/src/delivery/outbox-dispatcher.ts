import type {
  NewDelivery,
  OutboxEventRow,
  OutboxRepository,
  DeliveryRepository,
  RouteRepository,
  RouteRow,
  TransactionRunner,
} from '@serai/persistence';
import { StockPushQueueRepository } from '@serai/persistence';
import { PUSH_STOCK } from '../inventory/push-stock';

/** The connection an event's aggregate came from: recorded with the event, or named in its payload. */
function sourceConnectionOf(event: OutboxEventRow): string | undefined {
  if (event.sourceConnection !== undefined) return event.sourceConnection;
  const source = (event.payload as { source?: { connectionName?: unknown } }).source;
  return typeof source?.connectionName === 'string' ? source.connectionName : undefined;
}

export function routesFor(event: OutboxEventRow, routes: readonly RouteRow[]): RouteRow[] {
  const source = sourceConnectionOf(event);
  return routes.filter(
    (route) =>
      route.enabled && route.eventTypes.includes(event.eventType) && (route.sourceConnection === null || route.sourceConnection === source),
  );
}

/** The key a target sees for this event: the same event to the same target is the same request. */
export function idempotencyKeyOf(eventId: string, route: RouteRow): string {
  return `${eventId}:${route.connectionId}:${route.capability}`;
}

/**
 * Turns committed outbox events into deliveries, one per matching route, and marks the events
 * dispatched, all in one transaction: an event is routed exactly once however many dispatchers
 * run (SKIP LOCKED), and a crash in between leaves it undispatched to be routed again.
 */
export class OutboxDispatcher {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly routes: RouteRepository,
    /** Stock routes do not become deliveries: they mark the SKU for the connection's next coalesced push. */
    private readonly stockQueue: StockPushQueueRepository = new StockPushQueueRepository(),
  ) {}

  async dispatchOnce(limit = 500): Promise<{ events: number; deliveries: number }> {
    return this.tx.run(async (m) => {
      const events = await this.outbox.claimForDispatch(m, limit);
      if (events.length === 0) return { events: 0, deliveries: 0 };
      const routes = await this.routes.list(m, true);
      const stockMarks: { connectionId: string; sku: string }[] = [];
      const rows: NewDelivery[] = events.flatMap((event) =>
        routesFor(event, routes).flatMap((route) => {
          if (route.capability === PUSH_STOCK) {
            const sku = (event.payload as { sku?: unknown }).sku;
            if (typeof sku === 'string') stockMarks.push({ connectionId: route.connectionId, sku });
            return [];
          }
          return [
            {
              eventId: event.eventId,
              route: route.name,
              connectionId: route.connectionId,
              capability: route.capability,
              idempotencyKey: idempotencyKeyOf(event.eventId, route),
            },
          ];
        }),
      );
      const created = await this.deliveries.createMany(m, rows);
      await this.stockQueue.mark(m, stockMarks);
      return { events: events.length, deliveries: created };
    });
  }
}
