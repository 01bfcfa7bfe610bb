import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { readInventoryEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import { serializeWithDecimals } from '../../kernel/decimal-json';
import { PILOT_DECIMAL_KEYS } from '../wire/decimal-keys';
import type { PilotInventoryProduct, PilotInventoryProductBody } from '../wire/inventory-product';

export const UPDATE_INVENTORY_PRODUCT = 'update-inventory-product';

/** PUT of the whole product: sending it twice has the same effect. */
export function updateInventoryProductRequest(carrier: string, body: PilotInventoryProductBody): Omit<ProviderRequest, 'headers'> {
  return {
    operation: UPDATE_INVENTORY_PRODUCT,
    method: 'PUT',
    path: `/inventory/product/${encodeURIComponent(carrier)}`,
    body,
    rawBody: serializeWithDecimals(body, PILOT_DECIMAL_KEYS),
    contentType: 'application/json',
    idempotent: true,
  };
}

export function parseUpdateInventoryProductResponse(response: ProviderResponse): readonly PilotInventoryProduct[] {
  requirePilotSuccess(UPDATE_INVENTORY_PRODUCT, response);
  return readInventoryEnvelope(response.json).products;
}
