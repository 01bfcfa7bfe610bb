/**
 * Masks secrets before anything is logged, traced or reported. Keys are matched by name, at any
 * depth; URLs and header-like strings have their secret parameters masked too.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(app[-_]?secret|secret|client[-_]?secret|password|passwd|pwd|sign|signature|x-ca-signature|x-ca-key|x-ca-secret|authorization|proxy-authorization|cookie|set-cookie|api[-_]?key|access[-_]?token|refresh[-_]?token|token|master[-_]?key|credentials?|private[-_]?key|id[-_]?card[-_]?(no|number)?|callback[-_]?key)$/i;

const SECRET_QUERY = /([?&](?:appSecret|app_secret|secret|sign|signature|token|access_token|api_key|apiKey|password|x-ca-key)=)[^&#\s]*/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s]+:)[^@/?#\s]+@/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactString(value: string): string {
  // Both patterns need an '=' (a query parameter) or an '@' (user info): most strings have neither.
  if (!value.includes('=') && !value.includes('@')) return value;
  return value.replace(SECRET_QUERY, `$1${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}@`);
}

export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > 12) return value;
  if (typeof value === 'string') return redactString(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item, depth + 1)) as T;
  if (value instanceof Error) {
    const copy = new Error(redactString(value.message));
    copy.name = value.name;
    if (value.stack !== undefined) copy.stack = redactString(value.stack);
    return copy as T;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      out[key] = isSecretKey(key) && inner !== undefined && inner !== null ? REDACTED : redactSecrets(inner, depth + 1);
    }
    return out as T;
  }
  return value;
}
