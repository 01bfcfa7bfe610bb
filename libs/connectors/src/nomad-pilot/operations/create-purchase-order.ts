import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { readInventoryEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import type { PilotInventoryResponse } from '../wire/inventory-product';
import type { PilotPurchaseOrderBody } from '../wire/inventory-purchase';

/** Deprecated by the document; the seed is truncated here, the answer is assumed to be the inventory envelope. */
export const CREATE_PURCHASE_ORDER = 'create-purchase-order';

export function createPurchaseOrderRequest(carrier: string, body: PilotPurchaseOrderBody): Omit<ProviderRequest, 'headers'> {
  if (!Number.isInteger(body.goodsNum) || body.goodsNum < 1) throw new RangeError('goodsNum must be a whole number of at least 1');
  return {
    operation: CREATE_PURCHASE_ORDER,
    method: 'POST',
    path: `/inventory/purchase/${encodeURIComponent(carrier)}`,
    body,
    contentType: 'application/json',
    // A second create of one purchaseOrderNo is refused, not repeated: never retried blindly.
    idempotent: false,
  };
}

export function parseCreatePurchaseOrderResponse(response: ProviderResponse): PilotInventoryResponse {
  requirePilotSuccess(CREATE_PURCHASE_ORDER, response);
  return readInventoryEnvelope(response.json);
}
