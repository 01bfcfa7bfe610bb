import { EntityManager } from 'typeorm';
import { DeliveryState } from '../entities/delivery.entity';

export interface NewDelivery {
  readonly eventId: string;
  readonly route: string;
  readonly connectionId: string;
  readonly capability: string;
  readonly idempotencyKey: string;
}

export interface DeliveryRow {
  readonly id: string;
  readonly eventId: string;
  readonly route: string;
  readonly connectionId: string;
  readonly capability: string;
  readonly idempotencyKey: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lockedBy: string | null;
  readonly lockedUntil: Date | null;
  readonly lastError: string | null;
  readonly lastErrorCode: string | null;
  readonly result: unknown;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}

interface RawDelivery {
  id: string;
  event_id: string;
  route: string;
  connection_id: string;
  capability: string;
  idempotency_key: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: Date;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  last_error_code: string | null;
  result: unknown;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

function toRow(r: RawDelivery): DeliveryRow {
  return {
    id: r.id,
    eventId: r.event_id,
    route: r.route,
    connectionId: r.connection_id,
    capability: r.capability,
    idempotencyKey: r.idempotency_key,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until,
    lastError: r.last_error,
    lastErrorCode: r.last_error_code,
    result: r.result,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
  };
}

/** TypeORM answers UPDATE ... RETURNING with [rows, affected]; SELECT with rows. */
function returned(result: unknown): RawDelivery[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as RawDelivery[]) : (result as RawDelivery[]);
}

export interface DeliveryFilter {
  readonly states?: readonly DeliveryState[];
  readonly connectionId?: string;
  readonly eventIds?: readonly string[];
  readonly afterId?: string;
  readonly limit: number;
}

/** Which dead or failed deliveries an operator's replay sends again. */
export interface RequeueFilter {
  readonly state: 'dead' | 'failed';
  readonly connectionId?: string;
  readonly capability?: string;
  readonly route?: string;
  /** created_at >= createdFrom */
  readonly createdFrom?: Date;
  /** created_at < createdTo */
  readonly createdTo?: Date;
  readonly limit: number;
}

/**
 * The delivery queue. Every transition is one UPDATE guarded by the state it leaves (and by the
 * worker's lease for in-flight rows), so a worker that lost its lease cannot overwrite the
 * outcome of the worker that took over. States and their meaning: docs/decisions/0006.
 */
export class DeliveryRepository {
  /** One delivery per event, target and capability; creating it again is a no-op (idempotency key). */
  async createMany(tx: EntityManager, deliveries: readonly NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const values: unknown[] = [];
    const tuples = deliveries.map((d, i) => {
      values.push(d.eventId, d.route, d.connectionId, d.capability, d.idempotencyKey);
      const o = i * 5;
      return `($${o + 1}::uuid, $${o + 2}, $${o + 3}::uuid, $${o + 4}, $${o + 5})`;
    });
    const inserted = (await tx.query(
      `INSERT INTO delivery (event_id, route, connection_id, capability, idempotency_key)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      values,
    )) as unknown[];
    return inserted.length;
  }

  /**
   * Takes up to `limit` due deliveries for this worker: pending or failed ones whose time has come,
   * and in-flight ones whose lease expired (their worker died). SKIP LOCKED lets any number of
   * workers claim side by side without waiting on each other or taking the same row.
   */
  async claimDue(
    db: EntityManager,
    claim: { readonly workerId: string; readonly limit: number; readonly leaseMs: number; readonly skipConnectionIds?: readonly string[] },
  ): Promise<DeliveryRow[]> {
    if (claim.limit <= 0) return [];
    // MATERIALIZED: PostgreSQL may otherwise re-run a LIMIT ... SKIP LOCKED subquery per updated
    // row and claim more than `limit` rows.
    const result = await db.query(
      `WITH due AS MATERIALIZED (
         SELECT id FROM delivery
          WHERE ((state IN ('pending', 'failed') AND next_attempt_at <= now())
                 OR (state = 'in_flight' AND locked_until < now()))
            AND NOT (connection_id = ANY($4::uuid[]))
          ORDER BY next_attempt_at, id
          LIMIT $3
          FOR UPDATE SKIP LOCKED)
       UPDATE delivery d
          SET state = 'in_flight', locked_by = $1, locked_until = now() + make_interval(secs => $2::double precision / 1000),
              attempts = d.attempts + 1, updated_at = now()
         FROM due
        WHERE d.id = due.id
        RETURNING d.*`,
      [claim.workerId, claim.leaseMs, claim.limit, claim.skipConnectionIds ?? []],
    );
    return returned(result).map(toRow);
  }

  /** in_flight -> succeeded. False when the lease was lost (another worker owns the row now). */
  async markSucceeded(db: EntityManager, id: string, workerId: string, result: unknown): Promise<boolean> {
    return this.finish(
      db,
      `state = 'succeeded', completed_at = now(), result = $3::jsonb, last_error = NULL, last_error_code = NULL`,
      id,
      workerId,
      [JSON.stringify(result ?? null)],
    );
  }

  /**
   * in_flight -> succeeded for many deliveries of one worker in one statement. Answers the ids whose
   * outcome was kept; the others' leases were lost (another worker owns them now).
   */
  async markSucceededMany(
    db: EntityManager,
    workerId: string,
    outcomes: readonly { readonly id: string; readonly result: unknown }[],
  ): Promise<Set<string>> {
    if (outcomes.length === 0) return new Set();
    const result = await db.query(
      `UPDATE delivery d
          SET state = 'succeeded', completed_at = now(), result = o.result, last_error = NULL, last_error_code = NULL,
              locked_by = NULL, locked_until = NULL, updated_at = now()
         FROM unnest($2::bigint[], $3::jsonb[]) AS o(id, result)
        WHERE d.id = o.id AND d.state = 'in_flight' AND d.locked_by = $1
        RETURNING d.id`,
      [workerId, outcomes.map((o) => o.id), outcomes.map((o) => JSON.stringify(o.result ?? null))],
    );
    return new Set(returned(result).map((row) => String(row.id)));
  }

  /** in_flight -> failed, due again at `nextAttemptAt`. */
  async markFailed(
    db: EntityManager,
    id: string,
    workerId: string,
    failure: { error: string; code?: string; nextAttemptAt: Date },
  ): Promise<boolean> {
    return this.finish(db, `state = 'failed', last_error = $3, last_error_code = $4, next_attempt_at = $5`, id, workerId, [
      failure.error,
      failure.code ?? null,
      failure.nextAttemptAt,
    ]);
  }

  /** in_flight -> dead: permanent failure or attempts exhausted; waits for an operator. */
  async markDead(db: EntityManager, id: string, workerId: string, failure: { error: string; code?: string }): Promise<boolean> {
    return this.finish(db, `state = 'dead', completed_at = now(), last_error = $3, last_error_code = $4`, id, workerId, [
      failure.error,
      failure.code ?? null,
    ]);
  }

  /** in_flight -> pending without using up an attempt (the target's breaker opened, or it is rate limited). */
  async postpone(db: EntityManager, id: string, workerId: string, until: Date): Promise<boolean> {
    return this.finish(db, `state = 'pending', attempts = greatest(attempts - 1, 0), next_attempt_at = $3`, id, workerId, [until]);
  }

  /** dead or failed -> pending, now, with a fresh attempt budget (operator retry or replay). */
  async requeue(db: EntityManager, ids: readonly string[]): Promise<DeliveryRow[]> {
    if (ids.length === 0) return [];
    const result = await db.query(
      `UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = now(), completed_at = NULL, locked_by = NULL,
              locked_until = NULL, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND state IN ('dead', 'failed')
        RETURNING *`,
      [ids],
    );
    return returned(result).map(toRow);
  }

  /**
   * dead or failed -> pending, now, with a fresh attempt budget, for every delivery matching the
   * filter (oldest first, at most `limit`), in one statement. Rows a worker holds locked right now
   * are skipped rather than waited for. Answers the ids requeued, ascending.
   */
  async requeueMatching(db: EntityManager, filter: RequeueFilter): Promise<string[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const state = p(filter.state);
    where.push(`state = ${state}`);
    if (filter.connectionId !== undefined) where.push(`connection_id = ${p(filter.connectionId)}::uuid`);
    if (filter.capability !== undefined) where.push(`capability = ${p(filter.capability)}`);
    if (filter.route !== undefined) where.push(`route = ${p(filter.route)}`);
    if (filter.createdFrom !== undefined) where.push(`created_at >= ${p(filter.createdFrom)}`);
    if (filter.createdTo !== undefined) where.push(`created_at < ${p(filter.createdTo)}`);
    // MATERIALIZED: the picked set is computed once. Left as an IN (subquery) the planner may rescan
    // it per row updated, and each rescan skips the rows this statement already changed and
    // picks the next ones, overrunning LIMIT.
    const rows = (await db.query(
      `WITH picked AS MATERIALIZED (
         SELECT id FROM delivery
          WHERE ${where.join(' AND ')}
          ORDER BY id
          LIMIT ${p(filter.limit)}
          FOR UPDATE SKIP LOCKED),
       requeued AS (
         UPDATE delivery d
            SET state = 'pending', attempts = 0, next_attempt_at = now(), completed_at = NULL, locked_by = NULL,
                locked_until = NULL, updated_at = now()
           FROM picked
          WHERE d.id = picked.id AND d.state = ${state}
          RETURNING d.id)
       SELECT id FROM requeued ORDER BY id`,
      params,
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async findById(db: EntityManager, id: string): Promise<DeliveryRow | undefined> {
    const rows = (await db.query(`SELECT * FROM delivery WHERE id = $1`, [id])) as RawDelivery[];
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async list(db: EntityManager, filter: DeliveryFilter): Promise<DeliveryRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.states && filter.states.length > 0) where.push(`state = ANY(${p(filter.states)}::text[])`);
    if (filter.connectionId) where.push(`connection_id = ${p(filter.connectionId)}::uuid`);
    if (filter.eventIds) where.push(`event_id = ANY(${p(filter.eventIds)}::uuid[])`);
    if (filter.afterId) where.push(`id < ${p(filter.afterId)}::bigint`);
    const rows = (await db.query(
      `SELECT * FROM delivery ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${p(filter.limit)}`,
      params,
    )) as RawDelivery[];
    return rows.map(toRow);
  }

  async countByState(db: EntityManager): Promise<Record<DeliveryState, number>> {
    const rows = (await db.query(`SELECT state, count(*)::int AS n FROM delivery GROUP BY state`)) as { state: DeliveryState; n: number }[];
    const counts: Record<DeliveryState, number> = { pending: 0, in_flight: 0, succeeded: 0, failed: 0, dead: 0, cancelled: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  private async finish(db: EntityManager, set: string, id: string, workerId: string, params: unknown[]): Promise<boolean> {
    const result = await db.query(
      `UPDATE delivery SET ${set}, locked_by = NULL, locked_until = NULL, updated_at = now()
        WHERE id = $1 AND state = 'in_flight' AND locked_by = $2
        RETURNING id`,
      [id, workerId, ...params],
    );
    return returned(result).length > 0;
  }
}
