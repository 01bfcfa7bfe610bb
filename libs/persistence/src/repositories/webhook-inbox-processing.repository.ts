import { EntityManager } from 'typeorm';
import type { InboxState } from '../entities/webhook-inbox.entity';

/** One inbox row as the processor and the callbacks API see it. */
export interface InboxRow {
  readonly id: string;
  readonly store: string;
  readonly connectionId: string | null;
  readonly dedupeKey: string;
  readonly contentType: string | null;
  readonly bodyFormat: 'xml' | 'json';
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly sourceAddress: string | null;
  readonly state: InboxState;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly receivedAt: Date;
  readonly processedAt: Date | null;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: Date | null;
  readonly nextAttemptAt: Date | null;
  readonly externalOrderNumber: string | null;
  readonly outcome: unknown;
  /** Failures in a row since it last was processed or waiting: the retry budget. */
  readonly failures: number;
}

interface Row {
  id: string;
  store: string;
  connection_id: string | null;
  dedupe_key: string;
  content_type: string | null;
  body_format: 'xml' | 'json';
  headers: Record<string, string>;
  body: string;
  source_address: string | null;
  state: InboxState;
  attempts: number;
  last_error: string | null;
  received_at: Date;
  processed_at: Date | null;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  next_attempt_at: Date | null;
  external_order_number: string | null;
  outcome: unknown;
  failures: number;
}

function toRow(r: Row): InboxRow {
  return {
    id: String(r.id),
    store: r.store,
    connectionId: r.connection_id,
    dedupeKey: r.dedupe_key,
    contentType: r.content_type,
    bodyFormat: r.body_format,
    headers: r.headers,
    body: r.body,
    sourceAddress: r.source_address,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    receivedAt: r.received_at,
    processedAt: r.processed_at,
    leaseOwner: r.lease_owner,
    leaseExpiresAt: r.lease_expires_at,
    nextAttemptAt: r.next_attempt_at,
    externalOrderNumber: r.external_order_number,
    outcome: r.outcome,
    failures: r.failures,
  };
}

/** How a processed row ends: its state, and what to keep about it. */
export interface InboxSettlement {
  readonly state: Exclude<InboxState, 'received' | 'processing'>;
  readonly externalOrderNumber?: string | null;
  readonly outcome?: unknown;
  readonly lastError?: string | null;
  /** When the row is due again (waiting or failed); null: only by hand. */
  readonly nextAttemptAt?: Date | null;
}

export interface InboxListFilter {
  readonly states?: readonly InboxState[];
  readonly stores?: readonly string[];
  /** Keyset: rows with a smaller id (the list walks newest first). */
  readonly beforeId?: string;
  readonly limit: number;
}

/**
 * The processing side of `webhook_inbox` (the receiver inserts rows elsewhere). A row is
 * claimed under a lease (`processing`, owner, expiry), so any number of hub instances share the
 * rows and a crashed instance's rows are claimed again once its lease runs out; the row's final
 * state is written in the transaction that applies it. States and what makes a row due:
 *
 *   received            -> due at once
 *   processing          -> due again when its lease has expired (the owner died)
 *   waiting_for_order   -> due when its order exists and has been forwarded, or at next_attempt_at (periodic retry)
 *   failed              -> due at next_attempt_at; none: only an operator's reprocess
 *   processed           -> never (an operator's reprocess only)
 */
export class WebhookInboxProcessingRepository {
  /** Claims up to `limit` due rows for `owner`, oldest first; rows another instance holds are skipped. */
  async claim(db: EntityManager, owner: string, leaseMs: number, limit: number): Promise<InboxRow[]> {
    const rows = (await db.query(
      `WITH due AS MATERIALIZED (
         SELECT id FROM webhook_inbox w
          WHERE w.state = 'received'
             OR (w.state = 'processing' AND w.lease_expires_at < now())
             OR (w.state = 'failed' AND w.next_attempt_at <= now())
             OR (w.state = 'waiting_for_order' AND (w.next_attempt_at <= now()
                   OR EXISTS (SELECT 1 FROM sales_order o WHERE o.external_order_number = w.external_order_number
                                AND o.status NOT IN ('received', 'acknowledged'))))
          ORDER BY w.id
          LIMIT $3
          FOR UPDATE SKIP LOCKED)
       UPDATE webhook_inbox i
          SET state = 'processing', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond', attempts = i.attempts + 1
         FROM due WHERE i.id = due.id
       RETURNING i.*`,
      [owner, leaseMs, limit],
    )) as [Row[], number];
    return rows[0].map(toRow).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /**
   * Claims one row now whatever its state (an operator's reprocess), unless another instance holds
   * it under a live lease; answers undefined then, or when there is no such row.
   */
  async claimOne(db: EntityManager, id: string, owner: string, leaseMs: number): Promise<InboxRow | undefined> {
    const rows = (await db.query(
      `UPDATE webhook_inbox
          SET state = 'processing', lease_owner = $2, lease_expires_at = now() + $3 * interval '1 millisecond',
              attempts = attempts + 1, next_attempt_at = NULL
        WHERE id = $1 AND NOT (state = 'processing' AND lease_expires_at >= now())
       RETURNING *`,
      [id, owner, leaseMs],
    )) as [Row[], number];
    const row = rows[0][0];
    return row === undefined ? undefined : toRow(row);
  }

  /** Locks a row this owner still holds, inside the transaction that applies it; undefined when the lease was lost. */
  async lockOwned(tx: EntityManager, id: string, owner: string): Promise<InboxRow | undefined> {
    const rows = (await tx.query(`SELECT * FROM webhook_inbox WHERE id = $1 AND state = 'processing' AND lease_owner = $2 FOR UPDATE`, [
      id,
      owner,
    ])) as Row[];
    const row = rows[0];
    return row === undefined ? undefined : toRow(row);
  }

  /** Writes how a row ended and lets go of its lease; only while `owner` holds it. */
  async settle(db: EntityManager, id: string, owner: string, settlement: InboxSettlement): Promise<boolean> {
    const result = (await db.query(
      `UPDATE webhook_inbox
          SET state = $3, lease_owner = NULL, lease_expires_at = NULL,
              external_order_number = COALESCE($4, external_order_number),
              outcome = COALESCE($5::jsonb, outcome),
              last_error = $6,
              next_attempt_at = $7,
              processed_at = CASE WHEN $3 = 'processed' THEN now() ELSE processed_at END,
              failures = CASE WHEN $3 = 'failed' THEN failures + 1 ELSE 0 END
        WHERE id = $1 AND state = 'processing' AND lease_owner = $2`,
      [
        id,
        owner,
        settlement.state,
        settlement.externalOrderNumber ?? null,
        settlement.outcome === undefined ? null : JSON.stringify(settlement.outcome),
        settlement.lastError ?? null,
        settlement.nextAttemptAt ?? null,
      ],
    )) as [unknown[], number];
    return result[1] === 1;
  }

  async findById(db: EntityManager, id: string): Promise<InboxRow | undefined> {
    const rows = (await db.query(`SELECT * FROM webhook_inbox WHERE id = $1`, [id])) as Row[];
    const row = rows[0];
    return row === undefined ? undefined : toRow(row);
  }

  /** Newest first, by state and store, one keyset page. */
  async list(db: EntityManager, filter: InboxListFilter): Promise<InboxRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.states !== undefined && filter.states.length > 0) {
      params.push(filter.states);
      where.push(`state = ANY($${params.length}::text[])`);
    }
    if (filter.stores !== undefined && filter.stores.length > 0) {
      params.push(filter.stores);
      where.push(`store = ANY($${params.length}::text[])`);
    }
    if (filter.beforeId !== undefined) {
      params.push(filter.beforeId);
      where.push(`id < $${params.length}::bigint`);
    }
    params.push(filter.limit);
    const rows = (await db.query(
      `SELECT * FROM webhook_inbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    )) as Row[];
    return rows.map(toRow);
  }

  /** Rows per state, for operations and tests. */
  async countByState(db: EntityManager): Promise<Record<InboxState, number>> {
    const rows = (await db.query(`SELECT state, count(*)::int AS n FROM webhook_inbox GROUP BY state`)) as {
      state: InboxState;
      n: number;
    }[];
    const counts: Record<InboxState, number> = { received: 0, processing: 0, processed: 0, waiting_for_order: 0, failed: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }
}
