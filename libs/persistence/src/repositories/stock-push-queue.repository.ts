import { EntityManager } from 'typeorm';

export interface PendingStockPush {
  readonly sku: string;
  readonly generation: number;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * The SKUs each marketplace connection still has to receive. Routing an inventory change marks
 * its SKU for every target connection; marking a SKU already waiting only bumps its generation,
 * so any number of changes between two pushes is one row: one push per SKU per batch window.
 * A push removes a row only if its generation is still the one it pushed, so a change that
 * lands during a push is pushed again, never lost.
 */
export class StockPushQueueRepository {
  /** Marks SKUs for connections, in the transaction that routes the changes. */
  async mark(tx: EntityManager, marks: readonly { readonly connectionId: string; readonly sku: string }[]): Promise<void> {
    if (marks.length === 0) return;
    // Distinct pairs only: one INSERT ... ON CONFLICT cannot touch the same row twice.
    const unique = [...new Map(marks.map((m) => [`${m.connectionId}\u0000${m.sku}`, m])).values()];
    await tx.query(
      `INSERT INTO inventory_push_pending (connection_id, sku)
       SELECT * FROM unnest($1::uuid[], $2::text[])
       ON CONFLICT (connection_id, sku) DO UPDATE
         SET generation = inventory_push_pending.generation + 1, covered_by_full = false`,
      [unique.map((m) => m.connectionId), unique.map((m) => m.sku)],
    );
  }

  /** The oldest waiting SKUs of a connection (a hot SKU keeps its place: first_marked_at is never moved). */
  async oldest(db: EntityManager, connectionId: string, limit: number): Promise<PendingStockPush[]> {
    return (await db.query(
      `SELECT sku, generation FROM inventory_push_pending WHERE connection_id = $1 ORDER BY first_marked_at, sku LIMIT $2`,
      [connectionId, limit],
    )) as PendingStockPush[];
  }

  /** Removes what was pushed, unless it changed again meanwhile; answers how many rows went. */
  async done(tx: EntityManager, connectionId: string, pushed: readonly PendingStockPush[]): Promise<number> {
    if (pushed.length === 0) return 0;
    return rowsOf<unknown>(
      await tx.query(
        `DELETE FROM inventory_push_pending p
          USING unnest($2::text[], $3::int[]) AS d(sku, generation)
          WHERE p.connection_id = $1 AND p.sku = d.sku AND p.generation = d.generation
          RETURNING p.sku`,
        [connectionId, pushed.map((p) => p.sku), pushed.map((p) => p.generation)],
      ),
    ).length;
  }

  /** A full push starts: every SKU waiting now will be covered by it (a later change clears the flag). */
  async coverByFull(tx: EntityManager, connectionId: string): Promise<void> {
    await tx.query(`UPDATE inventory_push_pending SET covered_by_full = true WHERE connection_id = $1`, [connectionId]);
  }

  /** A full push finished: what it covered and did not change since is done. */
  async doneByFull(tx: EntityManager, connectionId: string): Promise<number> {
    return rowsOf<unknown>(
      await tx.query(`DELETE FROM inventory_push_pending WHERE connection_id = $1 AND covered_by_full RETURNING sku`, [connectionId]),
    ).length;
  }

  async count(db: EntityManager, connectionId: string): Promise<number> {
    const rows = (await db.query(`SELECT count(*)::int AS n FROM inventory_push_pending WHERE connection_id = $1`, [connectionId])) as {
      n: number;
    }[];
    return rows[0]?.n ?? 0;
  }
}
