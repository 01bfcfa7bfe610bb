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
  /** On hand − reserved − in flight − backordered, summed over locations, never below zero. */
  readonly available: number;
  /**
   * The latest change, as PostgreSQL's own text (microseconds): a JavaScript Date would round it
   * to milliseconds and a cursor built from it would find the same rows again.
   */
  readonly changedAt: string;
}

export interface LevelCounts {
  readonly onHand: number;
  readonly reserved: number;
  readonly inFlight: number;
  /** Units oversold: owed to orders beyond stock (ADR 0022). */
  readonly backordered: number;
}

export interface RecordedStockChange {
  readonly sku: string;
  readonly location: string;
  readonly before: LevelCounts;
  readonly after: LevelCounts;
}

export interface StockLevelRow extends LevelCounts {
  readonly sku: string;
  readonly location: string;
  readonly asOf: Date;
  readonly updatedAt: Date;
}

/** A level as PostgreSQL answers it. */
interface RawLevel {
  sku: string;
  location: string;
  on_hand: number;
  reserved: number;
  in_flight: number;
  backordered: number;
  as_of: Date;
  updated_at: Date;
}

const toStockLevelRow = (r: RawLevel): StockLevelRow => ({
  sku: r.sku,
  location: r.location,
  onHand: r.on_hand,
  reserved: r.reserved,
  inFlight: r.in_flight,
  backordered: r.backordered,
  asOf: r.as_of,
  updatedAt: r.updated_at,
});

/**
 * Canonical stock per SKU and location. Writing the same figures again changes nothing (no new
 * `updated_at`), so a push that follows changes only sends what really moved, and many changes
 * to one SKU between two pushes are one row: coalesced by construction.
 */
export class InventoryRepository {
  /** Upserts figures read from a source; answers the SKUs whose figures changed. */
  async record(tx: EntityManager, figures: readonly StockFigureRow[]): Promise<string[]> {
    return [...new Set((await this.recordChanges(tx, figures)).map((c) => c.sku))];
  }

  /**
   * Upserts figures read from a source; answers each level that changed with its counts before
   * and after (a figure equal to what is stored, or older than it, changes nothing).
   */
  async recordChanges(tx: EntityManager, figures: readonly StockFigureRow[]): Promise<RecordedStockChange[]> {
    if (figures.length === 0) return [];
    // The last figure of a (sku, location) wins: one statement cannot upsert a row twice.
    const latest = [...new Map(figures.map((f) => [`${f.sku}\u0000${f.location}`, f])).values()];
    // In key order: the rows are locked as they are written, and every writer of many levels
    // (order reservations too) locks them in this order, so two never deadlock.
    latest.sort((a, b) => (a.sku === b.sku ? (a.location < b.location ? -1 : 1) : a.sku < b.sku ? -1 : 1));
    const changed = (await tx.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::timestamptz[]) AS i(sku, location, on_hand, reserved, as_of)
       ), old AS (
         SELECT l.sku, l.location, l.on_hand, l.reserved FROM inventory_level l JOIN input i ON i.sku = l.sku AND i.location = l.location
       )
       INSERT INTO inventory_level (sku, location, on_hand, reserved, as_of)
       SELECT sku, location, greatest(on_hand, 0), greatest(reserved, 0), as_of FROM input
       ON CONFLICT (sku, location) DO UPDATE
         SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, as_of = EXCLUDED.as_of,
             version = inventory_level.version + 1, updated_at = clock_timestamp()
       WHERE (inventory_level.on_hand, inventory_level.reserved) IS DISTINCT FROM (EXCLUDED.on_hand, EXCLUDED.reserved)
         AND inventory_level.as_of <= EXCLUDED.as_of
       RETURNING sku, location, on_hand, reserved, in_flight, backordered,
         coalesce((SELECT o.on_hand FROM old o WHERE o.sku = inventory_level.sku AND o.location = inventory_level.location), 0) AS old_on_hand,
         coalesce((SELECT o.reserved FROM old o WHERE o.sku = inventory_level.sku AND o.location = inventory_level.location), 0) AS old_reserved`,
      [
        latest.map((f) => f.sku),
        latest.map((f) => f.location),
        latest.map((f) => f.onHand),
        latest.map((f) => f.reserved),
        latest.map((f) => f.asOf),
      ],
    )) as {
      sku: string;
      location: string;
      on_hand: number;
      reserved: number;
      in_flight: number;
      backordered: number;
      old_on_hand: number;
      old_reserved: number;
    }[];
    return changed.map((r) => ({
      sku: r.sku,
      location: r.location,
      after: { onHand: r.on_hand, reserved: r.reserved, inFlight: r.in_flight, backordered: r.backordered },
      before: { onHand: r.old_on_hand, reserved: r.old_reserved, inFlight: r.in_flight, backordered: r.backordered },
    }));
  }

  /** Which of these names are canonical SKUs (the catalogue's `sku` table). */
  async knownSkus(db: EntityManager, names: readonly string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = (await db.query(`SELECT sku FROM sku WHERE sku = ANY($1::text[])`, [names])) as { sku: string }[];
    return new Set(rows.map((r) => r.sku));
  }

  /**
   * Whole SKUs for the inventory API, in SKU order after `afterSku`: every level of each SKU (or
   * only those at `location`), at most `limit` SKUs.
   */
  async skuPage(
    db: EntityManager,
    filter: { readonly sku?: string; readonly location?: string; readonly afterSku?: string },
    limit: number,
  ): Promise<StockLevelRow[]> {
    const rows = (await db.query(
      `WITH skus AS (
         SELECT DISTINCT sku FROM inventory_level
          WHERE ($1::text IS NULL OR sku = $1) AND ($2::text IS NULL OR location = $2) AND ($3::text IS NULL OR sku > $3)
          ORDER BY sku LIMIT $4
       )
       SELECT l.sku, l.location, l.on_hand, l.reserved, l.in_flight, l.backordered, l.as_of, l.updated_at
         FROM inventory_level l JOIN skus USING (sku)
        WHERE ($2::text IS NULL OR l.location = $2)
        ORDER BY l.sku, l.location`,
      [filter.sku ?? null, filter.location ?? null, filter.afterSku ?? null, limit],
    )) as RawLevel[];
    return rows.map(toStockLevelRow);
  }

  /** Levels per SKU and location, in (sku, location) order after the given key, for the inventory API. */
  async levels(
    db: EntityManager,
    filter: { readonly sku?: string; readonly location?: string; readonly after?: { sku: string; location: string } },
    limit: number,
  ): Promise<StockLevelRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.sku !== undefined) where.push(`sku = $${params.push(filter.sku)}`);
    if (filter.location !== undefined) where.push(`location = $${params.push(filter.location)}`);
    if (filter.after !== undefined)
      where.push(`(sku, location) > ($${params.push(filter.after.sku)}, $${params.push(filter.after.location)})`);
    const rows = (await db.query(
      `SELECT sku, location, on_hand, reserved, in_flight, backordered, as_of, updated_at FROM inventory_level
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sku, location LIMIT $${params.push(limit)}`,
      params,
    )) as RawLevel[];
    return rows.map(toStockLevelRow);
  }

  /** On hand, reserved, in flight and backordered summed over every location of each SKU (what channel figures start from). */
  async totals(db: EntityManager, skus: readonly string[]): Promise<Map<string, LevelCounts>> {
    if (skus.length === 0) return new Map();
    const rows = (await db.query(
      `SELECT sku, sum(on_hand)::int AS on_hand, sum(reserved)::int AS reserved, sum(in_flight)::int AS in_flight,
              sum(backordered)::int AS backordered
         FROM inventory_level WHERE sku = ANY($1::text[]) GROUP BY sku`,
      [skus],
    )) as { sku: string; on_hand: number; reserved: number; in_flight: number; backordered: number }[];
    return new Map(
      rows.map((r) => [r.sku, { onHand: r.on_hand, reserved: r.reserved, inFlight: r.in_flight, backordered: r.backordered }]),
    );
  }

  /** Every SKU's figure, in SKU order after `afterSku`, for full pushes. */
  async allAfter(db: EntityManager, afterSku: string, limit: number): Promise<AvailableStock[]> {
    // Two statements on purpose: the page's last SKU (walking the primary key, stopping at
    // `limit`), then the sums over that key range given as values, so the planner sees a narrow
    // range and reads it by index. Grouping first, or bounding by a subquery the planner cannot
    // estimate, reads the rest of the table on every page of a full push.
    const bounds = (await db.query(
      `SELECT max(sku) AS last FROM (SELECT DISTINCT sku FROM inventory_level WHERE sku > $1 ORDER BY sku LIMIT $2) AS page`,
      [afterSku, limit],
    )) as { last: string | null }[];
    const last = bounds[0]?.last;
    if (last === null || last === undefined) return [];
    const rows = (await db.query(
      `SELECT sku, greatest(sum(on_hand - reserved - in_flight - backordered), 0)::int AS available, max(updated_at)::text AS changed_at
         FROM inventory_level WHERE sku > $1 AND sku <= $2
        GROUP BY sku ORDER BY sku`,
      [afterSku, last],
    )) as { sku: string; available: number; changed_at: string }[];
    return rows.map((r) => ({ sku: r.sku, available: r.available, changedAt: r.changed_at }));
  }
}
