import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue, prices and returns (flows 6 and 7): the brand's product code beside the hub's id,
 * the canonical SKU as published, one publication state per product and target connection, one
 * push state per price and target connection, and what the API lists returns by.
 */
export class CataloguePublications1764000000020 implements MigrationInterface {
  name = 'CataloguePublications1764000000020';

  async up(db: QueryRunner): Promise<void> {
    // The brand's product (style) code, Nengmao `goodsSn`: what every provider knows the product by.
    await db.query(`ALTER TABLE product ADD COLUMN code text CHECK (code IS NULL OR length(code) BETWEEN 1 AND 128)`);
    await db.query(`ALTER TABLE product ADD COLUMN published_at timestamptz`);
    await db.query(`CREATE UNIQUE INDEX product_unique_code ON product (code) WHERE code IS NOT NULL`);
    await db.query(`CREATE INDEX product_keyset ON product (created_at DESC, id DESC)`);
    // The canonical SKU as given (weights and sizes in their own units, attributes, item numbers):
    // the typed columns beside it are derived for queries and reports.
    await db.query(`ALTER TABLE sku ADD COLUMN spec jsonb`);

    await db.query(`
      CREATE TABLE publication (
        product_id      uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        connection_id   uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
        -- The ProductPublished event this state answers; a newer publication replaces it.
        event_id        uuid NOT NULL,
        product_version integer NOT NULL,
        state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
        reason          text,
        -- What the provider answered per SKU: {"SKU-1": "accepted"} or the item's error.
        provider_ids    jsonb NOT NULL DEFAULT '{}'::jsonb,
        attempts        integer NOT NULL DEFAULT 0,
        requested_at    timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, connection_id)
      )`);

    // Prices waiting to reach one connection, coalesced per SKU and kind: a delivery pushes every
    // pending row of its connection in the sink's largest batch, claimed with a lease.
    await db.query(`
      CREATE TABLE price_push (
        connection_id   uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
        sku             text NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('sale', 'market', 'promotion', 'cost')),
        amount          numeric(18, 4) NOT NULL CHECK (amount >= 0),
        currency        char(3) NOT NULL,
        as_of           timestamptz NOT NULL,
        state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'done', 'failed')),
        lease_until     timestamptz,
        reason          text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, sku, kind)
      )`);
    await db.query(`CREATE INDEX price_push_claimable ON price_push (connection_id, updated_at) WHERE state IN ('pending', 'in_flight')`);

    await db.query(`ALTER TABLE return_request ADD COLUMN requested_at timestamptz`);
    await db.query(`ALTER TABLE return_request ADD COLUMN detail jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await db.query(`CREATE INDEX return_request_keyset ON return_request (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX return_request_by_order ON return_request (order_id) WHERE order_id IS NOT NULL`);
    await db.query(
      `CREATE INDEX return_request_unacknowledged ON return_request (source_connection_name, created_at) WHERE acknowledged_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS return_request_unacknowledged`);
    await db.query(`DROP INDEX IF EXISTS return_request_by_order`);
    await db.query(`DROP INDEX IF EXISTS return_request_keyset`);
    await db.query(`ALTER TABLE return_request DROP COLUMN IF EXISTS detail`);
    await db.query(`ALTER TABLE return_request DROP COLUMN IF EXISTS requested_at`);
    await db.query(`DROP TABLE IF EXISTS price_push`);
    await db.query(`DROP TABLE IF EXISTS publication`);
    await db.query(`ALTER TABLE sku DROP COLUMN IF EXISTS spec`);
    await db.query(`DROP INDEX IF EXISTS product_keyset`);
    await db.query(`DROP INDEX IF EXISTS product_unique_code`);
    await db.query(`ALTER TABLE product DROP COLUMN IF EXISTS published_at`);
    await db.query(`ALTER TABLE product DROP COLUMN IF EXISTS code`);
  }
}
