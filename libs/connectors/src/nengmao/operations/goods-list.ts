import type { Instant } from '@serai/domain';
import { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoFitMeasurement, NengmaoGoodsListRequest, NengmaoGoodsRecord, NengmaoGoodsSku } from '../wire/goods-list';
import { optionalNengmaoTime } from './nengmao-time';
import { readTextFields } from './wire-text';

export interface GoodsListFilter {
  readonly createdFrom?: Instant;
  readonly createdTo?: Instant;
  readonly modifiedFrom?: Instant;
  readonly modifiedTo?: Instant;
  /** Product codes (`goodSnList`), ≤100. */
  readonly goodsSns?: readonly string[];
  readonly skus?: readonly string[];
  /** TMG only: 0 in stock, 1 online. */
  readonly goodsStatus?: number;
}

export function buildGoodsListRequest(filter: GoodsListFilter, pageNo: number, pageSize: number): NengmaoGoodsListRequest {
  return dropUndefined({
    startCreateTime: optionalNengmaoTime(filter.createdFrom),
    endCreateTime: optionalNengmaoTime(filter.createdTo),
    startModifyTime: optionalNengmaoTime(filter.modifiedFrom),
    endModifyTime: optionalNengmaoTime(filter.modifiedTo),
    goodsStatus: filter.goodsStatus,
    goodSnList: filter.goodsSns,
    skuList: filter.skus,
    pageNo,
    pageSize,
  });
}

const GOODS_TEXT = [
  'goodsTitle',
  'brandImage',
  'goodsCategory',
  'goodsSeason',
  'goodsSeries',
  'goodsYears',
  'weight',
  'description',
  'descriptionImage',
  'target',
  'hscode',
  'sizeChart',
  'material',
  'volume',
  'characteristics',
  'measure',
  'careInfo',
  'shippingRestriction',
  'newArrivals',
  'updateInfo',
  'priority',
  'remarks',
  'currency',
  'targetActiveDate',
  'merchClass',
  'deliverySeperate',
  'dimensions',
  'modelNotes',
  'additionalDescription',
  'vendorBrand',
  'careFacet',
  'goodsStyleNo',
  'tmallLocalNotes',
  'productID',
  'createTime',
  'modifyTime',
] as const;

const SKU_TEXT = [
  'goodsSn',
  'color',
  'colorCode',
  'size',
  'sizeCode',
  'upcCode',
  'internalId',
  'colorImage',
  'images',
  'video',
  'videoImage',
  'isDiscount',
  'shippingRestriction',
  'tmallNotes',
  'ipStatus',
  'colorId',
  'sizeId',
  'tmallLocalNotes',
] as const;

/**
 * One goods record of an answer. TMG answers rename `brand` to `goodsBrand` and the SKU array
 * `skuList` to `goodsList` (TMG §8.1/8.2); TMG types `originCountry` as an array in its request
 * table and `measure` as an array in its answer table (§8.1): both are read as text.
 */
export function readGoodsRecord(record: ResponseReader): NengmaoGoodsRecord {
  const brand = record.fieldOf('brand', 'goodsBrand').optionalString();
  return {
    goodsSn: record.field('goodsSn').string(),
    ...readTextFields(record, GOODS_TEXT),
    ...(brand === undefined ? {} : { brand }),
    ...optionalListText(record, 'originCountry'),
    ...optionalListText(record, 'measure'),
    ...optional('status', record.field('status').optionalInteger()),
    ...optional('fitMeasurement', readFitMeasurement(record.field('fitMeasurement'))),
    skuList: record.fieldOf('skuList', 'goodsList').optionalArray().map(readGoodsSku),
  };
}

export function readGoodsSku(sku: ResponseReader): NengmaoGoodsSku {
  return {
    sku: sku.field('sku').string(),
    ...readTextFields(sku, SKU_TEXT),
    ...optional('marketPrice', sku.field('marketPrice').optionalDecimal()),
    ...optional('salePrice', sku.field('salePrice').optionalDecimal()),
    ...optional('importFee', sku.field('importFee').optionalDecimal()),
    ...optional('inventory', sku.field('inventory').optionalInteger()),
    ...optional('lockInventory', sku.field('lockInventory').optionalInteger()),
    ...optional('status', sku.field('status').optionalInteger()),
    ...optional('safeValid', sku.field('safeValid').isPresent() ? sku.field('safeValid').boolean() : undefined),
  };
}

export function readGoodsListAnswer(data: ResponseReader): NengmaoGoodsRecord[] {
  return data.optionalArray().map(readGoodsRecord);
}

function readFitMeasurement(field: ResponseReader): NengmaoFitMeasurement[] | undefined {
  if (!field.isPresent()) return undefined;
  return field.array().map((item) => readTextFields(item, ['measurementTitle', 'us', 'metric'] as const));
}

function optionalListText(record: ResponseReader, name: 'originCountry' | 'measure'): Partial<Record<typeof name, string>> {
  const field = record.field(name);
  if (!field.isPresent()) return {};
  const value = Array.isArray(field.raw())
    ? field
        .array()
        .map((item) => item.string())
        .join(',')
    : field.string();
  return { [name]: value };
}

export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
