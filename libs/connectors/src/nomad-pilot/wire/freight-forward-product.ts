import type { WireDecimal } from '../../kernel/decimal-json';

/**
 * `PUT /freight-forward/product/{carrier}` body, also the record QUERY_PRODUCT returns. Two
 * bullets lost their names; `customsUnitCode` and `customsFilingId` come from the example.
 */
export interface PilotFreightForwardProduct {
  readonly barcode: string;
  readonly skuNumber: string;
  readonly brand: string;
  readonly name: string;
  readonly nameCn: string;
  readonly hsCode: string;
  readonly model?: string;
  /** "Legal first unit of measurement for customs product" (example "035, means 千克/kilogram"). */
  readonly customsUnitCodeWeight: string;
  /** "Legal second unit of measurement for customs product" (name from the example). */
  readonly customsUnitCode?: string;
  /** "The quantity unit code customs purpose. Declaration Unit" (example "142"). */
  readonly customsUnitCodePackage: string;
  /** Example "502": a customs country code; the connector writes what the catalogue holds (ISO alpha-2). */
  readonly countryOfOrigin: string;
  /** "Use Kilogram as the basic unit of mass". */
  readonly netWeight: WireDecimal;
  readonly grossWeight?: WireDecimal;
  readonly spec?: string;
  readonly descriptionEn?: string;
  readonly descriptionCn?: string;
  readonly additionalImageUrls?: readonly string[];
  readonly storeIds?: readonly string[];
  /** Recommended retail price in China Yuan. */
  readonly rrpCny?: WireDecimal;
  /** Recommended retail price in Great Britain Pound. */
  readonly rrpGbp?: WireDecimal;
  /** "The returned filing id of current SKU from customs" (name from the example). */
  readonly customsFilingId?: string;
  readonly ingredients?: string;
  /** "Product tax rate for cross-border e-commerce(%)": 9.1 means 9.1 %. */
  readonly taxRate?: WireDecimal;
}

export const FREIGHT_FORWARD_PRODUCT_FIELDS = {
  barcode: 'string',
  skuNumber: 'string',
  brand: 'string',
  name: 'string',
  nameCn: 'string',
  hsCode: 'string',
  model: 'string',
  customsUnitCodeWeight: 'string',
  customsUnitCode: 'string',
  customsUnitCodePackage: 'string',
  countryOfOrigin: 'string',
  netWeight: 'decimal',
  grossWeight: 'decimal',
  spec: 'string',
  descriptionEn: 'string',
  descriptionCn: 'string',
  additionalImageUrls: 'strings',
  storeIds: 'strings',
  rrpCny: 'decimal',
  rrpGbp: 'decimal',
  customsFilingId: 'string',
  ingredients: 'string',
  taxRate: 'decimal',
} as const;

/** Fields the document marks "Required". */
export const FREIGHT_FORWARD_PRODUCT_REQUIRED = [
  'barcode',
  'skuNumber',
  'brand',
  'name',
  'nameCn',
  'hsCode',
  'customsUnitCodeWeight',
  'customsUnitCodePackage',
  'countryOfOrigin',
  'netWeight',
] as const;
