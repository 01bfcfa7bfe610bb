import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys for /api/v1. Only the SHA-256 of a key is stored: a key is looked up by its hash, so
 * the comparison never runs over the secret itself and a stolen table yields no usable key.
 */
export class ApiKeys1764000000002 implements MigrationInterface {
  name = 'ApiKeys1764000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_key (
        id            uuid PRIMARY KEY,
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        hash          text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
        scopes        text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write', 'admin', 'pii']::text[]),
        created_at    timestamptz NOT NULL DEFAULT now(),
        last_used_at  timestamptz,
        revoked_at    timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS api_key`);
  }
}
