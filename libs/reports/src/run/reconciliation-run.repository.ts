import type { EntityManager } from 'typeorm';
import type { ReportKindName } from '../kinds/report-kind';
import { returnedRows } from './returned-rows';

export const RUN_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];

export interface RunOptions {
  /** Stock drift within this many units is not reported. */
  readonly stockTolerance?: number;
  /** Pages read per second per connection, so a run never crowds out the engine's own calls. */
  readonly readPagesPerSecond?: number;
}

export interface NewRun {
  readonly id: string;
  readonly kinds: readonly ReportKindName[];
  readonly connections: readonly string[];
  readonly from: Date;
  readonly to: Date;
  readonly options: RunOptions;
  readonly trigger: 'api' | 'schedule';
  readonly requestedBy?: string;
}

export interface RunRow {
  readonly id: string;
  readonly scopeKey: string;
  readonly kinds: ReportKindName[];
  readonly connections: string[];
  readonly from: Date;
  readonly to: Date;
  readonly options: RunOptions;
  readonly trigger: 'api' | 'schedule';
  readonly requestedBy: string | null;
  readonly state: RunState;
  readonly phase: string;
  readonly itemsRead: number;
  readonly stepsTotal: number;
  readonly stepsDone: number;
  readonly etaAt: Date | null;
  readonly checkpoint: { readonly done: string[] };
  readonly leaseOwner: string | null;
  readonly cancelRequested: boolean;
  readonly error: string | null;
  readonly discrepancies: number;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

interface RawRun {
  id: string;
  scope_key: string;
  kinds: ReportKindName[];
  connections: string[];
  window_from: Date;
  window_to: Date;
  options: RunOptions;
  trigger: 'api' | 'schedule';
  requested_by: string | null;
  state: RunState;
  phase: string;
  items_read: string;
  steps_total: number;
  steps_done: number;
  eta_at: Date | null;
  checkpoint: { done: string[] };
  lease_owner: string | null;
  cancel_requested: boolean;
  error: string | null;
  discrepancies: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

function toRow(raw: RawRun): RunRow {
  return {
    id: raw.id,
    scopeKey: raw.scope_key,
    kinds: raw.kinds,
    connections: raw.connections,
    from: raw.window_from,
    to: raw.window_to,
    options: raw.options,
    trigger: raw.trigger,
    requestedBy: raw.requested_by,
    state: raw.state,
    phase: raw.phase,
    itemsRead: Number(raw.items_read),
    stepsTotal: raw.steps_total,
    stepsDone: raw.steps_done,
    etaAt: raw.eta_at,
    checkpoint: raw.checkpoint,
    leaseOwner: raw.lease_owner,
    cancelRequested: raw.cancel_requested,
    error: raw.error,
    discrepancies: raw.discrepancies,
    createdAt: raw.created_at,
    startedAt: raw.started_at,
    finishedAt: raw.finished_at,
  };
}

/** Two runs are "the same scope" when they compare the same kinds over the same connections. */
export function scopeKeyOf(kinds: readonly string[], connections: readonly string[]): string {
  return `${[...kinds].sort().join(',')}@${[...connections].sort().join(',')}`;
}

export class ScopeAlreadyRunning extends Error {
  constructor(
    readonly scopeKey: string,
    readonly activeRunId: string | undefined,
  ) {
    super(`a reconciliation of the same kinds and connections is already queued or running${activeRunId ? ` (${activeRunId})` : ''}`);
    this.name = 'ScopeAlreadyRunning';
  }
}

/**
 * Reconciliation runs: creation (one active run per scope, by a unique partial index), claiming
 * by a worker with a lease (a crashed worker's run is taken over when the lease runs out), progress,
 * checkpoint, cancellation and the end states. Every transition is one guarded UPDATE.
 */
export class ReconciliationRunRepository {
  async create(tx: EntityManager, run: NewRun): Promise<RunRow> {
    const scopeKey = scopeKeyOf(run.kinds, run.connections);
    try {
      const rows = (await tx.query(
        `INSERT INTO reconciliation_run (id, scope_key, kinds, connections, window_from, window_to, options, trigger, requested_by)
         VALUES ($1, $2, $3::text[], $4::text[], $5, $6, $7::jsonb, $8, $9) RETURNING *`,
        [
          run.id,
          scopeKey,
          [...run.kinds].sort(),
          [...run.connections].sort(),
          run.from,
          run.to,
          JSON.stringify(run.options),
          run.trigger,
          run.requestedBy ?? null,
        ],
      )) as RawRun[];
      return toRow(rows[0]);
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      throw new ScopeAlreadyRunning(scopeKey, await this.activeRunId(tx, scopeKey));
    }
  }

  async activeRunId(db: EntityManager, scopeKey: string): Promise<string | undefined> {
    const rows = (await db.query(`SELECT id FROM reconciliation_run WHERE scope_key = $1 AND state IN ('queued', 'running')`, [
      scopeKey,
    ])) as {
      id: string;
    }[];
    return rows[0]?.id;
  }

  async findById(db: EntityManager, id: string): Promise<RunRow | undefined> {
    const rows = (await db.query(`SELECT * FROM reconciliation_run WHERE id = $1`, [id])) as RawRun[];
    return rows[0] === undefined ? undefined : toRow(rows[0]);
  }

  /** Newest first, keyset on (created_at, id). */
  async list(db: EntityManager, limit: number, after?: { createdAt: string; id: string }, state?: RunState): Promise<RunRow[]> {
    const params: unknown[] = [limit];
    const where: string[] = [];
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(created_at, id) < ($2::timestamptz, $3::uuid)`);
    }
    if (state) {
      params.push(state);
      where.push(`state = $${params.length}`);
    }
    const rows = (await db.query(
      `SELECT * FROM reconciliation_run ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $1`,
      params,
    )) as RawRun[];
    return rows.map(toRow);
  }

  /**
   * Takes the oldest queued run, or a running one whose worker's lease ran out (it crashed), for
   * this worker. SKIP LOCKED: workers never take the same run.
   */
  async claim(db: EntityManager, owner: string, leaseMs: number): Promise<RunRow | undefined> {
    const rows = returnedRows<RawRun>(
      await db.query(
        `UPDATE reconciliation_run SET state = 'running', lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8 / 1000),
              started_at = COALESCE(started_at, now())
        WHERE id = (SELECT id FROM reconciliation_run
                     WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
                     ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
        [owner, leaseMs],
      ),
    );
    const claimed = rows[0];
    return claimed === undefined ? undefined : toRow(claimed);
  }

  /**
   * Records progress and renews the lease; answers whether the run is still this worker's and
   * not asked to stop (false: stop working on it).
   */
  async heartbeat(
    db: EntityManager,
    id: string,
    owner: string,
    leaseMs: number,
    progress: { phase: string; itemsRead?: number; stepsTotal?: number; stepsDone?: number; etaAt?: Date | null },
  ): Promise<{ owned: boolean; cancelRequested: boolean }> {
    const rows = returnedRows<{ cancel_requested: boolean }>(
      await db.query(
        `UPDATE reconciliation_run
          SET lease_until = now() + make_interval(secs => $3::float8 / 1000), phase = $4,
              items_read = COALESCE($5::bigint, items_read), steps_total = COALESCE($6::int, steps_total),
              steps_done = COALESCE($7::int, steps_done), eta_at = CASE WHEN $8::boolean THEN $9::timestamptz ELSE eta_at END
        WHERE id = $1 AND lease_owner = $2 AND state = 'running'
        RETURNING cancel_requested`,
        [
          id,
          owner,
          leaseMs,
          progress.phase,
          progress.itemsRead ?? null,
          progress.stepsTotal ?? null,
          progress.stepsDone ?? null,
          progress.etaAt !== undefined,
          progress.etaAt ?? null,
        ],
      ),
    );
    const row = rows[0];
    return { owned: row !== undefined, cancelRequested: row?.cancel_requested ?? false };
  }

  /** Marks a step finished in the checkpoint (idempotent), with the run's progress. */
  async checkpoint(db: EntityManager, id: string, owner: string, step: string, stepsDone: number, itemsRead: number): Promise<boolean> {
    const rows = returnedRows(
      await db.query(
        `UPDATE reconciliation_run
          SET checkpoint = jsonb_set(checkpoint, '{done}', (checkpoint->'done') || to_jsonb($3::text)), steps_done = $4, items_read = $5
        WHERE id = $1 AND lease_owner = $2 AND state = 'running' AND NOT (checkpoint->'done') ? $3
        RETURNING id`,
        [id, owner, step, stepsDone, itemsRead],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Hands a run back at shutdown: it stays `running` with its checkpoint, its lease ended now, so the
   * next worker to look (this one after a restart, or another instance) resumes it at once.
   */
  async release(db: EntityManager, id: string, owner: string): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await db.query(
        `UPDATE reconciliation_run SET lease_until = now(), phase = 'paused at shutdown'
          WHERE id = $1 AND lease_owner = $2 AND state = 'running' RETURNING id`,
        [id, owner],
      ),
    );
    return rows.length > 0;
  }

  /** Cancels a queued run at once; a running one is asked to stop and ends cancelled at its next heartbeat. */
  async requestCancel(db: EntityManager, id: string): Promise<RunRow | undefined> {
    await db.query(
      `UPDATE reconciliation_run SET state = 'cancelled', phase = 'cancelled', finished_at = now(), lease_owner = NULL, lease_until = NULL
        WHERE id = $1 AND state = 'queued'`,
      [id],
    );
    await db.query(`UPDATE reconciliation_run SET cancel_requested = true WHERE id = $1 AND state = 'running'`, [id]);
    return this.findById(db, id);
  }

  async finish(
    db: EntityManager,
    id: string,
    owner: string,
    state: 'completed' | 'failed' | 'cancelled',
    detail: { error?: string; discrepancies?: number },
  ): Promise<boolean> {
    const rows = returnedRows(
      await db.query(
        `UPDATE reconciliation_run
          SET state = $3, phase = $3, finished_at = now(), lease_owner = NULL, lease_until = NULL, error = $4,
              discrepancies = COALESCE($5::int, discrepancies), eta_at = NULL,
              steps_done = CASE WHEN $3 = 'completed' THEN steps_total ELSE steps_done END
        WHERE id = $1 AND lease_owner = $2 AND state = 'running'
        RETURNING id`,
        [id, owner, state, detail.error ?? null, detail.discrepancies ?? null],
      ),
    );
    return rows.length > 0;
  }

  /** When the last run of this scope was created, for the schedule. */
  async lastCreatedAt(db: EntityManager, scopeKey: string, trigger: 'api' | 'schedule'): Promise<Date | undefined> {
    const rows = (await db.query(`SELECT max(created_at) AS at FROM reconciliation_run WHERE scope_key = $1 AND trigger = $2`, [
      scopeKey,
      trigger,
    ])) as { at: Date | null }[];
    return rows[0]?.at ?? undefined;
  }
}
