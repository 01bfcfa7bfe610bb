import type { ResponseReader } from '../../kernel/response-reader';
import type { WireDecimal } from '../../kernel/decimal-json';

/**
 * WMS SKU API types, named as the document's tables name them (seeds/wms-sku-api.txt §1.1–1.4,
 * catalogue wms-sku.md §2–§5). Decimals ("Decimal") are JSON numbers on the wire and decimal text
 * here. The document has no JSON example at all; field types follow its DataType column.
 */

/** The envelope of every answer; only the query adds `total` and `result`. */
export interface WmsEnvelope<T = never> {
  readonly errorCode: string;
  readonly errorMsg: string;
  readonly state: string;
  readonly total?: number;
  readonly result?: readonly T[];
}

export interface SubSkuDTO {
  readonly sku: string;
  readonly quantity: number;
}

/** Create/update shape of `SkuCustomFieldValueVO`: the id from CUSTOMER_FIELD_QUERY and the value. */
export interface SkuCustomFieldValueInput {
  readonly customFieldId: number;
  readonly value: string;
}

/**
 * Query-result shape of `SkuCustomFieldValueVO` (the field's definition; misspellings `columType`,
 * `columName` kept). ADR 0005 adds `customFieldId` and `value`, without which a SKU's value cannot
 * be read back (catalogue §7.3).
 */
export interface SkuCustomFieldValueVO {
  readonly tableName?: string;
  readonly columType?: string;
  readonly columName?: string;
  readonly defaultValue?: string;
  readonly candidateValue?: string;
  readonly remark?: string;
  readonly required?: number;
  readonly isQuery?: number;
  readonly isShow?: number;
  readonly customFieldId?: number;
  readonly value?: string;
}

/** `SkuCustomFieldValueSO`: a custom-field search criterion (value for STRING/SELECT, from/to for NUMBER/DATE). */
export interface SkuCustomFieldValueSO {
  readonly customFieldId: number;
  readonly value?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface SkuSupplierDTO {
  readonly name: string;
  readonly isDefault: boolean;
  /** "Purchaser, is username not name". */
  readonly purchaserList: readonly string[];
  /** Delivery Date, days. */
  readonly deliveryCycle: number;
  readonly purchasePrice?: WireDecimal;
  readonly purchasePriceUnit?: string;
  readonly minimumPurchaseQuantity?: number;
  readonly purchaseTaxRate?: WireDecimal;
  readonly drawbackRate?: WireDecimal;
  readonly purchaseUrl?: string;
}

/** `QUERY_SIMPLE_LIST_SKU` request. */
export interface QuerySimpleListSkuRequest {
  readonly page: number;
  /** "no more than 200; Default is 100". */
  readonly pageSize: number;
  readonly categoryName1?: string;
  readonly categoryName2?: string;
  readonly categoryName3?: string;
  /** Sample "2022-09-26"; ADR 0005: `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss`, GMT+8. */
  readonly updateTimeFrom?: string;
  readonly updateTimeTo?: string;
  readonly skus?: readonly string[];
  readonly titles?: readonly string[];
  readonly skuCustomFieldValueSOList?: readonly SkuCustomFieldValueSO[];
}

/** `INSERT_SKU_INFO` / `UPDATE_SKU_INFO` request; update has no `warehouseNameList` and replaces the whole SKU. */
export interface SkuInfo {
  readonly sku: string;
  readonly title: string;
  readonly barcode?: string;
  readonly type: string;
  readonly picUrl?: string;
  readonly saleStatus?: string;
  /** gross weight. */
  readonly weight: WireDecimal;
  readonly netWeight: WireDecimal;
  readonly weightUnit: string;
  readonly abbrTitle?: string;
  readonly brand?: string;
  readonly unit?: string;
  readonly color?: string;
  readonly size?: string;
  readonly length: WireDecimal;
  readonly width: WireDecimal;
  readonly height: WireDecimal;
  readonly dimensionUnit: string;
  readonly itemPackage?: number;
  readonly description?: string;
  readonly descriptionEn?: string;
  readonly functionDescription?: string;
  readonly enable: number;
  /** Without it the carton fields are not saved (§1.2.2). */
  readonly packingRate?: number;
  readonly cartonLength?: WireDecimal;
  readonly cartonWidth?: WireDecimal;
  readonly cartonHeight?: WireDecimal;
  readonly cartonWeight?: WireDecimal;
  readonly cartonNetWeight?: WireDecimal;
  readonly cartonDimensionUnit?: string;
  readonly cartonWeightUnit?: string;
  readonly chineseCustomsDeclarationName?: string;
  readonly englishCustomsDeclarationName?: string;
  readonly cdPriceMethod?: string;
  readonly cdPriceRate?: WireDecimal;
  readonly cdPriceMaximum?: WireDecimal;
  readonly customsDeclarationPrice?: WireDecimal;
  readonly customsDeclarationPriceUnit?: string;
  /** "Officers code": the customs (HS) code. */
  readonly customsCode?: string;
  readonly exportTax?: WireDecimal;
  readonly declaration?: string;
  readonly dangerousTransportGoodsType?: string;
  readonly batteryType?: number;
  readonly ccPriceMethod?: string;
  readonly ccPriceRate?: WireDecimal;
  readonly ccPriceMaximum?: WireDecimal;
  readonly ccPrice?: WireDecimal;
  readonly ccPriceUnit?: string;
  readonly needQualityInspection?: boolean;
  readonly price?: WireDecimal;
  /** "uppercase 3 digit code": ISO 4217. */
  readonly priceUnit?: string;
  readonly asin?: string;
  readonly customProp1?: string;
  readonly customProp2?: string;
  readonly customProp3?: string;
  readonly categoryName1?: string;
  readonly categoryName2?: string;
  readonly categoryName3?: string;
  readonly remarkName?: string;
  readonly singleSkuList?: readonly SubSkuDTO[];
  readonly singleBoxCode?: string;
  readonly singleItemVolume?: WireDecimal;
  readonly skuCustomFieldValueVOList?: readonly SkuCustomFieldValueInput[];
  readonly purchaseCost?: WireDecimal;
  readonly purchaseCostUnit?: string;
  readonly skuSupplierList?: readonly SkuSupplierDTO[];
  readonly isRelatedSingleCost?: boolean;
  /** Create only: warehouse products are created and distributed asynchronously. */
  readonly warehouseNameList?: readonly string[];
}

/** `UPDATE_SKU_STATUS` request. */
export interface UpdateSkuStatusRequest {
  readonly sku: string;
  readonly enable: number;
}

/** One `Sku` of the query result: fewer fields than a write accepts (catalogue §7.12). */
export interface WmsSkuResult {
  readonly sku: string;
  readonly title: string;
  readonly barcode?: string;
  readonly type: string;
  readonly picUrl?: string;
  readonly saleStatus?: string;
  readonly weight?: WireDecimal;
  readonly netWeight?: WireDecimal;
  readonly weightUnit?: string;
  readonly abbrTitle?: string;
  readonly brand?: string;
  readonly unit?: string;
  readonly color?: string;
  readonly size?: string;
  readonly length?: WireDecimal;
  readonly width?: WireDecimal;
  readonly height?: WireDecimal;
  readonly dimensionUnit?: string;
  readonly itemPackage?: number;
  readonly description?: string;
  readonly descriptionEn?: string;
  readonly functionDescription?: string;
  readonly enable: number;
  readonly categoryName1?: string;
  readonly categoryName2?: string;
  readonly categoryName3?: string;
  readonly singleBoxCode?: string;
  readonly singleItemVolume?: WireDecimal;
  readonly cartonVolumeUnit?: string;
  readonly customProp1?: string;
  readonly customProp2?: string;
  readonly customProp3?: string;
  readonly price?: WireDecimal;
  readonly remarkName?: string;
  readonly singleSkuList: readonly SubSkuDTO[];
  /** Typed as one object in the table though named List (catalogue §7.4): one object or a list is read. */
  readonly skuCustomFieldValueVOList: readonly SkuCustomFieldValueVO[];
  readonly packingRate?: number;
  readonly purchaseCost?: WireDecimal;
  readonly purchaseCostUnit?: string;
  readonly skuSupplierList: readonly SkuSupplierDTO[];
  readonly isRelatedSingleCost?: boolean;
}

/** Keys whose values are decimals on the WMS wire: written as JSON numbers, digit for digit. */
export const WMS_DECIMAL_KEYS: ReadonlySet<string> = new Set([
  'weight',
  'netWeight',
  'length',
  'width',
  'height',
  'cartonLength',
  'cartonWidth',
  'cartonHeight',
  'cartonWeight',
  'cartonNetWeight',
  'cdPriceRate',
  'cdPriceMaximum',
  'customsDeclarationPrice',
  'exportTax',
  'ccPriceRate',
  'ccPriceMaximum',
  'ccPrice',
  'price',
  'singleItemVolume',
  'purchaseCost',
  'purchasePrice',
  'purchaseTaxRate',
  'drawbackRate',
]);

const RESULT_STRINGS = [
  'barcode',
  'picUrl',
  'saleStatus',
  'weightUnit',
  'abbrTitle',
  'brand',
  'unit',
  'color',
  'size',
  'dimensionUnit',
  'description',
  'descriptionEn',
  'functionDescription',
  'categoryName1',
  'categoryName2',
  'categoryName3',
  'singleBoxCode',
  'cartonVolumeUnit',
  'customProp1',
  'customProp2',
  'customProp3',
  'remarkName',
  'purchaseCostUnit',
] as const;
const RESULT_DECIMALS = ['weight', 'netWeight', 'length', 'width', 'height', 'singleItemVolume', 'price', 'purchaseCost'] as const;
const RESULT_INTEGERS = ['itemPackage', 'packingRate'] as const;

function readSupplier(reader: ResponseReader): SkuSupplierDTO {
  const out: Record<string, unknown> = {
    name: reader.field('name').string(),
    isDefault: reader.field('isDefault').boolean(),
    purchaserList: reader
      .field('purchaserList')
      .optionalArray()
      .map((item) => item.string()),
    deliveryCycle: reader.field('deliveryCycle').integer(),
    purchasePrice: reader.field('purchasePrice').optionalDecimal(),
    purchasePriceUnit: reader.field('purchasePriceUnit').optionalString(),
    minimumPurchaseQuantity: reader.field('minimumPurchaseQuantity').optionalInteger(),
    purchaseTaxRate: reader.field('purchaseTaxRate').optionalDecimal(),
    drawbackRate: reader.field('drawbackRate').optionalDecimal(),
    purchaseUrl: reader.field('purchaseUrl').optionalString(),
  };
  return dropUndefined(out) as unknown as SkuSupplierDTO;
}

function readCustomField(reader: ResponseReader): SkuCustomFieldValueVO {
  const out: Record<string, unknown> = {};
  for (const name of ['tableName', 'columType', 'columName', 'defaultValue', 'candidateValue', 'remark', 'value'])
    out[name] = reader.field(name).optionalString();
  for (const name of ['required', 'isQuery', 'isShow', 'customFieldId']) out[name] = reader.field(name).optionalInteger();
  return dropUndefined(out);
}

export function readWmsSkuResult(reader: ResponseReader): WmsSkuResult {
  const out: Record<string, unknown> = {
    sku: reader.field('sku').string(),
    title: reader.field('title').string(),
    type: reader.field('type').optionalString() ?? 'SINGLE',
    enable: reader.field('enable').integer(),
  };
  for (const name of RESULT_STRINGS) out[name] = reader.field(name).optionalString();
  for (const name of RESULT_DECIMALS) out[name] = reader.field(name).optionalDecimal();
  for (const name of RESULT_INTEGERS) out[name] = reader.field(name).optionalInteger();
  const related = reader.field('isRelatedSingleCost');
  out.isRelatedSingleCost = related.isPresent() ? related.boolean() : undefined;
  out.singleSkuList = reader
    .field('singleSkuList')
    .optionalArray()
    .map((item) => ({ sku: item.field('sku').string(), quantity: item.field('quantity').integer() }));
  const custom = reader.field('skuCustomFieldValueVOList');
  out.skuCustomFieldValueVOList = !custom.isPresent()
    ? []
    : Array.isArray(custom.raw())
      ? custom.array().map(readCustomField)
      : [readCustomField(custom)];
  out.skuSupplierList = reader.field('skuSupplierList').optionalArray().map(readSupplier);
  return dropUndefined(out) as unknown as WmsSkuResult;
}

export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
