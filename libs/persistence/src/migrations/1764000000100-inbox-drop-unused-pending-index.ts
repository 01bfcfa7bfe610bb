import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `webhook_inbox_pending (received_at)` was made with the table for a worker that would read pending
 * rows by arrival time; the inbox processor claims by id instead (`webhook_inbox_claimable`,
 * migration 1764000000040), and no query reads by `received_at`. Every accepted callback still paid
 * for the index on insert (ADR 0012, bench/callback-receiver), so it goes.
 */
export class InboxDropUnusedPendingIndex1764000000100 implements MigrationInterface {
  name = 'InboxDropUnusedPendingIndex1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS webhook_inbox_pending`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX IF NOT EXISTS webhook_inbox_pending ON webhook_inbox (received_at) WHERE state IN ('received', 'waiting_for_order', 'failed')`,
    );
  }
}
