import { InvariantViolation } from '../errors/invariant-violation.error';
import type { ShipmentLine } from '../shipment/shipment';
import type { OrderLine } from './order-line';

export interface ShipmentAllocation {
  /** The order lines with the shipped quantities added. */
  readonly lines: readonly OrderLine[];
  /** How many units of each order line the shipment took, in order-line order. */
  readonly taken: readonly { readonly lineId: string; readonly quantity: number }[];
  /** True when nothing remains to ship afterwards. */
  readonly complete: boolean;
}

/**
 * Maps a shipment's lines onto the order's lines. A line given by id must exist (and hold the
 * SKU, if one is also given); a line given only by SKU fills the order lines with that SKU in
 * order. Shipping more than remains is refused: it means a duplicate or a wrong order.
 */
export function allocateShipmentToLines(lines: readonly OrderLine[], shipmentLines: readonly ShipmentLine[]): ShipmentAllocation {
  const remaining = new Map(lines.map((line) => [line.lineId, line.remainingQuantity]));
  const taken = new Map<string, number>();
  const take = (lineId: string, quantity: number): void => {
    remaining.set(lineId, (remaining.get(lineId) ?? 0) - quantity);
    taken.set(lineId, (taken.get(lineId) ?? 0) + quantity);
  };

  shipmentLines.forEach((shipped, index) => {
    const field = `shipment.lines[${index}]`;
    if (shipped.lineId !== undefined) {
      const line = lines.find((candidate) => candidate.lineId === shipped.lineId);
      if (line === undefined) throw new InvariantViolation(`${field}.lineId`, `the order has no line ${shipped.lineId}`);
      if (shipped.sku !== undefined && shipped.sku !== line.sku.sku) {
        throw new InvariantViolation(`${field}.sku`, `line ${line.lineId} holds ${line.sku.sku}, not ${shipped.sku}`);
      }
      const left = remaining.get(line.lineId) ?? 0;
      if (shipped.quantity > left) {
        throw new InvariantViolation(`${field}.quantity`, `ships ${shipped.quantity} of line ${line.lineId} but only ${left} remain`);
      }
      take(line.lineId, shipped.quantity);
      return;
    }
    const candidates = lines.filter((candidate) => candidate.sku.sku === shipped.sku);
    if (candidates.length === 0) throw new InvariantViolation(`${field}.sku`, `the order has no line for ${String(shipped.sku)}`);
    const available = candidates.reduce((sum, line) => sum + (remaining.get(line.lineId) ?? 0), 0);
    if (shipped.quantity > available) {
      throw new InvariantViolation(`${field}.quantity`, `ships ${shipped.quantity} of ${String(shipped.sku)} but only ${available} remain`);
    }
    let open = shipped.quantity;
    for (const line of candidates) {
      const portion = Math.min(open, remaining.get(line.lineId) ?? 0);
      if (portion > 0) take(line.lineId, portion);
      open -= portion;
    }
  });

  const updated = lines.map((line) => {
    const quantity = taken.get(line.lineId);
    return quantity === undefined ? line : line.withShipped(quantity);
  });
  return {
    lines: updated,
    taken: updated.flatMap((line) => {
      const quantity = taken.get(line.lineId);
      return quantity === undefined ? [] : [{ lineId: line.lineId, quantity }];
    }),
    complete: updated.every((line) => line.remainingQuantity === 0),
  };
}
