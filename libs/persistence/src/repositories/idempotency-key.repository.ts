import { EntityManager } from 'typeorm';

export interface IdempotencyClaim {
  readonly apiKeyId: string;
  readonly key: string;
  readonly requestHash: string;
  readonly method: string;
  readonly path: string;
  /** How long the claim stays the caller's before another request may take it over (crash recovery). */
  readonly lockMs: number;
  /** How long the answer is kept. */
  readonly retentionMs: number;
}

export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a claim found: the key is now ours, or someone else's request is running, or here is the first answer. */
export type ClaimOutcome =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'completed'; readonly answer: StoredAnswer };

interface Row {
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

/**
 * Idempotency keys, per API key. A claim is one INSERT … ON CONFLICT: the row's primary key makes
 * two concurrent requests with one key race on the database, never in memory, so the rule holds
 * across every hub instance. An expired row or an abandoned claim (its lock passed) is taken over.
 */
export class IdempotencyKeyRepository {
  async claim(db: EntityManager, claim: IdempotencyClaim): Promise<ClaimOutcome> {
    const taken = (await db.query(
      `INSERT INTO idempotency_key (api_key_id, key, request_hash, method, path, state, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_flight', now() + make_interval(secs => $6::double precision / 1000),
               now() + make_interval(secs => $7::double precision / 1000))
       ON CONFLICT (api_key_id, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path, state = 'in_flight',
              locked_until = EXCLUDED.locked_until, response_status = NULL, response_headers = NULL, response_body = NULL,
              created_at = now(), completed_at = NULL, expires_at = EXCLUDED.expires_at
        WHERE idempotency_key.expires_at <= now()
           OR (idempotency_key.state = 'in_flight' AND idempotency_key.locked_until <= now()
               AND idempotency_key.request_hash = EXCLUDED.request_hash)
       RETURNING 1 AS claimed`,
      [claim.apiKeyId, claim.key, claim.requestHash, claim.method, claim.path, claim.lockMs, claim.retentionMs],
    )) as unknown[];
    if (taken.length > 0) return { kind: 'claimed' };
    const rows = (await db.query(
      `SELECT request_hash, state, response_status, response_headers, response_body
         FROM idempotency_key WHERE api_key_id = $1 AND key = $2`,
      [claim.apiKeyId, claim.key],
    )) as Row[];
    const row = rows[0];
    // Deleted between the two statements (the first request failed and freed it): the caller may try again.
    if (!row) return { kind: 'in_flight' };
    if (row.request_hash !== claim.requestHash) return { kind: 'mismatch' };
    if (row.state === 'in_flight' || row.response_status === null) return { kind: 'in_flight' };
    return {
      kind: 'completed',
      answer: { status: row.response_status, headers: row.response_headers ?? {}, body: row.response_body ?? '' },
    };
  }

  /** Records the answer of a claimed key; it is replayed from now on. */
  async complete(db: EntityManager, apiKeyId: string, key: string, answer: StoredAnswer): Promise<void> {
    await db.query(
      `UPDATE idempotency_key
          SET state = 'completed', response_status = $3, response_headers = $4::jsonb, response_body = $5,
              completed_at = now(), locked_until = NULL
        WHERE api_key_id = $1 AND key = $2 AND state = 'in_flight'`,
      [apiKeyId, key, answer.status, JSON.stringify(answer.headers), answer.body],
    );
  }

  /** Frees a claimed key whose request was not carried out (invalid input, server error): it may be sent again. */
  async release(db: EntityManager, apiKeyId: string, key: string): Promise<void> {
    await db.query(`DELETE FROM idempotency_key WHERE api_key_id = $1 AND key = $2 AND state = 'in_flight'`, [apiKeyId, key]);
  }

  /** Deletes keys past their retention; answers how many. */
  async deleteExpired(db: EntityManager, limit = 10_000): Promise<number> {
    const deleted = (await db.query(
      `DELETE FROM idempotency_key WHERE ctid IN (SELECT ctid FROM idempotency_key WHERE expires_at <= now() LIMIT $1)`,
      [limit],
    )) as [unknown[], number];
    return deleted[1] ?? 0;
  }
}
