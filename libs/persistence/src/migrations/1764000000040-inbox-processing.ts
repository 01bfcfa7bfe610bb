import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the inbox processor needs beside what the receiver writes: a lease (so several hub
 * instances share the rows and a crashed one's rows are taken up again), when a row is due again,
 * the order number it concerns (so a row waiting for its order wakes when the order arrives),
 * what processing did (shown by the callbacks API), and failures in a row (the retry budget;
 * `attempts` counts every time processing started, waits included).
 */
export class InboxProcessing1764000000040 implements MigrationInterface {
  name = 'InboxProcessing1764000000040';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE webhook_inbox
        ADD COLUMN lease_owner            text,
        ADD COLUMN lease_expires_at       timestamptz,
        ADD COLUMN next_attempt_at        timestamptz,
        ADD COLUMN external_order_number  text,
        ADD COLUMN outcome                jsonb,
        ADD COLUMN failures               integer NOT NULL DEFAULT 0`);
    // The processor's claim: rows due now, oldest first.
    await db.query(
      `CREATE INDEX webhook_inbox_claimable ON webhook_inbox (id) WHERE state IN ('received', 'processing', 'failed', 'waiting_for_order')`,
    );
    // Rows waiting for an order, found by the order's number when it arrives.
    await db.query(
      `CREATE INDEX webhook_inbox_waiting_by_order ON webhook_inbox (external_order_number) WHERE state = 'waiting_for_order'`,
    );
    // The callbacks API lists by state and store, newest first.
    await db.query(`CREATE INDEX webhook_inbox_by_state ON webhook_inbox (state, id DESC)`);
    await db.query(`CREATE INDEX webhook_inbox_by_store ON webhook_inbox (store, id DESC)`);
    // Logistics callbacks find orders by the marketplace number alone.
    await db.query(`CREATE INDEX IF NOT EXISTS sales_order_by_external_number ON sales_order (external_order_number)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS sales_order_by_external_number`);
    await db.query(`DROP INDEX IF EXISTS webhook_inbox_by_store`);
    await db.query(`DROP INDEX IF EXISTS webhook_inbox_by_state`);
    await db.query(`DROP INDEX IF EXISTS webhook_inbox_waiting_by_order`);
    await db.query(`DROP INDEX IF EXISTS webhook_inbox_claimable`);
    await db.query(`
      ALTER TABLE webhook_inbox
        DROP COLUMN failures,
        DROP COLUMN outcome,
        DROP COLUMN external_order_number,
        DROP COLUMN next_attempt_at,
        DROP COLUMN lease_expires_at,
        DROP COLUMN lease_owner`);
  }
}
