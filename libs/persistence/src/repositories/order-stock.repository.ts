import type { OrderSnapshot } from '@serai/domain';
import { EntityManager } from 'typeorm';
import { inventoryChangedOutboxEvent, LevelFigures } from './inventory-changed-event';
import { OutboxEventInput, OutboxRepository } from './outbox.repository';

/**
 * Where a line is reserved when its SKU has no stock level anywhere yet: the whole line is
 * oversold, and the level made here carries the backorder so the SKU's channel figure nets it out
 * of the first stock that arrives.
 */
export const UNALLOCATED_LOCATION = 'unallocated';

/**
 * Takes the SKUs' transaction-scoped advisory locks, always in the order of their lock keys, so two
 * transactions locking overlapping sets (two pages of orders, a page and an adjustment) wait for
 * each other and never deadlock. The key recipe is the ledger's: one SKU, one lock, for every writer.
 */
export async function lockSkus(tx: EntityManager, skus: readonly string[]): Promise<void> {
  if (skus.length === 0) return;
  // ORDER BY inside the subquery: the outer scan calls the lock function in that order.
  await tx.query(
    `SELECT count(pg_advisory_xact_lock(k)) FROM (
       SELECT DISTINCT hashtextextended('inventory-sku:' || s, 0) AS k FROM unnest($1::text[]) AS s ORDER BY k) AS keys`,
    [[...new Set(skus)]],
  );
}

/** What an order line should hold: outstanding units (reserved or backordered) and units shipped. */
interface LineTarget {
  readonly reference: string;
  readonly orderId: string;
  readonly sku: string;
  readonly outstanding: number;
  readonly consumed: number;
}

interface Level {
  onHand: number;
  reserved: number;
  inFlight: number;
  backordered: number;
}

interface Reservation {
  reference: string;
  orderId: string;
  sku: string;
  location: string;
  quantity: number;
  covered: number;
  backordered: number;
  consumed: number;
  created: boolean;
  changed: boolean;
}

const key = (sku: string, location: string): string => `${sku}\u0000${location}`;

function targetsOf(order: OrderSnapshot): LineTarget[] {
  return order.lines.map((line) => {
    const shipped = line.shippedQuantity ?? 0;
    return {
      reference: `${order.id}:${line.lineId}`,
      orderId: order.id,
      sku: line.sku.sku,
      // A cancelled order owes nothing more; what it shipped before stays shipped.
      outstanding: order.status === 'cancelled' ? 0 : Math.max(0, line.quantity - shipped),
      consumed: shipped,
    };
  });
}

/**
 * Order lines hold stock (ADR 0022), always in the transaction that stores or changes the order.
 * Each line's reservation is brought to what the order's state says it should be — outstanding =
 * quantity − shipped while not cancelled, consumed = shipped — so applying an order twice (a page
 * read again, a retried update) changes nothing the second time. Outstanding units are `covered`
 * (in the level's `in_flight`) as far as the location has free stock; the rest is `backordered`:
 * the marketplace already sold it, so it cannot be refused; it is owed, flagged, and netted out of
 * what channels are offered. Shipping takes covered units off on hand (backordered units were never
 * counted there). Whole pages are done in a fixed number of statements: the SKUs' locks, their
 * levels (row locks, in key order), the lines' reservations, then one upsert each.
 */
export class OrderStockRepository {
  constructor(private readonly outbox: OutboxRepository) {}

  async applyOrders(tx: EntityManager, orders: readonly OrderSnapshot[], at: Date = new Date()): Promise<void> {
    const targets = orders.flatMap(targetsOf);
    if (targets.length === 0) return;
    const skus = [...new Set(targets.map((t) => t.sku))].sort();
    await lockSkus(tx, skus);
    const levelRows = (await tx.query(
      `SELECT sku, location, on_hand, reserved, in_flight, backordered FROM inventory_level
        WHERE sku = ANY($1::text[]) ORDER BY sku COLLATE "C", location COLLATE "C" FOR UPDATE`,
      [skus],
    )) as { sku: string; location: string; on_hand: number; reserved: number; in_flight: number; backordered: number }[];
    const levels = new Map<string, Level>();
    const before = new Map<string, Level>();
    const locationsOf = new Map<string, string[]>();
    for (const r of levelRows) {
      const level = { onHand: r.on_hand, reserved: r.reserved, inFlight: r.in_flight, backordered: r.backordered };
      levels.set(key(r.sku, r.location), level);
      before.set(key(r.sku, r.location), { ...level });
      locationsOf.set(r.sku, [...(locationsOf.get(r.sku) ?? []), r.location]);
    }
    const existingRows = (await tx.query(
      `SELECT reference, sku, location, quantity, covered, backordered, consumed FROM inventory_reservation WHERE reference = ANY($1::text[])`,
      [targets.map((t) => t.reference)],
    )) as { reference: string; sku: string; location: string; quantity: number; covered: number; backordered: number; consumed: number }[];
    const reservations = new Map<string, Reservation>();
    for (const r of existingRows) reservations.set(r.reference, { ...r, orderId: '', created: false, changed: false });

    const levelAt = (sku: string, location: string): Level => {
      const k = key(sku, location);
      let level = levels.get(k);
      if (!level) {
        level = { onHand: 0, reserved: 0, inFlight: 0, backordered: 0 };
        levels.set(k, level);
        locationsOf.set(sku, [...(locationsOf.get(sku) ?? []), location]);
      }
      return level;
    };
    const free = (level: Level): number => Math.max(0, level.onHand - level.reserved - level.inFlight);
    // A new line goes to the location with the most free stock (then the first by name), whole.
    const allocate = (sku: string): string => {
      const candidates = locationsOf.get(sku) ?? [];
      let best: string | undefined;
      for (const location of candidates) {
        if (best === undefined || free(levelAt(sku, location)) > free(levelAt(sku, best))) best = location;
      }
      return best ?? UNALLOCATED_LOCATION;
    };

    for (const target of targets) {
      let r = reservations.get(target.reference);
      if (!r) {
        // Nothing owed (first seen cancelled or already shipped): nothing to hold, nothing of ours to take off.
        if (target.outstanding === 0) continue;
        const location = allocate(target.sku);
        levelAt(target.sku, location);
        r = {
          reference: target.reference,
          orderId: target.orderId,
          sku: target.sku,
          location,
          quantity: target.outstanding + target.consumed,
          covered: 0,
          backordered: 0,
          // Units shipped before Serai held anything were never taken from its count.
          consumed: target.consumed,
          created: true,
          changed: true,
        };
        reservations.set(target.reference, r);
      }
      r.orderId = target.orderId;
      this.bringTo(r, target, levelAt(r.sku, r.location), free);
    }

    const changedReservations = [...reservations.values()].filter((r) => r.changed);
    if (changedReservations.length === 0) return;
    const changedLevels = [...levels.entries()].filter(([k, level]) => {
      const old = before.get(k);
      return (
        old === undefined ||
        old.onHand !== level.onHand ||
        old.inFlight !== level.inFlight ||
        old.backordered !== level.backordered ||
        old.reserved !== level.reserved
      );
    });
    if (changedLevels.length > 0) {
      const split = changedLevels.map(([k]) => k.split('\u0000') as [string, string]);
      await tx.query(
        `INSERT INTO inventory_level (sku, location, on_hand, reserved, in_flight, backordered, as_of)
         SELECT sku, location, on_hand, 0, in_flight, backordered, now()
           FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[]) AS v(sku, location, on_hand, in_flight, backordered)
         ON CONFLICT (sku, location) DO UPDATE
           SET on_hand = EXCLUDED.on_hand, in_flight = EXCLUDED.in_flight, backordered = EXCLUDED.backordered,
               version = inventory_level.version + 1, updated_at = clock_timestamp()`,
        [
          split.map(([sku]) => sku),
          split.map(([, location]) => location),
          changedLevels.map(([, l]) => l.onHand),
          changedLevels.map(([, l]) => l.inFlight),
          changedLevels.map(([, l]) => l.backordered),
        ],
      );
    }
    await tx.query(
      `INSERT INTO inventory_reservation (reference, order_id, sku, location, quantity, covered, backordered, consumed, released_at)
       SELECT reference, order_id, sku, location, quantity, covered, backordered, consumed,
              CASE WHEN covered + backordered = 0 THEN now() END
         FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[])
           AS v(reference, order_id, sku, location, quantity, covered, backordered, consumed)
       ON CONFLICT (reference) DO UPDATE
         SET covered = EXCLUDED.covered, backordered = EXCLUDED.backordered, consumed = EXCLUDED.consumed,
             order_id = coalesce(inventory_reservation.order_id, EXCLUDED.order_id),
             released_at = CASE WHEN EXCLUDED.covered + EXCLUDED.backordered = 0
                                THEN coalesce(inventory_reservation.released_at, now()) END,
             updated_at = now()`,
      [
        changedReservations.map((r) => r.reference),
        changedReservations.map((r) => r.orderId),
        changedReservations.map((r) => r.sku),
        changedReservations.map((r) => r.location),
        changedReservations.map((r) => Math.max(1, r.quantity)),
        changedReservations.map((r) => r.covered),
        changedReservations.map((r) => r.backordered),
        changedReservations.map((r) => r.consumed),
      ],
    );
    await this.outbox.append(
      tx,
      changedLevels.map(([k, after]): OutboxEventInput => {
        const [sku, location] = k.split('\u0000') as [string, string];
        const old: LevelFigures = before.get(k) ?? { onHand: 0, reserved: 0, inFlight: 0, backordered: 0 };
        const promisedBefore = old.inFlight + (old.backordered ?? 0);
        const cause =
          after.onHand !== old.onHand ? 'shipment' : after.inFlight + after.backordered > promisedBefore ? 'reservation' : 'release';
        return inventoryChangedOutboxEvent({ sku, location, before: old, after: { ...after } }, cause, at);
      }),
    );
  }

  /** Moves one reservation (and its level) to the target: first what shipped, then what is still owed. */
  private bringTo(r: Reservation, target: LineTarget, level: Level, free: (level: Level) => number): void {
    const was = { covered: r.covered, backordered: r.backordered, consumed: r.consumed };
    const shipped = Math.max(0, target.consumed - r.consumed);
    if (shipped > 0) {
      // Covered units leave the shelf Serai counted; backordered ones were never counted there.
      const fromCovered = Math.min(r.covered, shipped);
      r.covered -= fromCovered;
      level.inFlight = Math.max(0, level.inFlight - fromCovered);
      level.onHand = Math.max(0, level.onHand - fromCovered);
      const fromBackorder = Math.min(r.backordered, shipped - fromCovered);
      r.backordered -= fromBackorder;
      level.backordered = Math.max(0, level.backordered - fromBackorder);
      r.consumed = target.consumed;
    }
    const owed = r.covered + r.backordered;
    if (owed > target.outstanding) {
      // Released (cancelled): the backorder goes first, it held no stock.
      const excess = owed - target.outstanding;
      const fromBackorder = Math.min(r.backordered, excess);
      r.backordered -= fromBackorder;
      level.backordered = Math.max(0, level.backordered - fromBackorder);
      const fromCovered = excess - fromBackorder;
      r.covered -= fromCovered;
      level.inFlight = Math.max(0, level.inFlight - fromCovered);
    } else if (owed < target.outstanding) {
      const more = target.outstanding - owed;
      const cover = Math.min(more, free(level));
      r.covered += cover;
      level.inFlight += cover;
      r.backordered += more - cover;
      level.backordered += more - cover;
    }
    if (r.covered !== was.covered || r.backordered !== was.backordered || r.consumed !== was.consumed) r.changed = true;
  }
}
