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

/**
 * The INSERT of a set of outbox events as one statement over parallel arrays (unnest), so its text
 * is the same for any number of events. `firstParam` numbers its parameters after the caller's;
 * `guard` (a condition, which may name the event's columns as `e.*`) lets a caller make the insert depend
 * on another part of its statement.
 */
export function outboxInsertStatement(
  events: readonly OutboxEventInput[],
  firstParam = 1,
  guard?: string,
): { readonly sql: string; readonly params: unknown[] } {
  const p = (k: number): string => `$${firstParam + k}`;
  return {
    sql: `INSERT INTO outbox_event (event_id, event_type, aggregate_type, aggregate_id, source_connection, payload, occurred_at)
       SELECT * FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::jsonb[], ${p(6)}::timestamptz[])
         AS e(event_id, event_type, aggregate_type, aggregate_id, source_connection, payload, occurred_at)
       ${guard === undefined ? '' : `WHERE ${guard}`}`,
    params: [
      events.map((e) => e.eventId),
      events.map((e) => e.eventType),
      events.map((e) => e.aggregateType),
      events.map((e) => e.aggregateId),
      events.map((e) => e.sourceConnection ?? null),
      events.map((e) => JSON.stringify(e.payload)),
      events.map((e) => e.occurredAt),
    ],
  };
}

/** Events recorded with the change that caused them; always called inside that change's transaction. */
export class OutboxRepository {
  async append(tx: EntityManager, events: readonly OutboxEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const insert = outboxInsertStatement(events);
    await tx.query(insert.sql, insert.params);
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

  /** The position of the aggregate's latest event ('0' when it has none), to tell later events apart. */
  async lastPositionOf(db: EntityManager, aggregateType: string, aggregateId: string): Promise<string> {
    const rows = (await db.query(
      `SELECT coalesce(max(position), 0)::text AS last FROM outbox_event WHERE aggregate_type = $1 AND aggregate_id = $2`,
      [aggregateType, aggregateId],
    )) as { last: string }[];
    return rows[0]?.last ?? '0';
  }

  /** Types of the aggregate's events recorded after `position`, oldest first. */
  async eventTypesAfter(db: EntityManager, aggregateType: string, aggregateId: string, position: string): Promise<string[]> {
    const rows = (await db.query(
      `SELECT event_type FROM outbox_event WHERE aggregate_type = $1 AND aggregate_id = $2 AND position > $3 ORDER BY position`,
      [aggregateType, aggregateId, position],
    )) as { event_type: string }[];
    return rows.map((r) => r.event_type);
  }

  async findByEventIds(db: EntityManager, eventIds: readonly string[]): Promise<OutboxEventRow[]> {
    if (eventIds.length === 0) return [];
    const rows = (await db.query(`SELECT * FROM outbox_event WHERE event_id = ANY($1::uuid[])`, [eventIds])) as RawOutboxRow[];
    return rows.map(toRow);
  }

  /**
   * Takes the oldest undispatched events and marks them dispatched, in one statement: the caller
   * routes them in the same transaction, so a rollback (or a crash) leaves them undispatched to be
   * routed again. SKIP LOCKED lets several dispatchers share the backlog. Oldest first.
   */
  async claimForDispatch(tx: EntityManager, limit: number): Promise<OutboxEventRow[]> {
    const [rows] = (await tx.query(
      `UPDATE outbox_event o SET dispatched_at = now()
        WHERE o.position IN (SELECT position FROM outbox_event WHERE dispatched_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING o.*`,
      [limit],
    )) as [RawOutboxRow[], number];
    // RETURNING keeps no order: put the events back in the order they happened.
    return rows.map(toRow).sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  }
}
