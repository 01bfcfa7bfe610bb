import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { readInventoryEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import type { PilotInventoryResponse } from '../wire/inventory-product';
import type { PilotPurchaseOrderQuery } from '../wire/inventory-purchase';

/** Deprecated by the document (tag "Inventory_purchaseDeprecated"), still served; no replacement named. */
export const QUERY_PURCHASE_ORDER = 'query-purchase-order';

export function queryPurchaseOrderRequest(carrier: string, query: PilotPurchaseOrderQuery): Omit<ProviderRequest, 'headers'> {
  return {
    operation: QUERY_PURCHASE_ORDER,
    method: 'GET',
    path: `/inventory/purchase/${encodeURIComponent(carrier)}`,
    query: { ...query },
    idempotent: true,
  };
}

/** The inventory envelope: `purchases[]` (and the product it concerns in `products[]`). */
export function parseQueryPurchaseOrderResponse(response: ProviderResponse): PilotInventoryResponse {
  requirePilotSuccess(QUERY_PURCHASE_ORDER, response);
  return readInventoryEnvelope(response.json);
}
