import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import type { ResponseReader } from '../../kernel/response-reader';
import { readListEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import { serializeWithDecimals } from '../../kernel/decimal-json';
import { FREIGHT_FORWARD_PRODUCT_FIELDS, PilotFreightForwardProduct } from '../wire/freight-forward-product';
import { readFields } from '../wire/read-fields';
import { PILOT_DECIMAL_KEYS } from '../wire/decimal-keys';

export const UPDATE_FREIGHT_FORWARD_PRODUCT = 'update-freight-forward-product';

export function readFreightForwardProduct(item: ResponseReader): PilotFreightForwardProduct {
  return readFields<PilotFreightForwardProduct>(item, FREIGHT_FORWARD_PRODUCT_FIELDS);
}

/** PUT replaces the product's customs data for the carrier: sending it twice is harmless. */
export function updateFreightForwardProductRequest(carrier: string, product: PilotFreightForwardProduct): Omit<ProviderRequest, 'headers'> {
  return {
    operation: UPDATE_FREIGHT_FORWARD_PRODUCT,
    method: 'PUT',
    path: `/freight-forward/product/${encodeURIComponent(carrier)}`,
    body: product,
    rawBody: serializeWithDecimals(product, PILOT_DECIMAL_KEYS),
    contentType: 'application/json',
    idempotent: true,
  };
}

/** The list envelope; `data[]` may echo the stored product (undocumented). */
export function parseUpdateFreightForwardProductResponse(response: ProviderResponse): readonly PilotFreightForwardProduct[] {
  requirePilotSuccess(UPDATE_FREIGHT_FORWARD_PRODUCT, response);
  return readListEnvelope(response.json, readFreightForwardProduct).data;
}
