import { EntityManager } from 'typeorm';
import type { ApiKeyScope } from './api-key.repository';

export interface NewAdminSession {
  /** SHA-256 of the session token, lowercase hex: the token itself never reaches the database. */
  readonly tokenHash: string;
  readonly apiKeyId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface ActiveAdminSession {
  readonly apiKeyId: string;
  readonly keyName: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

interface RawSession {
  api_key_id: string;
  name: string;
  scopes: ApiKeyScope[];
  csrf_token: string;
  expires_at: Date;
}

export class AdminSessionRepository {
  async create(db: EntityManager, session: NewAdminSession): Promise<void> {
    await db.query(`INSERT INTO admin_session (token_hash, api_key_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)`, [
      session.tokenHash,
      session.apiKeyId,
      session.csrfToken,
      session.expiresAt,
    ]);
  }

  /**
   * The live session with this token hash: not expired, not idle longer than `idleMs`, and its key
   * not revoked. Seeing it slides the idle window (at most one write a minute per session).
   */
  async findActive(db: EntityManager, tokenHash: string, idleMs: number): Promise<ActiveAdminSession | undefined> {
    const rows = (await db.query(
      `SELECT s.api_key_id, k.name, k.scopes, s.csrf_token, s.expires_at, s.last_seen_at
         FROM admin_session s JOIN api_key k ON k.id = s.api_key_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND k.revoked_at IS NULL
          AND s.last_seen_at > now() - make_interval(secs => $2::double precision / 1000)`,
      [tokenHash, idleMs],
    )) as RawSession[];
    const row = rows[0];
    if (!row) return undefined;
    await db.query(`UPDATE admin_session SET last_seen_at = now() WHERE token_hash = $1 AND last_seen_at < now() - interval '1 minute'`, [
      tokenHash,
    ]);
    return { apiKeyId: row.api_key_id, keyName: row.name, scopes: row.scopes, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async delete(db: EntityManager, tokenHash: string): Promise<void> {
    await db.query(`DELETE FROM admin_session WHERE token_hash = $1`, [tokenHash]);
  }

  /** Expired sessions are only dead weight; removed when someone logs in. */
  async deleteExpired(db: EntityManager): Promise<number> {
    const result = (await db.query(`DELETE FROM admin_session WHERE expires_at <= now() RETURNING 1`)) as unknown;
    return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[]).length : 0;
  }
}
