import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The optional body signature of a delivery-order callback, QiMen style (ADR 0012). QiMen puts
 * `sign` (and `sign_method`) in the query string and signs every other non-empty query parameter,
 * sorted by name, as name+value, then the raw body:
 * - `md5`: MD5(secret + params + body + secret), uppercase hex (QiMen's `sign_method=md5`);
 * - `hmac-md5`: HMAC-MD5 keyed with the secret over params + body (QiMen's `sign_method=hmac`);
 * - `hmac-sha256`: the same with SHA-256 (`sign_method=hmac-sha256`).
 * The method is the connection's setting, never the sender's `sign_method`, so a sender cannot
 * choose a weaker one.
 */
export const CALLBACK_SIGNATURE_METHODS = ['none', 'md5', 'hmac-md5', 'hmac-sha256'] as const;
export type CallbackSignatureMethod = (typeof CALLBACK_SIGNATURE_METHODS)[number];

/** The query parameter that carries the signature. */
export const CALLBACK_SIGNATURE_PARAMETER = 'sign';

function signedParameters(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== CALLBACK_SIGNATURE_PARAMETER && name !== '' && params[name] !== '')
    .sort()
    .map((name) => `${name}${params[name] ?? ''}`)
    .join('');
}

export function callbackSignature(
  method: Exclude<CallbackSignatureMethod, 'none'>,
  secret: string,
  params: Readonly<Record<string, string>>,
  /** The body as received: its bytes, or its text (signed as UTF-8). */
  body: string | Uint8Array,
): string {
  const parameters = signedParameters(params);
  const digest =
    method === 'md5'
      ? createHash('md5').update(secret, 'utf8').update(parameters, 'utf8').update(body).update(secret, 'utf8')
      : createHmac(method === 'hmac-md5' ? 'md5' : 'sha256', secret)
          .update(parameters, 'utf8')
          .update(body);
  return digest.digest('hex').toUpperCase();
}

/** Whether `given` is the signature of this request, compared in constant time (case-insensitive hex). */
export function isCallbackSignatureValid(
  method: Exclude<CallbackSignatureMethod, 'none'>,
  secret: string,
  params: Readonly<Record<string, string>>,
  body: string | Uint8Array,
  given: string,
): boolean {
  const expected = Buffer.from(callbackSignature(method, secret, params, body), 'utf8');
  const actual = Buffer.from(given.trim().toUpperCase(), 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
