import type { Instant } from '@serai/domain';
import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoOrder, NengmaoOrderGoods, NengmaoOrderListRequest } from '../wire/order-list';
import { dropUndefined, optional } from './goods-list';
import { optionalNengmaoTime } from './nengmao-time';
import { readTextFields } from './wire-text';

export interface OrderListFilter {
  /** Brand only (the TMG order list filters by modify time alone). */
  readonly createdFrom?: Instant;
  readonly createdTo?: Instant;
  readonly modifiedFrom?: Instant;
  readonly modifiedTo?: Instant;
  /** NENGMAO_ORDER_STATUS; the provider's default is 1 (awaiting delivery). */
  readonly status?: number;
  /** Y: not yet confirmed; N: already retrieved. */
  readonly orderType?: 'Y' | 'N';
}

export function buildOrderListRequest(filter: OrderListFilter, pageNo: number, pageSize: number): NengmaoOrderListRequest {
  return dropUndefined({
    startCreateTime: optionalNengmaoTime(filter.createdFrom),
    endCreateTime: optionalNengmaoTime(filter.createdTo),
    startModifyTime: optionalNengmaoTime(filter.modifiedFrom),
    endModifyTime: optionalNengmaoTime(filter.modifiedTo),
    orderStatus: filter.status,
    orderType: filter.orderType,
    pageNo,
    pageSize,
  });
}

const ORDER_TEXT = [
  'orderAccount',
  'country',
  'province',
  'city',
  'district',
  'address',
  'zipcode',
  'telephone',
  'mobile',
  'platform',
  'paymentSn',
  'paymentType',
  'payTime',
  'modifyTime',
  'shippingStatus',
  'status',
  'lpCode',
  'lpUrl',
  'orderOriginSn',
  'remark',
  'invoiceNumber',
] as const;

/** One order of an answer; `discountAmountSum` (examples) or `discountSum` (TMG table) are both read. */
export function readOrder(record: ResponseReader): NengmaoOrder {
  const idCard = record.fieldOf('idCard', 'idNumber').optionalString();
  return {
    orderSn: record.field('orderSn').string(),
    orderAmount: record.field('orderAmount').decimal(),
    consignee: record.field('consignee').optionalString() ?? '',
    createTime: record.field('createTime').string(),
    ...readTextFields(record, ORDER_TEXT),
    ...optional('shippingFee', record.field('shippingFee').optionalDecimal()),
    ...optional('discountAmountSum', record.fieldOf('discountAmountSum', 'discountSum').optionalDecimal()),
    ...optional('idCard', idCard),
    orderGoods: record.field('orderGoods').array().map(readOrderGoods),
  };
}

function readOrderGoods(line: ResponseReader): NengmaoOrderGoods {
  return {
    sku: line.field('sku').string(),
    ...readTextFields(line, ['upcCode', 'internalId', 'cid', 'cname', 'engraving'] as const),
    saleAmount: line.field('saleAmount').decimal(),
    ...optional('tagPrice', line.field('tagPrice').optionalDecimal()),
    qty: line.field('qty').integer(),
    ...optional('subOrderTaxFee', line.field('subOrderTaxFee').optionalDecimal()),
    ...optional('taxFree', line.field('taxFree').isPresent() ? line.field('taxFree').boolean() : undefined),
  };
}

export function readOrderListAnswer(data: ResponseReader): NengmaoOrder[] {
  return data.optionalArray().map(readOrder);
}
