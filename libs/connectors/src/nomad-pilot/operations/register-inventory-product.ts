import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { readInventoryEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import { serializeWithDecimals } from '../../kernel/decimal-json';
import { PILOT_DECIMAL_KEYS } from '../wire/decimal-keys';
import type { PilotInventoryProduct, PilotInventoryProductBody } from '../wire/inventory-product';

export const REGISTER_INVENTORY_PRODUCT = 'register-inventory-product';

/** Registering twice is refused ("already registered"), so a retry after a lost answer is the caller's to judge. */
export function registerInventoryProductRequest(carrier: string, body: PilotInventoryProductBody): Omit<ProviderRequest, 'headers'> {
  return {
    operation: REGISTER_INVENTORY_PRODUCT,
    method: 'POST',
    path: `/inventory/product/${encodeURIComponent(carrier)}`,
    body,
    rawBody: serializeWithDecimals(body, PILOT_DECIMAL_KEYS),
    contentType: 'application/json',
    idempotent: false,
  };
}

export function parseRegisterInventoryProductResponse(response: ProviderResponse): readonly PilotInventoryProduct[] {
  requirePilotSuccess(REGISTER_INVENTORY_PRODUCT, response);
  return readInventoryEnvelope(response.json).products;
}
