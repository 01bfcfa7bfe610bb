import { customFieldValueProblem, findCustomField } from './wms-custom-fields';
import { WmsInputReader } from './wms-input-reader';
import {
  QuerySimpleListSkuRequest,
  SkuCustomFieldValueInput,
  SkuCustomFieldValueSO,
  SkuInfo,
  SkuSupplierDTO,
  SubSkuDTO,
  UpdateSkuStatusRequest,
} from './wire/wms-sku';

/** `type` values: `SINGLE` is documented; the combination literal is not, the sandbox uses `COMBINATION` (ADR 0005). */
export const WMS_SKU_TYPES = ['SINGLE', 'COMBINATION'] as const;
const DANGEROUS_GOODS = ['NONE', 'LIQUID', 'POWDER', 'CONTAIN_ELECTRIC', 'ELECTRIC'] as const;
const PRICE_METHODS = ['RATE', 'CONSTANT'] as const;
const CARTON_DIMENSION_UNITS = ['cm', 'm'] as const;
const CARTON_WEIGHT_UNITS = ['KG', 'G'] as const;
const CURRENCY = /^[A-Z]{3}$/;
const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 200;

function currency(reader: WmsInputReader, field: string): string | undefined {
  const value = reader.string(field, 3);
  if (value !== undefined && !CURRENCY.test(value)) reader.problem(field, 'must be an uppercase 3-letter currency code');
  return value;
}

function readSupplier(item: WmsInputReader): SkuSupplierDTO {
  const purchaserList = item.stringList('purchaserList', 255);
  if (purchaserList === undefined) item.problem('purchaserList', 'is required');
  return {
    name: item.string('name', 255, true) ?? '',
    isDefault: item.boolean('isDefault', true) ?? false,
    purchaserList: purchaserList ?? [],
    deliveryCycle: item.integer('deliveryCycle', { required: true, min: 0 }) ?? 0,
    purchasePrice: item.decimal('purchasePrice'),
    purchasePriceUnit: currency(item, 'purchasePriceUnit'),
    minimumPurchaseQuantity: item.integer('minimumPurchaseQuantity', { min: 1 }),
    purchaseTaxRate: item.decimal('purchaseTaxRate'),
    drawbackRate: item.decimal('drawbackRate'),
    purchaseUrl: item.string('purchaseUrl', 2048),
  };
}

function readSubSku(item: WmsInputReader): SubSkuDTO {
  return { sku: item.string('sku', 255, true) ?? '', quantity: item.integer('quantity', { required: true, min: 1 }) ?? 0 };
}

function readCustomFieldValue(item: WmsInputReader): SkuCustomFieldValueInput {
  const id = item.integer('customFieldId', { required: true, min: 1 }) ?? 0;
  const value = item.string('value', 2048, true) ?? '';
  const field = findCustomField(id);
  if (id > 0 && field === undefined) item.problem('customFieldId', `${id} is not a defined custom field`);
  if (field !== undefined && value !== '') {
    const problem = customFieldValueProblem(field, value);
    if (problem !== undefined) item.problem('value', problem);
  }
  return { customFieldId: id, value };
}

/**
 * Reads an `INSERT_SKU_INFO` or `UPDATE_SKU_INFO` body (§1.2.2, §1.3.2). Unknown fields are ignored,
 * as the document's Java back end would; every documented field is checked for type, length and enum.
 */
export function readSkuInfo(body: unknown, operation: 'INSERT_SKU_INFO' | 'UPDATE_SKU_INFO'): SkuInfo {
  const reader = WmsInputReader.of(body, operation);
  const type = reader.oneOf('type', WMS_SKU_TYPES, true);
  const packingRate = reader.integer('packingRate', { min: 1 });
  // "If it is not filled, the size of the outer box ... will not be saved" (§1.2.2 packingRate).
  const carton = packingRate !== undefined;
  const info: SkuInfo = {
    sku: reader.string('sku', 255, true) ?? '',
    title: reader.string('title', 255, true) ?? '',
    barcode: reader.string('barcode', 255),
    type: type ?? '',
    picUrl: reader.string('picUrl', 255),
    saleStatus: reader.string('saleStatus', 50),
    weight: reader.decimal('weight', true),
    netWeight: reader.decimal('netWeight', true),
    weightUnit: reader.string('weightUnit', 255, true) ?? '',
    abbrTitle: reader.string('abbrTitle', 255),
    brand: reader.string('brand', 50),
    unit: reader.string('unit', 128),
    color: reader.string('color', 255),
    size: reader.string('size', 255),
    length: reader.decimal('length', true),
    width: reader.decimal('width', true),
    height: reader.decimal('height', true),
    dimensionUnit: reader.string('dimensionUnit', 255, true) ?? '',
    itemPackage: reader.integer('itemPackage', { min: 0 }),
    description: reader.string('description', 2048),
    descriptionEn: reader.string('descriptionEn', 2048),
    functionDescription: reader.string('functionDescription', 2048),
    enable: reader.integer('enable', { required: true, min: 0, max: 1 }) ?? 0,
    packingRate,
    cartonLength: carton ? reader.decimal('cartonLength') : undefined,
    cartonWidth: carton ? reader.decimal('cartonWidth') : undefined,
    cartonHeight: carton ? reader.decimal('cartonHeight') : undefined,
    cartonWeight: carton ? reader.decimal('cartonWeight') : undefined,
    cartonNetWeight: carton ? reader.decimal('cartonNetWeight') : undefined,
    cartonDimensionUnit: carton ? reader.oneOf('cartonDimensionUnit', CARTON_DIMENSION_UNITS) : undefined,
    cartonWeightUnit: carton ? reader.oneOf('cartonWeightUnit', CARTON_WEIGHT_UNITS) : undefined,
    chineseCustomsDeclarationName: reader.string('chineseCustomsDeclarationName', 255),
    englishCustomsDeclarationName: reader.string('englishCustomsDeclarationName', 255),
    cdPriceMethod: reader.oneOf('cdPriceMethod', PRICE_METHODS),
    cdPriceRate: reader.decimal('cdPriceRate'),
    cdPriceMaximum: reader.decimal('cdPriceMaximum'),
    customsDeclarationPrice: reader.decimal('customsDeclarationPrice'),
    customsDeclarationPriceUnit: currency(reader, 'customsDeclarationPriceUnit'),
    customsCode: reader.string('customsCode', 255),
    exportTax: reader.decimal('exportTax'),
    declaration: reader.string('declaration', 2048),
    dangerousTransportGoodsType: reader.oneOf('dangerousTransportGoodsType', DANGEROUS_GOODS),
    batteryType: reader.integer('batteryType', { min: 0, max: 5 }),
    ccPriceMethod: reader.oneOf('ccPriceMethod', PRICE_METHODS),
    ccPriceRate: reader.decimal('ccPriceRate'),
    ccPriceMaximum: reader.decimal('ccPriceMaximum'),
    ccPrice: reader.decimal('ccPrice'),
    ccPriceUnit: currency(reader, 'ccPriceUnit'),
    needQualityInspection: reader.boolean('needQualityInspection'),
    price: reader.decimal('price'),
    priceUnit: currency(reader, 'priceUnit'),
    asin: reader.string('asin', 255),
    customProp1: reader.string('customProp1', 255),
    customProp2: reader.string('customProp2', 255),
    customProp3: reader.string('customProp3', 255),
    categoryName1: reader.string('categoryName1', 255),
    categoryName2: reader.string('categoryName2', 255),
    categoryName3: reader.string('categoryName3', 255),
    remarkName: reader.string('remarkName', 255),
    singleSkuList: reader.objectList('singleSkuList', readSubSku),
    singleBoxCode: reader.string('singleBoxCode', 255),
    singleItemVolume: reader.decimal('singleItemVolume'),
    skuCustomFieldValueVOList: reader.objectList('skuCustomFieldValueVOList', readCustomFieldValue),
    purchaseCost: reader.decimal('purchaseCost'),
    purchaseCostUnit: currency(reader, 'purchaseCostUnit'),
    skuSupplierList: reader.objectList('skuSupplierList', readSupplier),
    isRelatedSingleCost: reader.boolean('isRelatedSingleCost'),
    // Create only (§1.2.2); an update ignores it like any unknown field.
    warehouseNameList: operation === 'INSERT_SKU_INFO' ? reader.stringList('warehouseNameList', 255) : undefined,
  };
  checkCombination(reader, info);
  const defaults = (info.skuSupplierList ?? []).filter((supplier) => supplier.isDefault).length;
  if (defaults > 1) reader.problem('skuSupplierList', 'must have at most one default supplier');
  reader.finish();
  return withoutUndefined(info);
}

function checkCombination(reader: WmsInputReader, info: SkuInfo): void {
  const parts = info.singleSkuList ?? [];
  if (info.type === 'COMBINATION' && parts.length === 0) reader.problem('singleSkuList', 'is required for a COMBINATION sku');
  if (info.type === 'SINGLE' && parts.length > 0) reader.problem('singleSkuList', 'is only allowed for a COMBINATION sku');
  if (parts.some((part) => part.sku === info.sku)) reader.problem('singleSkuList', 'must not contain the combination itself');
  if (new Set(parts.map((part) => part.sku)).size !== parts.length) reader.problem('singleSkuList', 'must not repeat a sku');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function readSearch(item: WmsInputReader): SkuCustomFieldValueSO {
  const id = item.integer('customFieldId', { required: true, min: 1 }) ?? 0;
  if (id > 0 && findCustomField(id) === undefined) item.problem('customFieldId', `${id} is not a defined custom field`);
  return withoutUndefined({
    customFieldId: id,
    value: item.string('value', 255),
    from: item.string('from', 32),
    to: item.string('to', 32),
  });
}

/** Reads a `QUERY_SIMPLE_LIST_SKU` body (§1.1.2): `page` default 1, `pageSize` default 100 and at most 200. */
export function readQuerySimpleListSku(body: unknown): QuerySimpleListSkuRequest {
  const reader = WmsInputReader.of(body ?? {}, 'QUERY_SIMPLE_LIST_SKU');
  const page = reader.integer('page', { min: 1 }) ?? 1;
  const pageSize = reader.integer('pageSize', { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
  const updateTimeFrom = reader.string('updateTimeFrom', 19);
  const updateTimeTo = reader.string('updateTimeTo', 19);
  for (const [field, value] of [
    ['updateTimeFrom', updateTimeFrom],
    ['updateTimeTo', updateTimeTo],
  ] as const) {
    if (value !== undefined && !DATE_OR_DATETIME.test(value)) reader.problem(field, 'must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss');
  }
  const request: QuerySimpleListSkuRequest = {
    page,
    pageSize,
    categoryName1: reader.string('categoryName1', 255),
    categoryName2: reader.string('categoryName2', 255),
    categoryName3: reader.string('categoryName3', 255),
    updateTimeFrom,
    updateTimeTo,
    skus: reader.stringList('skus', 255),
    titles: reader.stringList('titles', 255),
    skuCustomFieldValueSOList: reader.objectList('skuCustomFieldValueSOList', readSearch),
  };
  reader.finish();
  return withoutUndefined(request);
}

/** Reads an `UPDATE_SKU_STATUS` body (§1.4.2). */
export function readUpdateSkuStatus(body: unknown): UpdateSkuStatusRequest {
  const reader = WmsInputReader.of(body, 'UPDATE_SKU_STATUS');
  const request = { sku: reader.string('sku', 255, true) ?? '', enable: reader.integer('enable', { required: true, min: 0, max: 1 }) ?? 0 };
  reader.finish();
  return request;
}
