import { createHash } from 'node:crypto';

/**
 * The one place that knows Nengmao's sign recipe (brand doc §3 "Request Parameter Signature", TMG
 * doc §3): the Java sample prints `MD5("appkey+timestamp")`, read as the concatenation of the
 * appKey and the timestamp exactly as sent in the `timestamp` header (no separator), rendered as
 * 32 lowercase hex characters (the sample's HEX_2_DIGITS are `a`-`f`). The appSecret travels in
 * clear in its own header and is not signed. The sample answers "" for an empty source.
 */
export function signNengmaoRequest(appKey: string, timestamp: string): string {
  const source = appKey + timestamp;
  if (source === '') return '';
  return createHash('md5').update(source, 'utf8').digest('hex');
}

export interface NengmaoCredentials {
  readonly appKey: string;
  readonly appSecret: string;
}

/**
 * The public parameters as HTTP headers (brand doc §4 request example: `timestamp`, `appKey`,
 * `sign`, `appSecret`), built for ONE attempt: the timestamp is epoch milliseconds now (TMG:
 * "2mins variance"; the brand example's 12-digit value is a millisecond stamp missing a digit), so
 * every retry carries a fresh timestamp and sign. `format: JSON` is mandatory in the brand tables
 * and optional in TMG's; sending it always costs nothing.
 */
export function nengmaoAuthHeaders(credentials: NengmaoCredentials, nowMs: number): Record<string, string> {
  const timestamp = String(Math.trunc(nowMs));
  return {
    appKey: credentials.appKey,
    appSecret: credentials.appSecret,
    timestamp,
    sign: signNengmaoRequest(credentials.appKey, timestamp),
    format: 'JSON',
  };
}
