import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../run/returned-rows';

export interface RepairDelivery {
  readonly eventType: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly sourceConnection?: string;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: string;
  readonly targetConnectionId: string;
  readonly capability: string;
  readonly idempotencyKey: string;
}

/**
 * A repair as the engine's own work: an outbox event (already dispatched: it names its one target,
 * no route fans it out again) and one delivery to the target connection, so the delivery worker
 * carries it out with its retries, breaker, rate limit, dead letters and call traces.
 */
export class RepairDeliveryRepository {
  /** Answers the delivery's id. */
  async enqueue(tx: EntityManager, repair: RepairDelivery): Promise<string> {
    const eventId = randomUUID();
    await tx.query(
      `INSERT INTO outbox_event (event_id, event_type, aggregate_type, aggregate_id, source_connection, payload, occurred_at, dispatched_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::timestamptz, now())`,
      [
        eventId,
        repair.eventType,
        repair.aggregateType,
        repair.aggregateId,
        repair.sourceConnection ?? null,
        JSON.stringify(repair.payload),
        repair.occurredAt,
      ],
    );
    const rows = returnedRows<{ id: string }>(
      await tx.query(
        `INSERT INTO delivery (event_id, route, connection_id, capability, idempotency_key)
         VALUES ($1, 'reconciliation-repair', $2, $3, $4) RETURNING id`,
        [eventId, repair.targetConnectionId, repair.capability, repair.idempotencyKey],
      ),
    );
    return rows[0].id;
  }
}
