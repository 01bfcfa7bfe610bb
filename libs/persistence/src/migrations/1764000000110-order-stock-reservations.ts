import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders hold stock (ADR 0022). A reservation row per order line (`<orderId>:<lineId>`) keeps how
 * much of the line is still outstanding and covered by stock (`covered`, counted in the level's
 * `in_flight`), outstanding but oversold (`backordered`, counted in the level's new `backordered`),
 * and already shipped (`consumed`, taken off `on_hand`). Rows made before this migration (the
 * ledger's own references) were wholly covered while not released.
 */
export class OrderStockReservations1764000000110 implements MigrationInterface {
  name = 'OrderStockReservations1764000000110';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inventory_level ADD COLUMN backordered integer NOT NULL DEFAULT 0 CHECK (backordered >= 0)`);
    await db.query(`
      ALTER TABLE inventory_reservation
        ADD COLUMN order_id     uuid,
        ADD COLUMN covered      integer NOT NULL DEFAULT 0 CHECK (covered >= 0),
        ADD COLUMN backordered  integer NOT NULL DEFAULT 0 CHECK (backordered >= 0),
        ADD COLUMN consumed     integer NOT NULL DEFAULT 0 CHECK (consumed >= 0),
        ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now()`);
    await db.query(`UPDATE inventory_reservation SET covered = quantity WHERE released_at IS NULL`);
    await db.query(`CREATE INDEX inventory_reservation_by_order ON inventory_reservation (order_id) WHERE order_id IS NOT NULL`);
    // The inventory view's "oversold" figure and the order list's filter read outstanding backorders.
    await db.query(`CREATE INDEX inventory_reservation_backordered ON inventory_reservation (sku) WHERE backordered > 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS inventory_reservation_backordered`);
    await db.query(`DROP INDEX IF EXISTS inventory_reservation_by_order`);
    await db.query(`ALTER TABLE inventory_reservation DROP COLUMN order_id, DROP COLUMN covered, DROP COLUMN backordered,
      DROP COLUMN consumed, DROP COLUMN updated_at`);
    await db.query(`ALTER TABLE inventory_level DROP COLUMN backordered`);
  }
}
