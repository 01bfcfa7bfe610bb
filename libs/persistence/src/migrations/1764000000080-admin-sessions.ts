import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Back-office sessions: an API key exchanged for a cookie. Only the SHA-256 of the session token is
 * stored; the session dies with its key (revoked or deleted) and after its idle or absolute limit.
 */
export class AdminSessions1764000000080 implements MigrationInterface {
  name = 'AdminSessions1764000000080';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE admin_session (
        token_hash    text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        api_key_id    uuid NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
        csrf_token    text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        last_seen_at  timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX admin_session_expiry ON admin_session (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS admin_session`);
  }
}
