import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { createSkuRef, SkuRef, SkuRefInput } from '../sku/sku-ref';
import { optionalText, requireText } from '../validation/field-guards';
import { createCustomsInfo, CustomsInfo, CustomsInfoInput } from './customs-info';
import { Dimensions } from './dimensions';
import { createProductTitles, ProductTitles } from './product-titles';
import { Weight } from './weight';

export interface SkuPrices {
  /** What the marketplace charges. */
  readonly sale: Money;
  /** RRP / tag price, shown struck through; same currency as `sale`. */
  readonly market?: Money;
}

/**
 * One sellable variant of a product. It IS a SkuRef (code, barcodes, provider item numbers)
 * plus what the catalogue, warehouses and customs need to know about it.
 */
export interface Sku extends SkuRef {
  readonly titles: ProductTitles;
  /** Variant attributes as the brand names them: { color: "green", size: "small" }. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly netWeight?: Weight;
  readonly grossWeight?: Weight;
  readonly dimensions?: Dimensions;
  readonly customs?: CustomsInfo;
  readonly prices: SkuPrices;
  readonly enabled: boolean;
}

export interface SkuInput extends SkuRefInput {
  readonly titles: { readonly zh?: string | null; readonly en?: string | null };
  readonly attributes?: Readonly<Record<string, string | null | undefined>>;
  readonly netWeight?: Weight;
  readonly grossWeight?: Weight;
  readonly dimensions?: Dimensions;
  readonly customs?: CustomsInfoInput;
  readonly prices: SkuPrices;
  readonly enabled?: boolean;
}

export function createSku(input: SkuInput, field = 'sku'): Sku {
  const ref = createSkuRef(input, field);
  const prices = createSkuPrices(input.prices, `${field}.prices`);
  if (input.netWeight !== undefined && input.grossWeight !== undefined && input.netWeight.isHeavierThan(input.grossWeight)) {
    throw new InvariantViolation(`${field}.netWeight`, 'must not exceed the gross weight');
  }
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.attributes ?? {})) {
    const text = optionalText(value, `${field}.attributes.${name}`);
    if (text !== undefined) attributes[requireText(name, `${field}.attributes`)] = text;
  }
  const sku: Sku = {
    ...ref,
    titles: createProductTitles(input.titles, `${field}.titles`),
    attributes: Object.freeze(attributes),
    netWeight: input.netWeight,
    grossWeight: input.grossWeight,
    dimensions: input.dimensions,
    customs: input.customs === undefined ? undefined : createCustomsInfo(input.customs, `${field}.customs`),
    prices,
    enabled: input.enabled ?? true,
  };
  return Object.freeze(Object.fromEntries(Object.entries(sku).filter(([, value]) => value !== undefined))) as Sku;
}

function createSkuPrices(prices: SkuPrices, field: string): SkuPrices {
  if (prices.sale.isNegative()) throw new InvariantViolation(`${field}.sale`, 'must not be negative');
  if (prices.market === undefined) return Object.freeze({ sale: prices.sale });
  if (prices.market.currency !== prices.sale.currency) {
    throw new CurrencyMismatch(prices.sale.currency, prices.market.currency, `${field}.market`);
  }
  if (prices.market.isNegative()) throw new InvariantViolation(`${field}.market`, 'must not be negative');
  return Object.freeze({ sale: prices.sale, market: prices.market });
}
