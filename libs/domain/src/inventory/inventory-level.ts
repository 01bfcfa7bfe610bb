import type { InventoryChangeCause, InventoryChanged, StockCountsJson } from '../events/domain-event';
import { InsufficientStock } from '../errors/insufficient-stock.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant } from '../time/instant';
import { requireNonNegativeInteger, requirePositiveInteger, requireText } from '../validation/field-guards';

export interface InventoryLevelInput {
  readonly sku: string;
  /** Warehouse or 3PL location code, as the engine's location mapping names it. */
  readonly locationId: string;
  /** Physically in the location (Pilot `totalNum`). */
  readonly onHand: number;
  /** Sellable now (Pilot `usableNum`, Envoy `availableStock`). */
  readonly available: number;
  /** Set aside for orders not yet shipped (Nengmao `lockInventory`). */
  readonly reserved: number;
  readonly asOf: Instant;
}

export type InventoryLevelSnapshot = InventoryLevelInput;

/**
 * Stock of one SKU at one location. Counts are non-negative integers with available <= onHand
 * and reserved <= onHand; every change that would break that is refused with InsufficientStock,
 * so stock never goes negative however messages interleave.
 */
export class InventoryLevel {
  private events: InventoryChanged[] = [];

  private constructor(
    readonly sku: string,
    readonly locationId: string,
    private counts: StockCountsJson,
    private asOfValue: Instant,
  ) {}

  /** A level seen for the first time; records InventoryChanged (cause "snapshot", delta = the counts). */
  static create(input: InventoryLevelInput): InventoryLevel {
    const level = InventoryLevel.restore(input);
    level.record('snapshot', { onHand: 0, available: 0, reserved: 0 }, input.asOf);
    return level;
  }

  static restore(snapshot: InventoryLevelSnapshot): InventoryLevel {
    return new InventoryLevel(
      requireText(snapshot.sku, 'sku'),
      requireText(snapshot.locationId, 'locationId'),
      checkCounts(snapshot),
      snapshot.asOf,
    );
  }

  /** "sku@locationId": the aggregate id of its events. */
  get id(): string {
    return `${this.sku}@${this.locationId}`;
  }

  get onHand(): number {
    return this.counts.onHand;
  }

  get available(): number {
    return this.counts.available;
  }

  get reserved(): number {
    return this.counts.reserved;
  }

  get asOf(): Instant {
    return this.asOfValue;
  }

  /** Goods in (+) or out (-) of the location outside orders: receipts, counts, damage. */
  applyDelta(delta: number, at: Instant = Instant.now()): void {
    if (!Number.isSafeInteger(delta)) throw new InvariantViolation('delta', `must be an integer, got ${String(delta)}`);
    if (delta === 0) return;
    if (this.counts.available + delta < 0) {
      throw new InsufficientStock(this.sku, this.locationId, -delta, this.counts.available);
    }
    this.change('adjustment', { ...this.counts, onHand: this.counts.onHand + delta, available: this.counts.available + delta }, at);
  }

  /** Sets units aside for an order: available -> reserved. */
  reserve(quantity: number, at: Instant = Instant.now()): void {
    requirePositiveInteger(quantity, 'quantity');
    if (quantity > this.counts.available) throw new InsufficientStock(this.sku, this.locationId, quantity, this.counts.available);
    this.change(
      'reservation',
      { ...this.counts, available: this.counts.available - quantity, reserved: this.counts.reserved + quantity },
      at,
    );
  }

  /** Gives reserved units back to sale (order cancelled): reserved -> available. */
  release(quantity: number, at: Instant = Instant.now()): void {
    requirePositiveInteger(quantity, 'quantity');
    if (quantity > this.counts.reserved) throw new InsufficientStock(this.sku, this.locationId, quantity, this.counts.reserved);
    this.change('release', { ...this.counts, available: this.counts.available + quantity, reserved: this.counts.reserved - quantity }, at);
  }

  /**
   * Replaces the counts with a full report from the warehouse. A report older than what we hold
   * is refused, so a delayed full sync cannot undo newer changes.
   */
  replaceWith(counts: StockCountsJson, asOf: Instant): void {
    if (asOf.isBefore(this.asOfValue)) {
      throw new InvariantViolation('asOf', `report of ${asOf.toISOString()} is older than ${this.asOfValue.toISOString()}`);
    }
    const next = checkCounts(counts);
    if (next.onHand === this.counts.onHand && next.available === this.counts.available && next.reserved === this.counts.reserved) {
      this.asOfValue = asOf;
      return;
    }
    this.change('snapshot', next, asOf);
  }

  pullEvents(): InventoryChanged[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): InventoryLevelSnapshot {
    return { sku: this.sku, locationId: this.locationId, ...this.counts, asOf: this.asOfValue };
  }

  private change(cause: InventoryChangeCause, next: StockCountsJson, at: Instant): void {
    const previous = this.counts;
    this.counts = checkCounts(next);
    this.asOfValue = at;
    this.record(cause, previous, at);
  }

  private record(cause: InventoryChangeCause, previous: StockCountsJson, at: Instant): void {
    this.events.push({
      type: 'InventoryChanged',
      aggregateType: 'InventoryLevel',
      aggregateId: this.id,
      occurredAt: at.toISOString(),
      payload: {
        sku: this.sku,
        locationId: this.locationId,
        ...this.counts,
        cause,
        delta: {
          onHand: this.counts.onHand - previous.onHand,
          available: this.counts.available - previous.available,
          reserved: this.counts.reserved - previous.reserved,
        },
        asOf: at.toISOString(),
      },
    });
  }
}

function checkCounts(counts: StockCountsJson): StockCountsJson {
  const onHand = requireNonNegativeInteger(counts.onHand, 'onHand');
  const available = requireNonNegativeInteger(counts.available, 'available');
  const reserved = requireNonNegativeInteger(counts.reserved, 'reserved');
  if (available > onHand) throw new InvariantViolation('available', `${available} exceeds onHand ${onHand}`);
  if (reserved > onHand) throw new InvariantViolation('reserved', `${reserved} exceeds onHand ${onHand}`);
  return Object.freeze({ onHand, available, reserved });
}
