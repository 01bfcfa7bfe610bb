import { maskParty, Party } from '@serai/domain';

/** Payload fields that hold a person (domain events spell them as the Order aggregate does). */
const PARTY_FIELDS = new Set(['buyer', 'consignee']);
const MASKED = '***';

function isParty(value: unknown): value is Party {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as { name?: unknown; address?: unknown };
  return typeof candidate.name === 'string' && candidate.address !== null && typeof candidate.address === 'object';
}

/**
 * An event payload as a key without the `pii` scope may see it: every buyer and consignee, at any
 * depth, masked as the domain masks a party; anything else under those names masked whole. No
 * event carries a party today (OrderReceived holds source, status, total and lines), but the
 * timeline must not start leaking the day one does.
 */
export function maskEventPayload<T>(payload: T, depth = 0): T {
  if (depth > 12 || payload === null || typeof payload !== 'object') return payload;
  if (Array.isArray(payload)) return payload.map((item: unknown) => maskEventPayload(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    if (!PARTY_FIELDS.has(key) || value === null || value === undefined) out[key] = maskEventPayload(value, depth + 1);
    else out[key] = isParty(value) ? maskParty(value) : MASKED;
  }
  return out as T;
}
