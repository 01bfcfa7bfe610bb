import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { readInventoryEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import type { PilotInventoryProduct, PilotInventoryProductQuery } from '../wire/inventory-product';

export const QUERY_INVENTORY_PRODUCT = 'query-inventory-product';

export function queryInventoryProductRequest(carrier: string, query: PilotInventoryProductQuery): Omit<ProviderRequest, 'headers'> {
  return {
    operation: QUERY_INVENTORY_PRODUCT,
    method: 'GET',
    path: `/inventory/product/${encodeURIComponent(carrier)}`,
    query: { ...query },
    idempotent: true,
  };
}

/** The page's products. The inventory envelope has no total, so the caller pages until a short page. */
export function parseQueryInventoryProductResponse(response: ProviderResponse): readonly PilotInventoryProduct[] {
  requirePilotSuccess(QUERY_INVENTORY_PRODUCT, response);
  return readInventoryEnvelope(response.json).products;
}
