import { isSecretKey, REDACTED, redactString } from '@serai/common';

export const MASKED = '***';

// Provider spellings of personal data (consignee, buyer, ID numbers, phones, addresses).
const PERSONAL_KEY =
  /^(receiver(name|mobile|phone|tel|address)?|consignee(name|mobile|phone|tel|address)?|buyer(name|nick|mobile|phone)?|mobile|telephone|tel|phone|phonenumber|cellphone|idcard(no|number)?|idnumber|identitynumber|chineseid|certno|email|address|detailaddress|street|fulladdress|name|firstname|lastname|realname)$/i;

/** Bodies nest no deeper than this in practice; below it a value is kept as it is (as the log redaction does). */
const MAX_DEPTH = 12;

function mask(value: unknown): unknown {
  if (typeof value !== 'string' || value.length === 0) return value === undefined || value === null ? value : MASKED;
  return value.length <= 4 ? MASKED : `${value.slice(0, 1)}${MASKED}${value.slice(-2)}`;
}

/** Removes each of a connection's secret values wherever it appears in a text. */
export function scrubSecretValues(text: string, secretValues: readonly string[]): string {
  let out = text;
  for (const secret of secretValues) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * What a provider call trace may keep of a body: secrets redacted (by key, in URLs and header-like
 * strings, and the connection's own secret values wherever they appear, keys and numbers included)
 * and personal data masked, at any depth, keeping just enough (first character, last two) to tell
 * records apart. One walk over the body, which is copied, never changed.
 */
export function maskForTrace<T>(body: T, secretValues: readonly string[] = []): T {
  return maskValue(body, 0, secretValues) as T;
}

function maskValue(value: unknown, depth: number, secrets: readonly string[]): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === 'string') return scrubSecretValues(redactString(value), secrets);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    return secrets.some((secret) => text.includes(secret)) ? REDACTED : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskValue(item, depth + 1, secrets));
  if (value instanceof Error) {
    const copy = new Error(scrubSecretValues(redactString(value.message), secrets));
    copy.name = value.name;
    if (value.stack !== undefined) copy.stack = scrubSecretValues(redactString(value.stack), secrets);
    return copy;
  }
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const keptKey = secrets.length === 0 ? key : scrubSecretValues(key, secrets);
    if (isSecretKey(key) && inner !== undefined && inner !== null) out[keptKey] = REDACTED;
    else if (PERSONAL_KEY.test(key) && (typeof inner !== 'object' || inner === null))
      out[keptKey] = mask(typeof inner === 'string' ? redactString(inner) : inner);
    else out[keptKey] = maskValue(inner, depth + 1, secrets);
  }
  return out;
}
