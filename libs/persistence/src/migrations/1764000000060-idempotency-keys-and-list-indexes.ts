import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of the REST API (issue 8, ADR 0015): the first answer to a POST/PUT/PATCH with
 * an `Idempotency-Key`, kept 24 hours per API key so a retried request is answered, not redone.
 * And the indexes the order and shipment lists need to stay keyset-fast under every filter.
 */
export class IdempotencyKeysAndListIndexes1764000000060 implements MigrationInterface {
  name = 'IdempotencyKeysAndListIndexes1764000000060';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_key (
        api_key_id        uuid NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
        key               text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        -- SHA-256 of method, path and the canonical JSON body: the same key with another request is refused.
        request_hash      text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        method            text NOT NULL,
        path              text NOT NULL,
        state             text NOT NULL CHECK (state IN ('in_flight', 'completed')),
        -- An in-flight claim of a crashed process is taken over after this.
        locked_until      timestamptz,
        response_status   integer,
        response_headers  jsonb,
        response_body     text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        completed_at      timestamptz,
        expires_at        timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, key),
        CONSTRAINT idempotency_key_completed_has_answer CHECK (state <> 'completed' OR response_status IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at)`);

    // Orders of one connection, newest first (the connection filter walks this, not the whole keyset).
    await db.query(`CREATE INDEX sales_order_connection_keyset ON sales_order (source_connection_name, created_at DESC, id DESC)`);
    // The sku filter reads order ids from the index alone.
    await db.query(`CREATE INDEX sales_order_line_sku_order ON sales_order_line (sku, order_id)`);
    // An order's returns (order detail; the catalogue migration may have made it already), and the shipment list's keyset.
    await db.query(`CREATE INDEX IF NOT EXISTS return_request_by_order ON return_request (order_id) WHERE order_id IS NOT NULL`);
    await db.query(`CREATE INDEX shipment_keyset ON shipment (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX shipment_status_keyset ON shipment (status, created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['shipment_status_keyset', 'shipment_keyset', 'sales_order_line_sku_order', 'sales_order_connection_keyset']) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await db.query(`DROP TABLE IF EXISTS idempotency_key`);
  }
}
