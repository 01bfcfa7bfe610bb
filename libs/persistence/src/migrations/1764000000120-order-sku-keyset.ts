import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order list filtered by SKU as an index range scan (issue 8's benchmark, ADR 0023). Each line
 * carries its order's `created_at`, so `(sku, order_created_at DESC, order_id DESC)` lists a SKU's
 * orders already in the list's keyset order: a page is the 51 next index entries, however many
 * orders the SKU has, instead of every order id of the SKU fetched, looked up and sorted.
 *
 * The copy cannot drift: a foreign key ties `(order_id, order_created_at)` to the order's
 * `(id, created_at)` (ON UPDATE CASCADE), for which the list's keyset index becomes unique (it
 * always was: `id` is the primary key).
 */
export class OrderSkuKeyset1764000000120 implements MigrationInterface {
  name = 'OrderSkuKeyset1764000000120';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sales_order_line ADD COLUMN order_created_at timestamptz`);
    await db.query(`UPDATE sales_order_line l SET order_created_at = o.created_at FROM sales_order o WHERE o.id = l.order_id`);
    await db.query(`ALTER TABLE sales_order_line ALTER COLUMN order_created_at SET NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX sales_order_keyset_unique ON sales_order (created_at DESC, id DESC)`);
    await db.query(`DROP INDEX sales_order_keyset`);
    await db.query(`ALTER INDEX sales_order_keyset_unique RENAME TO sales_order_keyset`);
    await db.query(`
      ALTER TABLE sales_order_line ADD CONSTRAINT sales_order_line_order_keyset
        FOREIGN KEY (order_id, order_created_at) REFERENCES sales_order (id, created_at) ON UPDATE CASCADE ON DELETE CASCADE`);
    await db.query(`CREATE INDEX sales_order_line_sku_keyset ON sales_order_line (sku, order_created_at DESC, order_id DESC)`);
    // Superseded: every query by SKU and order finds both in the keyset index.
    await db.query(`DROP INDEX IF EXISTS sales_order_line_sku_order`);
    await db.query(`ANALYZE sales_order_line`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS sales_order_line_sku_order ON sales_order_line (sku, order_id)`);
    await db.query(`DROP INDEX IF EXISTS sales_order_line_sku_keyset`);
    await db.query(`ALTER TABLE sales_order_line DROP CONSTRAINT IF EXISTS sales_order_line_order_keyset`);
    await db.query(`ALTER TABLE sales_order_line DROP COLUMN IF EXISTS order_created_at`);
  }
}
