import { EntityManager } from 'typeorm';

export interface OutboxEventInput {
  readonly eventId: string;
  readonly eventType: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** The connection the aggregate came from, when it has one (orders, returns). */
  readonly sourceConnection?: string;
  readonly payload: Record<string, unknown>;
  /** ISO-8601 with its zone. */
  readonly occurredAt: string;
}

export interface OutboxEventRow extends OutboxEventInput {
  readonly position: string;
  readonly recordedAt: Date;
  readonly dispatchedAt: Date | null;
}

interface RawOutboxRow {
  position: string;
  event_id: string;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  source_connection: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  recorded_at: Date;
  dispatched_at: Date | null;
}

function toRow(raw: RawOutboxRow): OutboxEventRow {
  return {
    position: raw.position,
    eventId: raw.event_id,
    eventType: raw.event_type,
    aggregateType: raw.aggregate_type,
    aggregateId: raw.aggregate_id,
    sourceConnection: raw.source_connection ?? undefined,
    payload: raw.payload,
    occurredAt: raw.occurred_at.toISOString(),
    recordedAt: raw.recorded_at,
    dispatchedAt: raw.dispatched_at,
  };
}

/** Events recorded with the change that caused them; always called inside that change's transaction. */
export class OutboxRepository {
  async append(tx: EntityManager, events: readonly OutboxEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((event, i) => {
      values.push(
        event.eventId,
        event.eventType,
        event.aggregateType,
        event.aggregateId,
        event.sourceConnection ?? null,
        JSON.stringify(event.payload),
        event.occurredAt,
      );
      const o = i * 7;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}::jsonb, $${o + 7}::timestamptz)`;
    });
    await tx.query(
      `INSERT INTO outbox_event (event_id, event_type, aggregate_type, aggregate_id, source_connection, payload, occurred_at)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }

  /**
   * The same as `append` for thousands of events at once (a bulk price change): the rows travel as
   * arrays in one statement, clear of PostgreSQL's 65,535-parameter limit and far cheaper to bind.
   */
  async appendBulk(tx: EntityManager, events: readonly OutboxEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(
      `INSERT INTO outbox_event (event_id, event_type, aggregate_type, aggregate_id, source_connection, payload, occurred_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[])`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.eventType),
        events.map((e) => e.aggregateType),
        events.map((e) => e.aggregateId),
        events.map((e) => e.sourceConnection ?? null),
        events.map((e) => JSON.stringify(e.payload)),
        events.map((e) => e.occurredAt),
      ],
    );
  }

  async listForAggregate(db: EntityManager, aggregateType: string, aggregateId: string): Promise<OutboxEventRow[]> {
    const rows = (await db.query(`SELECT * FROM outbox_event WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY position`, [
      aggregateType,
      aggregateId,
    ])) as RawOutboxRow[];
    return rows.map(toRow);
  }

  async findByEventIds(db: EntityManager, eventIds: readonly string[]): Promise<OutboxEventRow[]> {
    if (eventIds.length === 0) return [];
    const rows = (await db.query(`SELECT * FROM outbox_event WHERE event_id = ANY($1::uuid[])`, [eventIds])) as RawOutboxRow[];
    return rows.map(toRow);
  }

  /** Oldest undispatched events first; SKIP LOCKED lets several dispatchers share the backlog. */
  async claimUndispatched(tx: EntityManager, limit: number): Promise<OutboxEventRow[]> {
    const rows = (await tx.query(
      `SELECT * FROM outbox_event WHERE dispatched_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    )) as RawOutboxRow[];
    return rows.map(toRow);
  }

  async markDispatched(tx: EntityManager, positions: readonly string[]): Promise<void> {
    if (positions.length === 0) return;
    await tx.query(`UPDATE outbox_event SET dispatched_at = now() WHERE position = ANY($1::bigint[])`, [positions]);
  }
}
