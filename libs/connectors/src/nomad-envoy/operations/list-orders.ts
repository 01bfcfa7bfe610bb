import type { Instant } from '@serai/domain';
import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { ENVOY_MAX_PAGE_NO } from '../codes';
import { requireEnvoySuccess } from '../nomad-envoy.errors';
import type { EnvoyListOrdersQuery, EnvoyListType, EnvoyPageSize } from '../wire/list-orders';
import type { EnvoyOrder, EnvoyOrderStatus } from '../wire/order';

export const LIST_ORDERS = 'list-orders';

/** Every documented filter of the list operation, in canonical terms. */
export interface EnvoyOrderFilter {
  readonly orderId?: string;
  readonly clientOrderRef?: string;
  readonly status?: EnvoyOrderStatus;
  readonly type?: EnvoyListType;
  readonly created?: { readonly from: Instant; readonly to: Instant };
  readonly updated?: { readonly from: Instant; readonly to: Instant };
}

/** An ISO 8601 interval `start/end` (the format Pilot's `created_range` shows; Envoy only says "ISO_8601"). */
export function isoInterval(range: { readonly from: Instant; readonly to: Instant }): string {
  return `${range.from.toISOString()}/${range.to.toISOString()}`;
}

export function buildListOrdersQuery(filter: EnvoyOrderFilter, pageNo: number, pageSize: EnvoyPageSize): EnvoyListOrdersQuery {
  if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > ENVOY_MAX_PAGE_NO)
    throw new RangeError(`page_no must be between 1 and ${ENVOY_MAX_PAGE_NO}`);
  return {
    order_id: filter.orderId,
    client_order_ref: filter.clientOrderRef,
    status: filter.status,
    type: filter.type,
    created_range: filter.created === undefined ? undefined : isoInterval(filter.created),
    updated_range: filter.updated === undefined ? undefined : isoInterval(filter.updated),
    page_no: pageNo,
    page_size: pageSize,
  };
}

export function listOrdersRequest(store: string, query: EnvoyListOrdersQuery): Omit<ProviderRequest, 'headers'> {
  return {
    operation: LIST_ORDERS,
    method: 'GET',
    path: `/order/${encodeURIComponent(store)}`,
    query: { ...query },
    idempotent: true,
    // A page of up to 100 full orders, read again by every poll: the trace keeps it only if the call fails (ADR 0020).
    traceAnswer: 'on-failure',
  };
}

/** The page's orders (`data.orders`); the document has no total, so the caller pages until a short page. */
export function parseListOrdersResponse(response: ProviderResponse): readonly EnvoyOrder[] {
  return requireEnvoySuccess(LIST_ORDERS, response).data.orders;
}
