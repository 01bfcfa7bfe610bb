import { Dimensions, Money, ProductSnapshot, Sku, SkuInput, Weight } from '@serai/domain';
import { ProviderError } from '../kernel/provider-error';
import { WMS_DISABLED, WMS_ENABLED, WMS_LENGTH_UNITS, WMS_PROVIDER, WMS_WEIGHT_UNITS } from './codes';
import { dropUndefined, SkuCustomFieldValueInput, SkuInfo, SkuSupplierDTO, SubSkuDTO, WmsSkuResult } from './wire/sku';

/**
 * WMS SKU <-> canonical SKU, pure functions. The WMS requires weights and sizes; a SKU that has
 * none is written with 0 (kg, cm), and 0 reads back as "unknown". Decimals stay decimal text.
 */

const CJK = /[\u3400-\u9fff]/;
const ZERO = /^0+(\.0+)?$/;

function unmappable(message: string): ProviderError {
  return new ProviderError({
    provider: WMS_PROVIDER,
    operation: 'map-sku',
    kind: 'invalid_response',
    code: 'UNMAPPABLE_SKU',
    message,
    retryable: false,
  });
}

function weightOf(value: string | undefined, unit: string | undefined, field: string): Weight | undefined {
  if (value === undefined || ZERO.test(value)) return undefined;
  const canonical = WMS_WEIGHT_UNITS[(unit ?? 'KG').trim().toUpperCase()];
  if (canonical === undefined) throw unmappable(`${field}: unknown weightUnit ${JSON.stringify(unit)}`);
  return Weight.of(value, canonical, field);
}

function dimensionsOf(sku: WmsSkuResult): Dimensions | undefined {
  const { length, width, height } = sku;
  if (length === undefined || width === undefined || height === undefined || [length, width, height].every((side) => ZERO.test(side)))
    return undefined;
  const known = WMS_LENGTH_UNITS[(sku.dimensionUnit ?? 'CM').trim().toUpperCase()];
  if (known === undefined) throw unmappable(`${sku.sku}: unknown dimensionUnit ${JSON.stringify(sku.dimensionUnit)}`);
  const box = Dimensions.of({ length, width, height }, known.unit);
  // Metres have no canonical unit: 1 m = 100 cm, exactly.
  return known.factor === '1' ? box : Dimensions.of({ length: scale(length, 2), width: scale(width, 2), height: scale(height, 2) }, 'cm');
}

function scale(decimal: string, places: number): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  const digits = whole + fraction.padEnd(places, '0');
  const point = whole.length + places;
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${digits.slice(0, point).replace(/^0+(?=\d)/, '')}${rest === '' ? '' : `.${rest}`}`;
}

/** A WMS SKU in canonical terms, and the parts of a combination when it is one. */
export interface WmsCanonicalSku {
  readonly sku: SkuInput;
  readonly combination: readonly SubSkuDTO[];
  readonly categories: readonly string[];
}

export function mapWmsSku(result: WmsSkuResult, currency: string): WmsCanonicalSku {
  const title = result.title.trim();
  return {
    sku: dropUndefined({
      sku: result.sku,
      barcodes: result.barcode === undefined || result.barcode === '' ? [] : [result.barcode],
      titles: CJK.test(title) ? { zh: title } : { en: title },
      attributes: dropUndefined({ color: result.color, size: result.size }),
      grossWeight: weightOf(result.weight, result.weightUnit, `${result.sku}.weight`),
      netWeight: weightOf(result.netWeight, result.weightUnit, `${result.sku}.netWeight`),
      dimensions: dimensionsOf(result),
      prices: { sale: Money.of(result.price ?? '0', currency) },
      enabled: result.enable === WMS_ENABLED,
    }),
    combination: result.singleSkuList,
    categories: [result.categoryName1, result.categoryName2, result.categoryName3].filter(
      (name): name is string => name !== undefined && name !== '',
    ),
  };
}

/** What the catalogue does not hold but a WMS SKU may carry: combinations, suppliers, custom fields, warehouses. */
export interface WmsSkuExtras {
  readonly combination?: readonly SubSkuDTO[];
  readonly suppliers?: readonly SkuSupplierDTO[];
  readonly customFields?: readonly SkuCustomFieldValueInput[];
  /** Insert only: the WMS creates and distributes warehouse products asynchronously. */
  readonly warehouseNames?: readonly string[];
}

/** The INSERT/UPDATE body of a catalogue SKU; weights in KG and sizes in CM, converted exactly. */
export function toWmsSkuInfo(product: ProductSnapshot, sku: Sku, extras: WmsSkuExtras = {}): SkuInfo {
  const title = sku.titles.zh ?? sku.titles.en ?? product.titles.zh ?? product.titles.en ?? sku.sku;
  const box = sku.dimensions?.toCentimetres();
  const categories = (product.category ?? '')
    .split(' > ')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const combination = extras.combination ?? [];
  return dropUndefined({
    sku: sku.sku,
    title,
    barcode: sku.barcodes[0],
    type: combination.length > 0 ? 'COMBINATION' : 'SINGLE',
    weight: sku.grossWeight?.toKilograms().value ?? '0',
    netWeight: sku.netWeight?.toKilograms().value ?? '0',
    weightUnit: 'KG',
    brand: product.brand === undefined || product.brand === null ? undefined : product.brand.slice(0, 50),
    color: sku.attributes.color,
    size: sku.attributes.size,
    length: box?.length ?? '0',
    width: box?.width ?? '0',
    height: box?.height ?? '0',
    dimensionUnit: 'CM',
    description: product.description ?? undefined,
    enable: sku.enabled ? WMS_ENABLED : WMS_DISABLED,
    chineseCustomsDeclarationName: sku.titles.zh,
    englishCustomsDeclarationName: sku.titles.en,
    customsCode: sku.customs?.hsCode,
    price: sku.prices.sale.amount,
    priceUnit: sku.prices.sale.currency,
    categoryName1: categories[0],
    categoryName2: categories[1],
    categoryName3: categories[2],
    singleSkuList: combination.length > 0 ? combination : undefined,
    skuCustomFieldValueVOList: extras.customFields,
    skuSupplierList: extras.suppliers,
    warehouseNameList: combination.length > 0 ? undefined : extras.warehouseNames,
  });
}
