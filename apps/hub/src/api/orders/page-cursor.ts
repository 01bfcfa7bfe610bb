import { RequestValidationError } from '@serai/common';
import type { OrderKeyset } from '@serai/persistence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Microsecond UTC timestamps, as the repositories write them into a keyset. */
const KEYSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Cursors are opaque to clients: base64url of the last row's keyset. */
export function encodeCursor(keyset: OrderKeyset): string {
  return Buffer.from(JSON.stringify({ c: keyset.createdAt, i: keyset.id })).toString('base64url');
}

export function decodeCursor(cursor: string): OrderKeyset {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    if (typeof parsed.c === 'string' && typeof parsed.i === 'string' && UUID.test(parsed.i) && KEYSET_TIME.test(parsed.c)) {
      if (!Number.isNaN(Date.parse(parsed.c))) return { createdAt: parsed.c, id: parsed.i };
    }
  } catch {
    // fall through to the refusal below
  }
  throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
}
