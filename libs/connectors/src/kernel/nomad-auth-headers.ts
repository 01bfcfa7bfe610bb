import { signGatewayRequest } from './api-gateway-signer';

export interface NomadAuthInput {
  readonly caKey: string;
  readonly stage?: string;
  readonly signing: 'none' | 'gateway';
  readonly appSecret?: string;
}

export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  /** `accept` and `content-type` exactly as sent: both take part in the gateway signature. */
  readonly accept: string;
  readonly contentType?: string;
}

/**
 * Headers that authenticate one request to a Nomad API (Envoy, Pilot), built for every attempt.
 * The documents give `x-ca-key` (Envoy adds `x-ca-stage` as a second method, sent when
 * configured); Nomad sits behind an Alibaba-style API gateway, so with `signing: 'gateway'` the
 * HMAC-SHA256 signature headers are added (`signGatewayRequest`: fresh timestamp and nonce,
 * `content-md5` for a body).
 */
export function nomadAuthHeaders(
  auth: NomadAuthInput,
  request: OutgoingRequest,
  now?: () => number,
  nonce?: () => string,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: request.accept,
    ...(request.contentType === undefined ? {} : { 'content-type': request.contentType }),
    'x-ca-key': auth.caKey,
    ...(auth.stage === undefined ? {} : { 'x-ca-stage': auth.stage }),
  };
  if (auth.signing !== 'gateway' || auth.appSecret === undefined) return headers;
  const signed = signGatewayRequest(
    { method: request.method, url: request.url, headers, body: request.body },
    { appKey: auth.caKey, appSecret: auth.appSecret },
    now,
    nonce,
  );
  return { ...headers, ...signed };
}
