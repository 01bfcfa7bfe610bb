import type { Instant } from '@serai/domain';
import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoStockRecord, NengmaoStocksListRequest } from '../wire/stocks-list';
import { dropUndefined } from './goods-list';
import { optionalNengmaoTime } from './nengmao-time';

/** Brand §6.4 and §6.6: a modification window or a SKU list (≤100) is required. */
export interface SkuTimeFilter {
  readonly modifiedFrom?: Instant;
  readonly modifiedTo?: Instant;
  readonly skus?: readonly string[];
}

export function buildStocksListRequest(filter: SkuTimeFilter, pageNo: number, pageSize: number): NengmaoStocksListRequest {
  return dropUndefined({
    startModifyTime: optionalNengmaoTime(filter.modifiedFrom),
    endModifyTime: optionalNengmaoTime(filter.modifiedTo),
    skuList: filter.skus,
    pageNo,
    pageSize,
  });
}

export function readStocksListAnswer(data: ResponseReader): NengmaoStockRecord[] {
  return data.optionalArray().map((record) => {
    const lastModifyTime = record.field('lastModifyTime').optionalString();
    return {
      sku: record.field('sku').string(),
      stocks: record.field('stocks').integer(),
      ...(lastModifyTime === undefined ? {} : { lastModifyTime }),
    };
  });
}
