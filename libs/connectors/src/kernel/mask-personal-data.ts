import { redactSecrets } from '@serai/common';

export const MASKED = '***';

// Provider spellings of personal data (consignee, buyer, ID numbers, phones, addresses).
const PERSONAL_KEY =
  /^(receiver(name|mobile|phone|tel|address)?|consignee(name|mobile|phone|tel|address)?|buyer(name|nick|mobile|phone)?|mobile|telephone|tel|phone|phonenumber|cellphone|idcard(no|number)?|idnumber|identitynumber|chineseid|certno|email|address|detailaddress|street|fulladdress|name|firstname|lastname|realname)$/i;

function mask(value: unknown): unknown {
  if (typeof value !== 'string' || value.length === 0) return value === undefined || value === null ? value : MASKED;
  return value.length <= 4 ? MASKED : `${value.slice(0, 1)}${MASKED}${value.slice(-2)}`;
}

/**
 * What a provider call trace may keep of a body: secrets redacted and personal data masked, at
 * any depth, keeping just enough (first character, last two) to tell records apart.
 */
export function maskForTrace<T>(body: T, depth = 0): T {
  const withoutSecrets = depth === 0 ? redactSecrets(body) : body;
  if (depth > 12 || withoutSecrets === null || typeof withoutSecrets !== 'object') return withoutSecrets;
  if (Array.isArray(withoutSecrets)) return withoutSecrets.map((item: unknown) => maskForTrace(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(withoutSecrets as Record<string, unknown>)) {
    out[key] = PERSONAL_KEY.test(key) && (typeof value !== 'object' || value === null) ? mask(value) : maskForTrace(value, depth + 1);
  }
  return out as T;
}
