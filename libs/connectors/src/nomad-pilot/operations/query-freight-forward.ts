import type { Instant } from '@serai/domain';
import type { Page } from '../../kernel/paginate';
import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import type { ResponseReader } from '../../kernel/response-reader';
import { PILOT_MAX_PAGE_NO, PilotPageSize, PilotStatusFilter } from '../codes';
import { readListEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import type { PilotPackage, PilotQueryFreightForwardQuery } from '../wire/query-freight-forward';
import { allOf, readFields } from '../wire/read-fields';

export const QUERY_FREIGHT_FORWARD = 'query-freight-forward';

/** The document's own example of the format: `2020-07-10T13:00:00Z/2020-07-11T15:30:00Z`. */
export function createdRange(window: { readonly from: Instant; readonly to: Instant }): string {
  return `${window.from.toISOString()}/${window.to.toISOString()}`;
}

export function buildQueryFreightForward(
  status: PilotStatusFilter,
  pageNo: number,
  pageSize: PilotPageSize,
  window?: { readonly from: Instant; readonly to: Instant },
): PilotQueryFreightForwardQuery {
  if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > PILOT_MAX_PAGE_NO)
    throw new RangeError(`page_no must be between 1 and ${PILOT_MAX_PAGE_NO}`);
  return { status, page_no: pageNo, page_size: pageSize, created_range: window === undefined ? undefined : createdRange(window) };
}

export function queryFreightForwardRequest(carrier: string, query: PilotQueryFreightForwardQuery): Omit<ProviderRequest, 'headers'> {
  return {
    operation: QUERY_FREIGHT_FORWARD,
    method: 'GET',
    path: `/freight-forward/${encodeURIComponent(carrier)}`,
    query: { ...query },
    idempotent: true,
  };
}

const PACKAGE_STRINGS = allOf('string', [
  'deliveryOrderId',
  'carrier',
  'store',
  'trackingReference',
  'logisticsCode',
  'logisticsName',
  'labelUrl',
  'warehouseCode',
  'createdAt',
  'updatedAt',
  'packedAt',
  'processedAt',
  'shippedAt',
  'cancelledAt',
]);

export function readPilotPackage(item: ResponseReader): PilotPackage {
  return {
    ...readFields<Omit<PilotPackage, 'deliveryOrderCode' | 'status' | 'items'>>(item, { ...PACKAGE_STRINGS, weight: 'decimal' }),
    deliveryOrderCode: item.field('deliveryOrderCode').string(),
    status: item.field('status').string(),
    items: item
      .field('items')
      .optionalArray()
      .map((line) => ({
        ...readFields<{ merchantGoodsNo?: string; warehouseGoodsNo?: string }>(line, {
          merchantGoodsNo: 'string',
          warehouseGoodsNo: 'string',
        }),
        skuNumber: line.fieldOf('skuNumber', 'sku').string(),
        quantity: line.field('quantity').integer(),
      })),
  };
}

/** One page of packages; the list envelope has a `total`, which ends the paging. */
export function parseQueryFreightForwardResponse(pageNo: number) {
  return (response: ProviderResponse): Page<PilotPackage> => {
    requirePilotSuccess(QUERY_FREIGHT_FORWARD, response);
    const envelope = readListEnvelope(response.json, readPilotPackage);
    return { items: envelope.data, pageNo, total: envelope.total };
  };
}
