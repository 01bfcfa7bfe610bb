import { CHINA_STANDARD_TIME, formatInZone, Instant } from '@serai/domain';
import type { Page } from '../../kernel/paginate';
import type { ProviderResponse } from '../../kernel/provider-http-client';
import { WMS_MAX_PAGE_SIZE, WmsFailureClass } from '../codes';
import { requireWmsSuccess } from '../wms.errors';
import { dropUndefined, QuerySimpleListSkuRequest, readWmsSkuResult, SkuCustomFieldValueSO, WmsSkuResult } from '../wire/sku';

export const QUERY_SIMPLE_LIST_SKU = 'QUERY_SIMPLE_LIST_SKU';

/** Every documented filter, in canonical terms. */
export interface WmsSkuFilter {
  readonly categoryName1?: string;
  readonly categoryName2?: string;
  readonly categoryName3?: string;
  readonly updatedFrom?: Instant;
  readonly updatedTo?: Instant;
  readonly skus?: readonly string[];
  readonly titles?: readonly string[];
  readonly customFields?: readonly SkuCustomFieldValueSO[];
}

/** Update times are written `yyyy-MM-dd HH:mm:ss` in GMT+8 (ADR 0005; the document's samples are bare dates). */
export function buildQuerySimpleListSku(filter: WmsSkuFilter, page: number, pageSize: number): QuerySimpleListSkuRequest {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > WMS_MAX_PAGE_SIZE)
    throw new RangeError(`pageSize must be 1 to ${WMS_MAX_PAGE_SIZE}`);
  if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be a whole number from 1');
  return dropUndefined({
    page,
    pageSize,
    categoryName1: filter.categoryName1,
    categoryName2: filter.categoryName2,
    categoryName3: filter.categoryName3,
    updateTimeFrom: filter.updatedFrom === undefined ? undefined : formatInZone(filter.updatedFrom, CHINA_STANDARD_TIME),
    updateTimeTo: filter.updatedTo === undefined ? undefined : formatInZone(filter.updatedTo, CHINA_STANDARD_TIME),
    skus: filter.skus,
    titles: filter.titles,
    skuCustomFieldValueSOList: filter.customFields,
  });
}

export function parseQuerySimpleListSku(page: number, table?: Readonly<Record<string, WmsFailureClass>>) {
  return (response: ProviderResponse): Page<WmsSkuResult> => {
    const envelope = requireWmsSuccess(QUERY_SIMPLE_LIST_SKU, response, readWmsSkuResult, table);
    return { items: envelope.result ?? [], pageNo: page, total: envelope.total };
  };
}
