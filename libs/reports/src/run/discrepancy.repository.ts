import type { EntityManager } from 'typeorm';
import type { ReportKind } from '../kinds/report-kind';
import { returnedRows } from './returned-rows';

/** Memory per sort or hash of a comparison (PostgreSQL work_mem), set for the comparison's transaction only. */
export const COMPARISON_WORK_MEM = '128MB';

export const DISCREPANCY_STATES = ['open', 'repaired', 'accepted', 'recurring'] as const;
export type DiscrepancyState = (typeof DISCREPANCY_STATES)[number];

export interface DiscrepancyRow {
  readonly id: string;
  readonly runId: string;
  readonly kind: string;
  readonly code: string;
  readonly connection: string;
  readonly entityKey: string;
  readonly entityTime: Date | null;
  readonly expected: unknown;
  readonly actual: unknown;
  /** Decimal text (numeric), never a float. */
  readonly amountAtStake: string | null;
  readonly currency: string | null;
  readonly state: DiscrepancyState;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly occurrences: number;
  readonly repairAction: string | null;
  readonly repairedAt: Date | null;
  readonly repairedBy: string | null;
  readonly repairDeliveryId: string | null;
  readonly acceptedAt: Date | null;
  readonly acceptedBy: string | null;
  readonly closedAt: Date | null;
  readonly closedByRun: string | null;
}

interface RawDiscrepancy {
  id: string;
  run_id: string;
  kind: string;
  code: string;
  connection: string;
  entity_key: string;
  entity_time: Date | null;
  expected: unknown;
  actual: unknown;
  amount_at_stake: string | null;
  currency: string | null;
  state: DiscrepancyState;
  first_seen_at: Date;
  last_seen_at: Date;
  occurrences: number;
  repair_action: string | null;
  repaired_at: Date | null;
  repaired_by: string | null;
  repair_delivery_id: string | null;
  accepted_at: Date | null;
  accepted_by: string | null;
  closed_at: Date | null;
  closed_by_run: string | null;
}

function toRow(raw: RawDiscrepancy): DiscrepancyRow {
  return {
    id: raw.id,
    runId: raw.run_id,
    kind: raw.kind,
    code: raw.code,
    connection: raw.connection,
    entityKey: raw.entity_key,
    entityTime: raw.entity_time,
    expected: raw.expected,
    actual: raw.actual,
    amountAtStake: raw.amount_at_stake,
    currency: raw.currency?.trim() ?? null,
    state: raw.state,
    firstSeenAt: raw.first_seen_at,
    lastSeenAt: raw.last_seen_at,
    occurrences: raw.occurrences,
    repairAction: raw.repair_action,
    repairedAt: raw.repaired_at,
    repairedBy: raw.repaired_by,
    repairDeliveryId: raw.repair_delivery_id,
    acceptedAt: raw.accepted_at,
    acceptedBy: raw.accepted_by,
    closedAt: raw.closed_at,
    closedByRun: raw.closed_by_run,
  };
}

export interface DiscrepancyFilter {
  readonly kind?: string;
  readonly states?: readonly DiscrepancyState[];
  readonly connection?: string;
  readonly code?: string;
}

function filterSql(runId: string, filter: DiscrepancyFilter, params: unknown[]): string {
  params.push(runId);
  const where = [`run_id = $${params.length}`];
  if (filter.kind !== undefined) {
    params.push(filter.kind);
    where.push(`kind = $${params.length}`);
  }
  if (filter.states !== undefined && filter.states.length > 0) {
    params.push(filter.states);
    where.push(`state = ANY($${params.length}::text[])`);
  }
  if (filter.connection !== undefined) {
    params.push(filter.connection);
    where.push(`connection = $${params.length}`);
  }
  if (filter.code !== undefined) {
    params.push(filter.code);
    where.push(`code = $${params.length}`);
  }
  return where.join(' AND ');
}

/**
 * Discrepancies: recorded from a kind's findings (their life carried over from the last time the
 * same finding was seen), closed when a later run no longer finds them, listed, exported and
 * marked repaired or accepted.
 */
export class DiscrepancyRepository {
  /**
   * Stamps one kind's findings as this run's discrepancies. A finding seen before keeps its first
   * sighting; it is `recurring` when its last sighting had been repaired or closed, `accepted` when
   * someone accepted it and it never went away, `open` otherwise. Re-running a kind (a resumed
   * run) replaces its rows. Answers how many were recorded.
   */
  async recordFindings(
    tx: EntityManager,
    runId: string,
    kind: ReportKind,
    window: { from: Date; to: Date },
    options: unknown,
  ): Promise<number> {
    await tx.query(`DELETE FROM discrepancy WHERE run_id = $1 AND kind = $2`, [runId, kind.name]);
    // One comparison joins and groups every observation of the run: room to hash in memory rather than sort on disk.
    await tx.query(`SET LOCAL work_mem = '${COMPARISON_WORK_MEM}'`);
    const inserted = returnedRows(
      await tx.query(
        `WITH bound AS (SELECT $2::timestamptz AS window_from, $3::timestamptz AS window_to, $4::jsonb AS options),
         findings AS (${kind.findingsSql}),
         stamped AS (
           SELECT DISTINCT ON (f.fingerprint) f.*
             FROM (SELECT f.*, '${kind.name}:' || f.code || ':' || f.connection || ':' || f.entity_key AS fingerprint FROM findings f) f
            ORDER BY f.fingerprint)
         INSERT INTO discrepancy (run_id, kind, code, connection, entity_key, fingerprint, entity_time, expected, actual, amount_at_stake,
                                  currency, state, first_seen_at, last_seen_at, occurrences, repair_action)
         SELECT $1, '${kind.name}', s.code, s.connection, s.entity_key, s.fingerprint, s.entity_time, s.expected, s.actual, s.amount_at_stake,
                s.currency,
                CASE WHEN prior.id IS NULL THEN 'open'
                     WHEN prior.state = 'repaired' OR prior.closed_at IS NOT NULL THEN 'recurring'
                     ELSE prior.state END,
                COALESCE(prior.first_seen_at, now()), now(), COALESCE(prior.occurrences, 0) + 1, s.repair_action
           FROM stamped s
           LEFT JOIN LATERAL (SELECT d.* FROM discrepancy d WHERE d.fingerprint = s.fingerprint AND d.run_id <> $1 ORDER BY d.id DESC LIMIT 1) prior ON true
         RETURNING id`,
        [runId, window.from, window.to, JSON.stringify(options ?? {})],
      ),
    );
    return inserted.length;
  }

  /**
   * Closes what earlier runs found and this run no longer finds: same kind, a connection of this
   * run, and an entity inside this run's window (or not dated: SKUs). Answers how many were closed.
   */
  async closeResolved(
    tx: EntityManager,
    runId: string,
    kind: string,
    connections: readonly string[],
    window: { from: Date; to: Date },
  ): Promise<number> {
    const closed = returnedRows(
      await tx.query(
        `UPDATE discrepancy d SET closed_at = now(), closed_by_run = $1
          WHERE d.closed_at IS NULL AND d.run_id <> $1 AND d.kind = $2 AND d.connection = ANY($3::text[])
            AND (d.entity_time IS NULL OR (d.entity_time >= $4 AND d.entity_time < $5))
            AND NOT EXISTS (SELECT 1 FROM discrepancy n WHERE n.run_id = $1 AND n.fingerprint = d.fingerprint)
          RETURNING d.id`,
        [runId, kind, connections, window.from, window.to],
      ),
    );
    return closed.length;
  }

  /** The day's summary per kind and connection, from this run (day in China Standard Time, the business's day). */
  async summarise(tx: EntityManager, runId: string, kinds: readonly string[], connections: readonly string[]): Promise<void> {
    await tx.query(
      `WITH scope AS (SELECT k AS kind, c AS connection FROM unnest($2::text[]) k CROSS JOIN unnest($3::text[]) c),
       counts AS (
         SELECT s.kind, s.connection,
                count(d.id) FILTER (WHERE d.state IN ('open', 'recurring')) AS open_count,
                count(d.id) FILTER (WHERE d.state = 'recurring') AS recurring_count,
                count(d.id) FILTER (WHERE d.occurrences = 1) AS new_count,
                COALESCE(sum(d.amount_at_stake) FILTER (WHERE d.state IN ('open', 'recurring')), 0) AS amount_at_stake,
                (SELECT count(*) FROM discrepancy r WHERE r.closed_by_run = $1 AND r.kind = s.kind AND r.connection = s.connection AND r.state = 'repaired') AS repaired_count
           FROM scope s LEFT JOIN discrepancy d ON d.run_id = $1 AND d.kind = s.kind AND d.connection = s.connection
          GROUP BY s.kind, s.connection)
       INSERT INTO reconciliation_daily_summary AS t (day, kind, connection, runs, open_count, recurring_count, new_count, repaired_count, amount_at_stake, last_run_id, updated_at)
       SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date, kind, connection, 1, open_count, recurring_count, new_count, repaired_count, amount_at_stake, $1, now()
         FROM counts
       ON CONFLICT (day, kind, connection) DO UPDATE
         SET runs = t.runs + 1, open_count = EXCLUDED.open_count, recurring_count = EXCLUDED.recurring_count,
             new_count = EXCLUDED.new_count, repaired_count = t.repaired_count + EXCLUDED.repaired_count,
             amount_at_stake = EXCLUDED.amount_at_stake, last_run_id = EXCLUDED.last_run_id, updated_at = now()`,
      [runId, kinds, connections],
    );
  }

  async findById(db: EntityManager, runId: string, id: string): Promise<DiscrepancyRow | undefined> {
    const rows = (await db.query(`SELECT * FROM discrepancy WHERE run_id = $1 AND id = $2`, [runId, id])) as RawDiscrepancy[];
    return rows[0] === undefined ? undefined : toRow(rows[0]);
  }

  /** One page in id order after `afterId`. */
  async list(db: EntityManager, runId: string, filter: DiscrepancyFilter, limit: number, afterId?: string): Promise<DiscrepancyRow[]> {
    const params: unknown[] = [];
    let where = filterSql(runId, filter, params);
    if (afterId !== undefined) {
      params.push(afterId);
      where += ` AND id > $${params.length}::bigint`;
    }
    params.push(limit);
    const rows = (await db.query(
      `SELECT * FROM discrepancy WHERE ${where} ORDER BY id LIMIT $${params.length}`,
      params,
    )) as RawDiscrepancy[];
    return rows.map(toRow);
  }

  /** Every matching discrepancy, in batches (keyset on id), so an export never holds more than a batch. */
  async *stream(db: EntityManager, runId: string, filter: DiscrepancyFilter, batchSize = 2000): AsyncGenerator<readonly DiscrepancyRow[]> {
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.list(db, runId, filter, batchSize, afterId);
      if (batch.length === 0) return;
      yield batch;
      if (batch.length < batchSize) return;
      afterId = batch[batch.length - 1].id;
    }
  }

  /** Locks one discrepancy for a repair or an acceptance in the caller's transaction. */
  async lock(tx: EntityManager, runId: string, id: string): Promise<DiscrepancyRow | undefined> {
    const rows = (await tx.query(`SELECT * FROM discrepancy WHERE run_id = $1 AND id = $2 FOR UPDATE`, [runId, id])) as RawDiscrepancy[];
    return rows[0] === undefined ? undefined : toRow(rows[0]);
  }

  /** Ids of the repairable discrepancies matching a filter (open or recurring, with an action), at most `limit`. */
  async repairableIds(db: EntityManager, runId: string, filter: DiscrepancyFilter, limit: number): Promise<string[]> {
    const params: unknown[] = [];
    const where = filterSql(runId, { ...filter, states: ['open', 'recurring'] }, params);
    params.push(limit);
    const rows = (await db.query(
      `SELECT id FROM discrepancy WHERE ${where} AND repair_action IS NOT NULL AND closed_at IS NULL ORDER BY id LIMIT $${params.length}`,
      params,
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async markRepaired(tx: EntityManager, id: string, by: string, deliveryId: string | null): Promise<void> {
    await tx.query(
      `UPDATE discrepancy SET state = 'repaired', repaired_at = now(), repaired_by = $2, repair_delivery_id = $3 WHERE id = $1`,
      [id, by, deliveryId],
    );
  }

  async markAccepted(tx: EntityManager, id: string, by: string): Promise<void> {
    await tx.query(`UPDATE discrepancy SET state = 'accepted', accepted_at = now(), accepted_by = $2 WHERE id = $1`, [id, by]);
  }

  /** Per-day summaries, newest first, each with the change of its open count against the day before (trend). */
  async summaries(db: EntityManager, filter: { kind?: string; connection?: string; fromDay?: string; toDay?: string }, limit: number) {
    const params: unknown[] = [];
    const where: string[] = [];
    for (const [column, value, op] of [
      ['kind', filter.kind, '='],
      ['connection', filter.connection, '='],
      ['day', filter.fromDay, '>='],
      ['day', filter.toDay, '<='],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} ${op} $${params.length}`);
    }
    params.push(limit);
    return (await db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, connection, runs, open_count AS "openCount", recurring_count AS "recurringCount",
              new_count AS "newCount", repaired_count AS "repairedCount", amount_at_stake::text AS "amountAtStake",
              open_count - LAG(open_count) OVER (PARTITION BY kind, connection ORDER BY day) AS "openTrend"
         FROM reconciliation_daily_summary ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY day DESC, kind, connection LIMIT $${params.length}`,
      params,
    )) as {
      day: string;
      kind: string;
      connection: string;
      runs: number;
      openCount: number;
      recurringCount: number;
      newCount: number;
      repairedCount: number;
      amountAtStake: string;
      openTrend: number | null;
    }[];
  }
}
