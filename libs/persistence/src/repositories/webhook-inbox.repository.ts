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

/**
 * Many callbacks in one statement (so in one transaction and one commit: group commit, ADR 0012).
 * The rows travel as one array per column, so the text is the same for any number of rows and is
 * prepared once per connection. Rows whose (store, dedupe key) the table already holds are skipped;
 * the caller passes each key once (ON CONFLICT would skip a repeat inside the statement too, but
 * could not say which copy was kept).
 */
const INSERT_RECEIVED_MANY = `
  INSERT INTO webhook_inbox (store, connection_id, dedupe_key, content_type, body_format, headers, body, source_address, state)
  SELECT store, connection_id, dedupe_key, content_type, body_format, headers, body, source_address, 'received'
    FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
      AS t (store, connection_id, dedupe_key, content_type, body_format, headers, body, source_address)
  ON CONFLICT (store, dedupe_key) DO NOTHING
  RETURNING id, store, dedupe_key`;

/** The identity of an inbox entry within the receiving side: no two rows share it. */
const identityOf = (store: string, dedupeKey: string): string => JSON.stringify([store, dedupeKey]);

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

  /**
   * Stores many received callbacks in one statement and one commit. The answer is aligned with
   * `entries`: the id of each new row, or undefined for an entry the store already held (a
   * redelivery) — including a repeat of an earlier entry of the same call, whose first copy is
   * the one stored. All or nothing: if the statement fails, no row of the call is stored.
   */
  async insertReceivedMany(
    db: EntityManager | SqlRunner,
    entries: readonly NewInboxEntry[],
  ): Promise<({ readonly id: string } | undefined)[]> {
    const firsts: NewInboxEntry[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const identity = identityOf(entry.store, entry.dedupeKey);
      if (!seen.has(identity)) {
        seen.add(identity);
        firsts.push(entry);
      }
    }
    if (firsts.length === 0) return [];
    const column = <T>(pick: (entry: NewInboxEntry) => T): T[] => firsts.map(pick);
    const result = await db.query(INSERT_RECEIVED_MANY, [
      column((e) => e.store),
      column((e) => e.connectionId),
      column((e) => e.dedupeKey),
      column((e) => e.contentType),
      column((e) => e.bodyFormat),
      column((e) => JSON.stringify(e.headers)),
      column((e) => e.body),
      column((e) => e.sourceAddress),
    ]);
    const stored = new Map<string, string>();
    for (const row of rowsOf(result) as { id: string; store: string; dedupe_key: string }[])
      stored.set(identityOf(row.store, row.dedupe_key), String(row.id));
    // Only the first copy of an identity may claim its new id; every later copy is a redelivery.
    return entries.map((entry) => {
      const identity = identityOf(entry.store, entry.dedupeKey);
      const id = stored.get(identity);
      if (id === undefined) return undefined;
      stored.delete(identity);
      return { id };
    });
  }

  /** The id of the entry a dedupe key already names in this store. */
  async findIdByDedupeKey(db: EntityManager, store: string, dedupeKey: string): Promise<string | undefined> {
    const rows = (await db.query(`SELECT id FROM webhook_inbox WHERE store = $1 AND dedupe_key = $2`, [store, dedupeKey])) as {
      id: string;
    }[];
    return rows[0] === undefined ? undefined : String(rows[0].id);
  }
}
