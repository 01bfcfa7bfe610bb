import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit line of every refused callback (ADR 0012): who sent what to which store, and why it
 * was refused. Never the body (it is untrusted and may be 20 MB): its size and SHA-256, so a
 * sender's retries of the same body can be recognised.
 */
export class CallbackRefusals1764000000030 implements MigrationInterface {
  name = 'CallbackRefusals1764000000030';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE callback_refusal (
        id              bigserial PRIMARY KEY,
        refused_at      timestamptz NOT NULL DEFAULT now(),
        store           text NOT NULL,
        connection_id   uuid REFERENCES connection (id) ON DELETE SET NULL,
        source_address  text,
        http_status     integer NOT NULL CHECK (http_status BETWEEN 400 AND 499),
        reason_code     text NOT NULL,
        reason          text NOT NULL,
        content_type    text,
        body_bytes      integer,
        body_sha256     text CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
        request_id      text
      )`);
    await db.query(`CREATE INDEX callback_refusal_by_time ON callback_refusal (refused_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS callback_refusal`);
  }
}
