import { createHash } from 'node:crypto';

/**
 * The one place that knows Nengmao's sign recipe (brand doc §3 "Request Parameter Signature", TMG doc §3):
 * `MD5("appkey+timestamp")` read as the concatenation of the appKey and the timestamp exactly as sent in the
 * `timestamp` header, rendered as 32 lowercase hex characters (the Java sample's HEX_2_DIGITS are `a`-`f`).
 * The appSecret travels in clear and is not signed. If the provider turns out to sign differently, only this
 * function changes.
 */
export function signNengmaoRequest(appKey: string, timestamp: string): string {
  // The Java sample answers "" for an empty source; the server then sees an empty sign (error 409).
  if (appKey + timestamp === '') return '';
  return createHash('md5')
    .update(appKey + timestamp, 'utf8')
    .digest('hex');
}
