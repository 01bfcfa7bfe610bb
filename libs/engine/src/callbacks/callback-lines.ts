import type { Order, ShipmentLine } from '@serai/domain';
import type { SourcedShipment } from '../ports/capabilities';

/** A partial parcel names an item the order cannot be matched to: an operator adds the cross-reference and reprocesses. */
export class UnmatchedCallbackItems extends Error {
  constructor(
    readonly externalOrderNumber: string,
    readonly codes: readonly string[],
  ) {
    super(
      `order ${externalOrderNumber}: item code(s) ${codes.join(', ')} match no line of the order; ` +
        'add a SKU cross-reference (external_ref, entity sku) and reprocess the callback',
    );
    this.name = 'UnmatchedCallbackItems';
  }
}

/** Whether an item code names one of the order's lines by SKU, barcode or item number. */
export function namesALine(order: Order, code: string): boolean {
  return order.lines.some((l) => l.sku.sku === code || l.sku.barcodes.includes(code) || Object.values(l.sku.itemNumbers).includes(code));
}

/**
 * The canonical SKUs a parcel carries. Logistics providers name items by their own codes (Pilot's
 * `itemCode` is the merchant goods number): a code is matched to an order line by the line's SKU,
 * its barcodes or item numbers, then by the SKU cross-reference (`crossReference`, code -> SKU).
 * When some item cannot be matched, or the report lists none (the document's own example), a
 * report that is not partial stands for the whole delivery order: every line still to ship.
 * A partial one cannot be guessed and is refused (ADR 0013).
 */
export function canonicalLinesOf(order: Order, parcel: SourcedShipment, crossReference: ReadonlyMap<string, string>): ShipmentLine[] {
  const skuOf = (code: string): string | undefined => {
    const line =
      order.lines.find((l) => l.sku.sku === code) ??
      order.lines.find((l) => l.sku.barcodes.includes(code) || Object.values(l.sku.itemNumbers).includes(code));
    if (line !== undefined) return line.sku.sku;
    const mapped = crossReference.get(code);
    return mapped !== undefined && order.lines.some((l) => l.sku.sku === mapped) ? mapped : undefined;
  };
  const unmatched = parcel.lines.filter((line) => skuOf(line.sku) === undefined).map((line) => line.sku);
  if (parcel.lines.length > 0 && unmatched.length === 0) {
    return parcel.lines.map((line) => ({ sku: skuOf(line.sku) ?? line.sku, quantity: line.quantity }));
  }
  if (parcel.partial) throw new UnmatchedCallbackItems(parcel.externalOrderNumber, unmatched.length > 0 ? unmatched : ['(none listed)']);
  return order.lines
    .filter((line) => line.remainingQuantity > 0)
    .map((line) => ({ lineId: line.lineId, sku: line.sku.sku, quantity: line.remainingQuantity }));
}
