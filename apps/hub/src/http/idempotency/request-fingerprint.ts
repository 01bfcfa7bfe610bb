import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth: two bodies that mean the same have one text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * What makes two requests "the same" for an idempotency key: method, path with query, and body
 * (canonical JSON, so key order and spacing do not matter). SHA-256, lowercase hex.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? String(body) : canonicalJson(body ?? null);
  return createHash('sha256').update(`${method.toUpperCase()} ${url}\n`).update(text).digest('hex');
}
