import { EntityManager } from 'typeorm';

export interface StockFigureRow {
  readonly sku: string;
  readonly location: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly asOf: Date;
}

export interface AvailableStock {
  readonly sku: string;
  /** On hand − reserved − in flight, summed over locations, never below zero. */
  readonly available: number;
  /**
   * The latest change, as PostgreSQL's own text (microseconds): a JavaScript Date would round it
   * to milliseconds and a cursor built from it would find the same rows again.
   */
  readonly changedAt: string;
}

/**
 * Canonical stock per SKU and location. Writing the same figures again changes nothing (no new
 * `updated_at`), so a push that follows changes only sends what really moved, and many changes
 * to one SKU between two pushes are one row: coalesced by construction.
 */
export class InventoryRepository {
  /** Upserts figures read from a source; answers the SKUs whose figures changed. */
  async record(tx: EntityManager, figures: readonly StockFigureRow[]): Promise<string[]> {
    if (figures.length === 0) return [];
    const values: unknown[] = [];
    const tuples = figures.map((f, i) => {
      values.push(f.sku, f.location, Math.max(0, f.onHand), Math.max(0, f.reserved), f.asOf);
      const o = i * 5;
      return `($${o + 1}, $${o + 2}, $${o + 3}::int, $${o + 4}::int, $${o + 5}::timestamptz)`;
    });
    const changed = (await tx.query(
      `INSERT INTO inventory_level (sku, location, on_hand, reserved, as_of)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (sku, location) DO UPDATE
         SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, as_of = EXCLUDED.as_of,
             version = inventory_level.version + 1, updated_at = clock_timestamp()
       WHERE (inventory_level.on_hand, inventory_level.reserved) IS DISTINCT FROM (EXCLUDED.on_hand, EXCLUDED.reserved)
         AND inventory_level.as_of <= EXCLUDED.as_of
       RETURNING sku`,
      values,
    )) as { sku: string }[];
    return [...new Set(changed.map((r) => r.sku))];
  }

  /** SKUs whose stock changed after `since` (a `changedAt`, exclusive), oldest change first, one figure per SKU. */
  async changedSince(db: EntityManager, since: string, limit: number): Promise<AvailableStock[]> {
    return this.available(db, `WHERE sku IN (SELECT sku FROM inventory_level WHERE updated_at > $1::timestamptz)`, [since], limit);
  }

  /** Every SKU's figure, in SKU order after `afterSku`, for full pushes. */
  async allAfter(db: EntityManager, afterSku: string, limit: number): Promise<AvailableStock[]> {
    return this.available(db, `WHERE sku > $1`, [afterSku], limit, 'sku');
  }

  private async available(
    db: EntityManager,
    where: string,
    params: unknown[],
    limit: number,
    order: 'updated' | 'sku' = 'updated',
  ): Promise<AvailableStock[]> {
    const rows = (await db.query(
      `SELECT sku, greatest(sum(on_hand - reserved - in_flight), 0)::int AS available, max(updated_at)::text AS changed_at
         FROM inventory_level ${where}
        GROUP BY sku
        ORDER BY ${order === 'sku' ? 'sku' : 'max(updated_at), sku'}
        LIMIT $${params.length + 1}`,
      [...params, limit],
    )) as { sku: string; available: number; changed_at: string }[];
    return rows.map((r) => ({ sku: r.sku, available: r.available, changedAt: r.changed_at }));
  }
}
