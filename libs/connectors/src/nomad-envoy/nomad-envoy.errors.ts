import { ProviderError } from '../kernel/provider-error';
import type { ProviderResponse } from '../kernel/provider-http-client';
import { ResponseReader } from '../kernel/response-reader';
import { ENVOY_PROVIDER, envoyHttpFailure } from './codes';
import { readEnvoyOrder } from './wire/order';
import type { EnvoyApiResponse } from './wire/api-response';

/** Reads the `ApiResponse` envelope; `data` may be missing on failures, never on success. */
export function readEnvoyEnvelope(json: unknown, requireData: boolean): EnvoyApiResponse {
  const reader = ResponseReader.of(json);
  reader.object();
  const data = reader.field('data');
  const present = data.isPresent() || requireData;
  return {
    code: reader.field('code').optionalInteger(),
    message: reader.field('message').optionalString(),
    responseTime: reader.field('responseTime').optionalInteger(),
    data: present
      ? {
          returnValue: data.field('returnValue').optionalString(),
          orders: data.field('orders').optionalArray().map(readEnvoyOrder),
          order: data.field('order').isPresent() ? readEnvoyOrder(data.field('order')) : undefined,
          orderId: data.field('orderId').optionalString(),
        }
      : { orders: [] },
  };
}

/** The envelope of a failed answer, when it is readable at all (a 400 may come without one). */
export function tryReadEnvoyEnvelope(json: unknown): EnvoyApiResponse | undefined {
  try {
    return json === undefined ? undefined : readEnvoyEnvelope(json, false);
  } catch {
    return undefined;
  }
}

/**
 * Success is HTTP 2xx. The body's `code` is the placeholder 42 in the document and mirrors the
 * HTTP status in the sandbox, so it only turns a 2xx into a failure when it is itself an HTTP
 * error code (a gateway answering 200 with the error inside).
 */
export function requireEnvoySuccess(operation: string, response: ProviderResponse): EnvoyApiResponse {
  if (response.status < 200 || response.status >= 300)
    throw envoyFailure(operation, response.status, tryReadEnvoyEnvelope(response.json), response.text);
  const envelope = readEnvoyEnvelope(response.json, true);
  if (envelope.code !== undefined && envelope.code >= 400) throw envoyFailure(operation, envelope.code, envelope, response.text);
  return envelope;
}

export function envoyFailure(operation: string, status: number, envelope: EnvoyApiResponse | undefined, text: string): ProviderError {
  const failure = envoyHttpFailure(status);
  const retryable = status >= 500 || status === 429 || status === 408 ? true : failure.retryable;
  const said = envelope?.message ?? (text.trim() === '' ? undefined : text.trim().slice(0, 200));
  return new ProviderError({
    provider: ENVOY_PROVIDER,
    operation,
    kind: status === 429 ? 'rate_limited' : status === 400 ? 'provider' : 'http',
    code: failure.code,
    message: said === undefined ? failure.meaning : `${failure.meaning}: ${said}`,
    retryable,
    httpStatus: status,
  });
}
