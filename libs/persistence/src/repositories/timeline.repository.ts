import { EntityManager } from 'typeorm';
import { DeliveryState } from '../entities/delivery.entity';
import { CallOutcome } from '../entities/provider-call.entity';

/** Outbox events name their aggregate as the domain does ('Order'); call traces as the worker does ('order'). */
const ORDER_AGGREGATE = 'Order';
const ORDER_ENTITY = 'order';

export interface TimelineEventRow {
  readonly eventId: string;
  readonly eventType: string;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
}

export interface TimelineDeliveryRow {
  readonly id: string;
  readonly eventId: string;
  readonly route: string;
  readonly connectionName: string;
  readonly capability: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly lastErrorCode: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}

export interface TimelineCallRow {
  readonly id: string;
  readonly deliveryId: string | null;
  /** null when the connection was deleted since. */
  readonly connectionName: string | null;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
  readonly httpStatus: number | null;
  readonly providerCode: string | null;
  readonly outcome: CallOutcome;
  readonly latencyMs: number;
  readonly requestBody: unknown;
  readonly responseBody: unknown;
  readonly error: string | null;
  readonly startedAt: Date;
}

export interface OrderTimelineRows {
  readonly events: TimelineEventRow[];
  readonly deliveries: TimelineDeliveryRow[];
  readonly calls: TimelineCallRow[];
}

/**
 * Everything recorded about one order: its outbox events, the deliveries of those events, and
 * the provider calls traced for the order or for those deliveries. Each query walks an index
 * (outbox_event_by_aggregate; delivery_one_per_event_target, led by event_id;
 * provider_call_by_entity and provider_call_by_delivery). Read in one REPEATABLE READ snapshot by
 * the caller, the three lists agree with each other.
 */
export class TimelineRepository {
  /** undefined when no order has this id. */
  async findForOrder(db: EntityManager, orderId: string): Promise<OrderTimelineRows | undefined> {
    const [order] = (await db.query(`SELECT 1 FROM sales_order WHERE id = $1::uuid`, [orderId])) as unknown[];
    if (order === undefined) return undefined;

    const events = (await db.query(
      `SELECT event_id, event_type, payload, occurred_at, recorded_at
         FROM outbox_event
        WHERE aggregate_type = $1 AND aggregate_id = $2
        ORDER BY position`,
      [ORDER_AGGREGATE, orderId],
    )) as { event_id: string; event_type: string; payload: Record<string, unknown>; occurred_at: Date; recorded_at: Date }[];

    const deliveries = (await db.query(
      `SELECT d.id, d.event_id, d.route, c.name AS connection_name, d.capability, d.state, d.attempts, d.last_error,
              d.last_error_code, d.created_at, d.updated_at, d.completed_at
         FROM delivery d
         JOIN connection c ON c.id = d.connection_id
        WHERE d.event_id = ANY($1::uuid[])
        ORDER BY d.created_at, d.id`,
      [events.map((e) => e.event_id)],
    )) as RawDelivery[];

    const calls = (await db.query(
      `SELECT p.id, p.delivery_id, c.name AS connection_name, p.operation, p.method, p.url, p.attempt, p.http_status,
              p.provider_code, p.outcome, p.latency_ms, p.request_body, p.response_body, p.error, p.started_at
         FROM provider_call p
         LEFT JOIN connection c ON c.id = p.connection_id
        WHERE p.id IN (SELECT id FROM provider_call WHERE entity_type = $1 AND entity_id = $2
                       UNION
                       SELECT id FROM provider_call WHERE delivery_id = ANY($3::bigint[]))
        ORDER BY p.started_at, p.id`,
      [ORDER_ENTITY, orderId, deliveries.map((d) => d.id)],
    )) as RawCall[];

    return {
      events: events.map((e) => ({
        eventId: e.event_id,
        eventType: e.event_type,
        payload: e.payload,
        occurredAt: e.occurred_at,
        recordedAt: e.recorded_at,
      })),
      deliveries: deliveries.map((d) => ({
        id: d.id,
        eventId: d.event_id,
        route: d.route,
        connectionName: d.connection_name,
        capability: d.capability,
        state: d.state,
        attempts: d.attempts,
        lastError: d.last_error,
        lastErrorCode: d.last_error_code,
        createdAt: d.created_at,
        updatedAt: d.updated_at,
        completedAt: d.completed_at,
      })),
      calls: calls.map((p) => ({
        id: p.id,
        deliveryId: p.delivery_id,
        connectionName: p.connection_name,
        operation: p.operation,
        method: p.method,
        url: p.url,
        attempt: p.attempt,
        httpStatus: p.http_status,
        providerCode: p.provider_code,
        outcome: p.outcome,
        latencyMs: p.latency_ms,
        requestBody: p.request_body,
        responseBody: p.response_body,
        error: p.error,
        startedAt: p.started_at,
      })),
    };
  }
}

interface RawDelivery {
  id: string;
  event_id: string;
  route: string;
  connection_name: string;
  capability: string;
  state: DeliveryState;
  attempts: number;
  last_error: string | null;
  last_error_code: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

interface RawCall {
  id: string;
  delivery_id: string | null;
  connection_name: string | null;
  operation: string;
  method: string;
  url: string;
  attempt: number;
  http_status: number | null;
  provider_code: string | null;
  outcome: CallOutcome;
  latency_ms: number;
  request_body: unknown;
  response_body: unknown;
  error: string | null;
  started_at: Date;
}
