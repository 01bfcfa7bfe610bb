import { InvariantViolation } from '../errors/invariant-violation.error';
import { requireText } from '../validation/field-guards';

/**
 * Well-known systems of `SkuRef.itemNumbers`. Keys are open: a new connection can bring its own
 * without a domain change; these names are the ones mappers agree on.
 */
export type ItemNumberSystem =
  | 'internalId' // the brand's own id (Nengmao `internalId`)
  | 'merchantGoodsNo' // the 3PL's merchant goods number (Pilot inventory)
  | 'warehouseGoodsNo' // the warehouse's goods number (Pilot)
  | 'envoySkuNumber' // the order system's SKU number when it differs from ours
  | (string & {});

/**
 * How every system can name one SKU. `sku` is the canonical code (the brand's SKU, Nengmao `sku`,
 * WMS `sku`); the others let mappers find the SKU from whatever a provider sends.
 */
export interface SkuRef {
  readonly sku: string;
  /** UPC/EAN codes, deduplicated, in the order first seen. */
  readonly barcodes: readonly string[];
  readonly itemNumbers: Readonly<Record<ItemNumberSystem, string>>;
}

export interface SkuRefInput {
  readonly sku: string;
  readonly barcodes?: readonly string[];
  readonly itemNumbers?: Readonly<Record<string, string | null | undefined>>;
}

export function createSkuRef(input: SkuRefInput, field = 'sku'): SkuRef {
  const sku = requireText(input.sku, `${field}.sku`);
  const barcodes: string[] = [];
  (input.barcodes ?? []).forEach((barcode, index) => {
    const code = requireText(barcode, `${field}.barcodes[${index}]`);
    if (/\s/.test(code)) throw new InvariantViolation(`${field}.barcodes[${index}]`, 'must not contain spaces');
    if (!barcodes.includes(code)) barcodes.push(code);
  });
  const itemNumbers: Record<string, string> = {};
  for (const [system, value] of Object.entries(input.itemNumbers ?? {})) {
    const key = requireText(system, `${field}.itemNumbers`);
    // Providers send "" for "none" (Nengmao `internalId: ""`); that is absence, not an id.
    if (value === undefined || value === null || value.trim() === '') continue;
    itemNumbers[key] = value.trim();
  }
  return Object.freeze({ sku, barcodes: Object.freeze(barcodes), itemNumbers: Object.freeze(itemNumbers) });
}

/** Two refs name the same SKU when their canonical codes match; the other numbers are aliases. */
export function sameSku(a: SkuRef, b: SkuRef): boolean {
  return a.sku === b.sku;
}
