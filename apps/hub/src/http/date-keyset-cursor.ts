import { RequestValidationError } from '@serai/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset of lists ordered by (created_at, id) whose repositories speak Date. */
export interface DateKeyset {
  readonly createdAt: Date;
  readonly id: string;
}

/** Cursors are opaque to clients: base64url of the last row's keyset. */
export function encodeDateCursor(keyset: DateKeyset): string {
  return Buffer.from(JSON.stringify({ c: keyset.createdAt.toISOString(), i: keyset.id })).toString('base64url');
}

export function decodeDateCursor(cursor: string): DateKeyset {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    if (typeof parsed.c === 'string' && typeof parsed.i === 'string' && UUID.test(parsed.i)) {
      const createdAt = new Date(parsed.c);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: parsed.i };
    }
  } catch {
    // fall through to the refusal below
  }
  throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
}
