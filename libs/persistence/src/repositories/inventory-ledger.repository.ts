import { InsufficientStock } from '@serai/domain';
import { EntityManager } from 'typeorm';
import { lockSkus } from './order-stock.repository';

export interface StockCounts {
  readonly onHand: number;
  readonly reserved: number;
  readonly inFlight: number;
  /** Units orders are owed beyond stock (ADR 0022): not on the shelf, netted out of what channels see. */
  readonly backordered: number;
}

export interface AdjustmentInput {
  readonly sku: string;
  readonly location: string;
  /** `absolute`: the new on-hand figure (a count); `delta`: goods in (+) or out (-). */
  readonly mode: 'absolute' | 'delta';
  readonly quantity: number;
  readonly reason: string;
  readonly actor: { readonly keyId?: string; readonly name: string };
}

export interface AdjustmentResult {
  readonly adjustmentId: string;
  readonly before: StockCounts;
  readonly after: StockCounts;
}

export interface ReservationInput {
  /** Idempotency: one reservation per reference (e.g. `<orderId>:<lineId>`), however often asked. */
  readonly reference: string;
  readonly sku: string;
  readonly location: string;
  readonly quantity: number;
}

interface RawLevel {
  on_hand: number;
  reserved: number;
  in_flight: number;
  backordered: number;
}

function countsOf(row: RawLevel | undefined): StockCounts {
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0, inFlight: row?.in_flight ?? 0, backordered: row?.backordered ?? 0 };
}

/**
 * The one door for changes Serai itself makes to stock (adjustments, reservations). Every change
 * to a SKU is serialised: a transaction-scoped advisory lock on the SKU (it also covers a level
 * not created yet, which a row lock cannot), then the level's row lock (which a concurrent
 * snapshot from the 3PL also takes). Between the two, a check and a write that can never leave
 * on hand below what is reserved and in flight: concurrent adjustments and orders never oversell.
 */
export class InventoryLedgerRepository {
  private async lock(tx: EntityManager, sku: string, location: string): Promise<StockCounts> {
    await lockSkus(tx, [sku]);
    const rows = (await tx.query(
      `SELECT on_hand, reserved, in_flight, backordered FROM inventory_level WHERE sku = $1 AND location = $2 FOR UPDATE`,
      [sku, location],
    )) as RawLevel[];
    return countsOf(rows[0]);
  }

  private async write(tx: EntityManager, sku: string, location: string, counts: StockCounts): Promise<void> {
    await tx.query(
      `INSERT INTO inventory_level (sku, location, on_hand, reserved, in_flight, backordered, as_of)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (sku, location) DO UPDATE
         SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, in_flight = EXCLUDED.in_flight, backordered = EXCLUDED.backordered,
             as_of = greatest(inventory_level.as_of, EXCLUDED.as_of),
             version = inventory_level.version + 1, updated_at = clock_timestamp()`,
      [sku, location, counts.onHand, counts.reserved, counts.inFlight, counts.backordered],
    );
  }

  /**
   * Stock that became free at a location goes first to the orders oversold there, oldest first:
   * their backordered units become covered (in flight). Answers the counts after.
   */
  private async fillBackorders(tx: EntityManager, sku: string, location: string, counts: StockCounts): Promise<StockCounts> {
    const free = counts.onHand - counts.reserved - counts.inFlight;
    if (counts.backordered === 0 || free <= 0) return counts;
    const moved = (await tx.query(
      `WITH owed AS (
         SELECT reference, backordered,
                coalesce(sum(backordered) OVER (ORDER BY created_at, reference ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
           FROM inventory_reservation WHERE sku = $1 AND location = $2 AND backordered > 0
       ), filled AS (
         SELECT reference, least(backordered, $3 - before)::int AS n FROM owed WHERE before < $3
       )
       UPDATE inventory_reservation r SET covered = r.covered + f.n, backordered = r.backordered - f.n, updated_at = now()
         FROM filled f WHERE r.reference = f.reference
       RETURNING f.n`,
      [sku, location, free],
    )) as [{ n: number }[], number];
    const filled = moved[0].reduce((sum, row) => sum + row.n, 0);
    return { ...counts, inFlight: counts.inFlight + filled, backordered: Math.max(0, counts.backordered - filled) };
  }

  /** Applies an adjustment and audits it; refuses (InsufficientStock) one that would leave less than is promised. */
  async adjust(tx: EntityManager, input: AdjustmentInput): Promise<AdjustmentResult> {
    const before = await this.lock(tx, input.sku, input.location);
    const onHand = input.mode === 'absolute' ? input.quantity : before.onHand + input.quantity;
    const promised = before.reserved + before.inFlight;
    if (onHand < promised) {
      // What may still leave this location: on hand beyond what orders hold.
      const free = Math.max(0, before.onHand - promised);
      throw new InsufficientStock(
        input.sku,
        input.location,
        input.mode === 'absolute' ? before.onHand - input.quantity : -input.quantity,
        free,
      );
    }
    const after = await this.fillBackorders(tx, input.sku, input.location, { ...before, onHand });
    await this.write(tx, input.sku, input.location, after);
    const rows = (await tx.query(
      `INSERT INTO inventory_adjustment (sku, location, mode, quantity, reason, on_hand_before, on_hand_after, actor_key_id, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        input.sku,
        input.location,
        input.mode,
        input.quantity,
        input.reason,
        before.onHand,
        onHand,
        input.actor.keyId ?? null,
        input.actor.name,
      ],
    )) as { id: string }[];
    return { adjustmentId: String(rows[0]?.id), before, after };
  }

  /**
   * Holds stock for an order line (in flight: promised, not yet taken by the warehouse). Asking
   * again with the same reference changes nothing; more than is free is refused (InsufficientStock).
   */
  async reserve(tx: EntityManager, input: ReservationInput): Promise<{ readonly reserved: boolean; readonly after: StockCounts }> {
    const before = await this.lock(tx, input.sku, input.location);
    const existing = (await tx.query(`SELECT 1 FROM inventory_reservation WHERE reference = $1`, [input.reference])) as unknown[];
    if (existing.length > 0) return { reserved: false, after: before };
    const free = before.onHand - before.reserved - before.inFlight;
    if (input.quantity > free) throw new InsufficientStock(input.sku, input.location, input.quantity, Math.max(0, free));
    const after = { ...before, inFlight: before.inFlight + input.quantity };
    await this.write(tx, input.sku, input.location, after);
    await tx.query(`INSERT INTO inventory_reservation (reference, sku, location, quantity, covered) VALUES ($1, $2, $3, $4, $4)`, [
      input.reference,
      input.sku,
      input.location,
      input.quantity,
    ]);
    return { reserved: true, after };
  }

  /** Gives a reservation back (order cancelled, or the warehouse now counts it as reserved); once only. */
  async release(tx: EntityManager, reference: string): Promise<StockCounts | undefined> {
    const rows = (await tx.query(
      `SELECT sku, location, covered, backordered FROM inventory_reservation WHERE reference = $1 AND released_at IS NULL`,
      [reference],
    )) as { sku: string; location: string; covered: number; backordered: number }[];
    const held = rows[0];
    if (!held) return undefined;
    const before = await this.lock(tx, held.sku, held.location);
    const marked = (await tx.query(
      `UPDATE inventory_reservation SET released_at = now(), covered = 0, backordered = 0, updated_at = now()
        WHERE reference = $1 AND released_at IS NULL RETURNING reference`,
      [reference],
    )) as unknown;
    const changed = (Array.isArray(marked) && Array.isArray(marked[0]) ? marked[0] : marked) as unknown[];
    if (changed.length === 0) return undefined;
    const after = {
      ...before,
      inFlight: Math.max(0, before.inFlight - held.covered),
      backordered: Math.max(0, before.backordered - held.backordered),
    };
    await this.write(tx, held.sku, held.location, after);
    return after;
  }

  async recentAdjustments(
    db: EntityManager,
    sku: string,
    limit: number,
  ): Promise<
    {
      id: string;
      location: string;
      mode: string;
      quantity: number;
      reason: string;
      onHandBefore: number;
      onHandAfter: number;
      actorName: string;
      createdAt: Date;
    }[]
  > {
    const rows = (await db.query(
      `SELECT id, location, mode, quantity, reason, on_hand_before, on_hand_after, actor_name, created_at
         FROM inventory_adjustment WHERE sku = $1 ORDER BY id DESC LIMIT $2`,
      [sku, limit],
    )) as {
      id: string;
      location: string;
      mode: string;
      quantity: number;
      reason: string;
      on_hand_before: number;
      on_hand_after: number;
      actor_name: string;
      created_at: Date;
    }[];
    return rows.map((r) => ({
      id: String(r.id),
      location: r.location,
      mode: r.mode,
      quantity: r.quantity,
      reason: r.reason,
      onHandBefore: r.on_hand_before,
      onHandAfter: r.on_hand_after,
      actorName: r.actor_name,
      createdAt: r.created_at,
    }));
  }
}
