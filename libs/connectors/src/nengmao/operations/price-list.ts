import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoPriceListRequest, NengmaoPriceRecord } from '../wire/price-list';
import { dropUndefined } from './goods-list';
import { optionalNengmaoTime } from './nengmao-time';
import type { SkuTimeFilter } from './stocks-list';

export function buildPriceListRequest(filter: SkuTimeFilter, pageNo: number, pageSize: number): NengmaoPriceListRequest {
  return dropUndefined({
    startModifyTime: optionalNengmaoTime(filter.modifiedFrom),
    endModifyTime: optionalNengmaoTime(filter.modifiedTo),
    skuList: filter.skus,
    pageNo,
    pageSize,
  });
}

export function readPriceListAnswer(data: ResponseReader): NengmaoPriceRecord[] {
  return data.optionalArray().map((record) => {
    const lastModifyTime = record.field('lastModifyTime').optionalString();
    return {
      sku: record.field('sku').string(),
      // §6.6 answers `price`; `salePrice` (the update's name) is accepted too.
      price: record.fieldOf('price', 'salePrice').decimal(),
      ...(lastModifyTime === undefined ? {} : { lastModifyTime }),
    };
  });
}
