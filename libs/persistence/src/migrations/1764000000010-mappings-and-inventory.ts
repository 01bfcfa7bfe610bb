import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mapping tables as data (courier codes, order statuses, SKU cross-reference) with their history
 * and a version per table (the ETag of the API, and how hub instances notice a change); and the
 * inventory side of flow 5: SKUs waiting to be pushed per marketplace connection (many changes to
 * one SKU are one row), audited adjustments, and idempotent reservations.
 */
export class MappingsAndInventory1764000000010 implements MigrationInterface {
  name = 'MappingsAndInventory1764000000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mapping_table (
        name         text PRIMARY KEY CHECK (name IN ('courier-codes', 'order-statuses', 'sku-xref')),
        -- Bumped by every change of the table's entries: the ETag, and the cache key of every instance.
        version      integer NOT NULL DEFAULT 0 CHECK (version >= 0),
        -- When the documents' defaults were written; never again after that, so deleted defaults stay deleted.
        seeded_at    timestamptz,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO mapping_table (name) VALUES ('courier-codes'), ('order-statuses'), ('sku-xref')`);

    await db.query(`
      CREATE TABLE mapping_entry (
        table_name   text NOT NULL REFERENCES mapping_table (name),
        key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
        value        jsonb NOT NULL CHECK (jsonb_typeof(value) = 'object'),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (table_name, key)
      )`);
    // One product per identifier: two canonical SKUs can never claim the same 3PL, Envoy or barcode number.
    for (const field of ['merchantGoodsNo', 'warehouseGoodsNo', 'envoySkuNumber', 'barcode']) {
      await db.query(
        `CREATE UNIQUE INDEX mapping_sku_xref_${field.toLowerCase()} ON mapping_entry ((value->>'${field}'))
           WHERE table_name = 'sku-xref' AND value ? '${field}'`,
      );
    }

    await db.query(`
      CREATE TABLE mapping_history (
        id             bigserial PRIMARY KEY,
        table_name     text NOT NULL REFERENCES mapping_table (name),
        key            text NOT NULL,
        old_value      jsonb,
        new_value      jsonb,
        -- The table's version this change produced.
        table_version  integer NOT NULL,
        actor_key_id   uuid,
        actor_name     text NOT NULL,
        changed_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX mapping_history_by_table ON mapping_history (table_name, id DESC)`);

    await db.query(`
      CREATE TABLE inventory_push_pending (
        connection_id    uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
        sku              text NOT NULL,
        -- Bumped by every further change: a push removes the row only if nothing changed meanwhile.
        generation       integer NOT NULL DEFAULT 1,
        first_marked_at  timestamptz NOT NULL DEFAULT now(),
        -- Set when a full push starts; a change after that clears it, so the full push removes only what it covered.
        covered_by_full  boolean NOT NULL DEFAULT false,
        PRIMARY KEY (connection_id, sku)
      )`);
    await db.query(`CREATE INDEX inventory_push_pending_oldest ON inventory_push_pending (connection_id, first_marked_at, sku)`);

    await db.query(`
      CREATE TABLE inventory_adjustment (
        id              bigserial PRIMARY KEY,
        sku             text NOT NULL,
        location        text NOT NULL,
        mode            text NOT NULL CHECK (mode IN ('absolute', 'delta')),
        quantity        integer NOT NULL,
        reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        on_hand_before  integer NOT NULL,
        on_hand_after   integer NOT NULL CHECK (on_hand_after >= 0),
        actor_key_id    uuid,
        actor_name      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX inventory_adjustment_by_sku ON inventory_adjustment (sku, id DESC)`);

    await db.query(`
      CREATE TABLE inventory_reservation (
        reference    text PRIMARY KEY CHECK (length(reference) BETWEEN 1 AND 200),
        sku          text NOT NULL,
        location     text NOT NULL,
        quantity     integer NOT NULL CHECK (quantity > 0),
        released_at  timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'inventory_reservation',
      'inventory_adjustment',
      'inventory_push_pending',
      'mapping_history',
      'mapping_entry',
      'mapping_table',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
