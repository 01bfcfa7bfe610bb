import { createHash, createHmac, randomUUID } from 'node:crypto';

export interface GatewayCredentials {
  /** Sent as `x-ca-key`. */
  readonly appKey: string;
  readonly appSecret: string;
}

export interface GatewayRequest {
  readonly method: string;
  /** Full URL; its path and query take part in the signature. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Form bodies take part in the signature; JSON bodies are covered by content-md5. */
  readonly form?: Readonly<Record<string, string>>;
}

/**
 * API-gateway request signing (the Alibaba Cloud API Gateway scheme Nomad sits behind):
 * HMAC-SHA256 over method, accept, content-md5, content-type, date, the signed `x-ca-*` headers
 * and the path with its sorted parameters, base64 encoded. The one place that knows the recipe.
 */
export function stringToSign(request: GatewayRequest, signedHeaders: readonly string[]): string {
  const header = (name: string): string => {
    const found = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
    return found?.[1] ?? '';
  };
  const url = new URL(request.url);
  const params = new Map<string, string>();
  url.searchParams.forEach((value, key) => params.set(key, value));
  for (const [key, value] of Object.entries(request.form ?? {})) params.set(key, value);
  const sorted = [...params.keys()].sort();
  const query = sorted.map((key) => (params.get(key) === '' ? key : `${key}=${params.get(key) ?? ''}`)).join('&');
  const pathAndParameters = decodeURIComponent(url.pathname) + (query ? `?${query}` : '');
  const headerLines = signedHeaders.map((name) => `${name}:${header(name)}\n`).join('');
  return (
    [request.method.toUpperCase(), header('accept'), header('content-md5'), header('content-type'), header('date')].join('\n') +
    `\n${headerLines}${pathAndParameters}`
  );
}

export function contentMd5(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('base64');
}

/** Headers to add to a request so the gateway accepts it; fresh timestamp and nonce every call. */
export function signGatewayRequest(
  request: GatewayRequest,
  credentials: GatewayCredentials,
  now: () => number = Date.now,
  nonce: () => string = randomUUID,
): Record<string, string> {
  const added: Record<string, string> = {
    'x-ca-key': credentials.appKey,
    'x-ca-timestamp': String(now()),
    'x-ca-nonce': nonce(),
    'x-ca-signature-method': 'HmacSHA256',
  };
  if (request.body !== '' && request.form === undefined) added['content-md5'] = contentMd5(request.body);
  const headers = { ...request.headers, ...added };
  const signedHeaders = ['x-ca-key', 'x-ca-nonce', 'x-ca-signature-method', 'x-ca-timestamp'];
  const signature = createHmac('sha256', credentials.appSecret)
    .update(stringToSign({ ...request, headers }, signedHeaders), 'utf8')
    .digest('base64');
  return { ...added, 'x-ca-signature-headers': signedHeaders.join(','), 'x-ca-signature': signature };
}
