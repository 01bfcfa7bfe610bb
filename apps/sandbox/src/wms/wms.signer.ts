import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one place that knows the WMS sign recipe (docs/decisions/0005):
 * `sign = lowercase hex HMAC-SHA256(appSecret, appKey + "\n" + timestamp + "\n" + SERVICE_TYPE + "\n" + body)`,
 * where `body` is the exact request body bytes sent (empty string when there is none).
 */
export function signWmsRequest(input: {
  readonly appKey: string;
  readonly appSecret: string;
  readonly timestamp: string;
  readonly serviceType: string;
  readonly body: string | Buffer;
}): string {
  return createHmac('sha256', input.appSecret)
    .update(`${input.appKey}\n${input.timestamp}\n${input.serviceType}\n`)
    .update(input.body)
    .digest('hex');
}

export function signsMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
