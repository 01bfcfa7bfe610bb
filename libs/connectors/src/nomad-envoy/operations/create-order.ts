import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { InvalidResponse } from '../../kernel/response-reader';
import { ENVOY_ALREADY_EXISTS_MESSAGE, ENVOY_ORDER_ALREADY_EXISTS } from '../codes';
import { envoyFailure, requireEnvoySuccess, tryReadEnvoyEnvelope } from '../nomad-envoy.errors';
import type { EnvoyApiResponse } from '../wire/api-response';
import type { EnvoyCreateOrderBody, EnvoyCreateOrderResult } from '../wire/create-order';
import { serializeWithDecimals } from '../../kernel/decimal-json';
import { ENVOY_DECIMAL_KEYS } from '../wire/order';

export const CREATE_ORDER = 'create-order';

/**
 * One order per call. A create of a `clientOrderRef` the store already holds is answered as
 * "already exists" with the stored order, so sending the same order again has the same effect:
 * the request is marked idempotent and the kernel may retry it after a timeout or a 5xx.
 */
export function createOrderRequest(store: string, body: EnvoyCreateOrderBody): Omit<ProviderRequest, 'headers'> {
  return {
    operation: CREATE_ORDER,
    method: 'POST',
    path: `/order/${encodeURIComponent(store)}`,
    body,
    rawBody: serializeWithDecimals(body, ENVOY_DECIMAL_KEYS),
    contentType: 'application/json;charset=UTF-8',
    idempotent: true,
  };
}

function orderIdOf(envelope: EnvoyApiResponse): string | undefined {
  const id = envelope.data.orderId ?? envelope.data.order?.orderId ?? envelope.data.orders[0]?.orderId;
  return id === undefined || id === '' ? undefined : id;
}

/** A duplicate: the sandbox marks it in `data.returnValue`; other servers may only say so in `message`. */
function isAlreadyExists(envelope: EnvoyApiResponse | undefined): boolean {
  if (envelope === undefined) return false;
  return envelope.data.returnValue === ENVOY_ORDER_ALREADY_EXISTS || ENVOY_ALREADY_EXISTS_MESSAGE.test(envelope.message ?? '');
}

export function parseCreateOrderResponse(response: ProviderResponse): EnvoyCreateOrderResult {
  if (response.status === 400 || response.status === 409) {
    const envelope = tryReadEnvoyEnvelope(response.json);
    const existingId = envelope === undefined ? undefined : orderIdOf(envelope);
    if (isAlreadyExists(envelope) && envelope !== undefined && existingId !== undefined)
      return { orderId: existingId, alreadyExisted: true, order: envelope.data.order };
    throw envoyFailure(CREATE_ORDER, response.status, envelope, response.text);
  }
  const envelope = requireEnvoySuccess(CREATE_ORDER, response);
  const orderId = orderIdOf(envelope);
  if (orderId === undefined) throw new InvalidResponse('$.data.orderId', 'the id of the created order', undefined);
  return { orderId, alreadyExisted: isAlreadyExists(envelope), order: envelope.data.order };
}
