import { EntityManager } from 'typeorm';

/** A callback as received, ready to be stored in state `received` for the inbox worker. */
export interface NewInboxEntry {
  /** The `{store}` of the callback URL, as sent. */
  readonly store: string;
  readonly connectionId: string;
  readonly dedupeKey: string;
  readonly contentType: string | null;
  readonly bodyFormat: 'xml' | 'json';
  /** Request headers with secrets already masked. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body, exactly as received. */
  readonly body: string;
  readonly sourceAddress: string | null;
}

/** Anything that runs one parameterised statement: an EntityManager, or the pg pool behind it on the hot path. */
export interface SqlRunner {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

const INSERT_RECEIVED = `
  INSERT INTO webhook_inbox (store, connection_id, dedupe_key, content_type, body_format, headers, body, source_address, state)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 'received')
  ON CONFLICT (store, dedupe_key) DO NOTHING
  RETURNING id`;

/** TypeORM answers with the rows; pg's pool with a result object holding them. */
function rowsOf(result: unknown): { id: string }[] {
  if (Array.isArray(result)) return result as { id: string }[];
  return ((result as { rows?: { id: string }[] } | undefined)?.rows ?? []) as { id: string }[];
}

/**
 * The receiving side of `webhook_inbox`: insert only. Claiming and processing entries is the
 * inbox worker's, in its own repository.
 */
export class WebhookInboxRepository {
  /**
   * Stores a received callback in one statement (its own transaction): the id of the new row, or
   * undefined when the store already holds one with this dedupe key (a redelivery: nothing written).
   */
  async insertReceived(db: EntityManager | SqlRunner, entry: NewInboxEntry): Promise<{ readonly id: string } | undefined> {
    const result = await db.query(INSERT_RECEIVED, [
      entry.store,
      entry.connectionId,
      entry.dedupeKey,
      entry.contentType,
      entry.bodyFormat,
      JSON.stringify(entry.headers),
      entry.body,
      entry.sourceAddress,
    ]);
    const [row] = rowsOf(result);
    return row === undefined ? undefined : { id: String(row.id) };
  }

  /** The id of the entry a dedupe key already names in this store. */
  async findIdByDedupeKey(db: EntityManager, store: string, dedupeKey: string): Promise<string | undefined> {
    const rows = (await db.query(`SELECT id FROM webhook_inbox WHERE store = $1 AND dedupe_key = $2`, [store, dedupeKey])) as {
      id: string;
    }[];
    return rows[0] === undefined ? undefined : String(rows[0].id);
  }
}
