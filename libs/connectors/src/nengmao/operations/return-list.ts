import type { Instant } from '@serai/domain';
import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoReturn, NengmaoReturnGoods, NengmaoReturnListRequest } from '../wire/return-list';
import { dropUndefined, optional } from './goods-list';
import { optionalNengmaoTime } from './nengmao-time';
import { readTextFields } from './wire-text';

export interface ReturnListFilter {
  /** Brand: mandatory create window (§8.1). */
  readonly createdFrom?: Instant;
  readonly createdTo?: Instant;
  /** TMG: modify window (§7.1). */
  readonly modifiedFrom?: Instant;
  readonly modifiedTo?: Instant;
  readonly status?: number;
  readonly returnType?: 'Y' | 'N';
}

export function buildReturnListRequest(filter: ReturnListFilter, pageNo: number, pageSize: number): NengmaoReturnListRequest {
  return dropUndefined({
    startCreateTime: optionalNengmaoTime(filter.createdFrom),
    endCreateTime: optionalNengmaoTime(filter.createdTo),
    startModifyTime: optionalNengmaoTime(filter.modifiedFrom),
    endModifyTime: optionalNengmaoTime(filter.modifiedTo),
    returnStatus: filter.status,
    returnType: filter.returnType,
    pageNo,
    pageSize,
  });
}

const RETURN_TEXT = [
  'returnAccount',
  'returnee',
  'province',
  'city',
  'district',
  'zipcode',
  'address',
  'expressSn',
  'telephone',
  'mobile',
  'orderOriginSn',
  'remark',
  'createTime',
  'modifyTime',
] as const;

/** One return; the brand example's `expressCompay` (sic) is read as `expressCompany`. */
export function readReturn(record: ResponseReader): NengmaoReturn {
  const expressCompany = record.fieldOf('expressCompany', 'expressCompay').optionalString();
  return {
    returnSn: record.field('returnSn').string(),
    orderSn: record.field('orderSn').string(),
    ...readTextFields(record, RETURN_TEXT),
    ...optional('expressCompany', expressCompany),
    ...optional('returnAmount', record.field('returnAmount').optionalDecimal()),
    ...optional('returnShippingFee', record.field('returnShippingFee').optionalDecimal()),
    goodsList: record.field('goodsList').array().map(readReturnGoods),
  };
}

function readReturnGoods(line: ResponseReader): NengmaoReturnGoods {
  return {
    sku: line.field('sku').string(),
    ...readTextFields(line, ['upcCode', 'internalId'] as const),
    goodsAmount: line.field('goodsAmount').decimal(),
    // TMG §7.2 types qty "string": ResponseReader.integer() reads "1" and 1 alike.
    qty: line.field('qty').integer(),
    ...optional('receiveStatus', line.field('receiveStatus').optionalInteger()),
  };
}

/**
 * The brand §8.1 table nests the records in `returnList`, its example puts them straight in `data`
 * (and `total` first): `data[]`, `data.returnList[]` and a top-level `returnList[]` are all read.
 */
export function readReturnListAnswer(data: ResponseReader, body: ResponseReader): NengmaoReturn[] {
  if (Array.isArray(data.raw())) return data.array().map(readReturn);
  if (data.isPresent() && data.field('returnList').isPresent()) return data.field('returnList').array().map(readReturn);
  return body.field('returnList').optionalArray().map(readReturn);
}
