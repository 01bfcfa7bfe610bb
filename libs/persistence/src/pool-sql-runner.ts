import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SqlRunner } from './repositories/webhook-inbox.repository';
import { ISO_TIMESTAMP_TYPES } from './timestamptz-parser';

interface PgPool {
  query(config: { text: string; values: unknown[]; name?: string; types?: typeof ISO_TIMESTAMP_TYPES }): Promise<unknown>;
}

export interface PoolSqlRunnerOptions {
  /**
   * Named prepared statements (the default): parsed and planned once per connection. Off for
   * statements whose best plan depends on the values (list filters, LIMIT), which a generic plan
   * would not see: they are then planned per call, like the DataSource does, without its query runner.
   */
  readonly prepared?: boolean;
  /** timestamptz columns answered as ISO 8601 text (`toISOString()`'s), for reads that only pass them on to JSON. */
  readonly isoTimestamps?: boolean;
}

/**
 * The pg pool behind a TypeORM DataSource, for the few hot paths where one statement per request
 * must not pay for a query runner (the callback receiver). Same connections, same settings. Each
 * statement is sent as a named prepared statement (the name derived from its text, so one name
 * always means one text): PostgreSQL parses and plans it once per connection, not once per call.
 * Falls back to the DataSource itself if the driver keeps no such pool. Answers what its runner
 * answers: pg's result object, or TypeORM's rows ({@link rowsOf} reads either).
 */
export function poolSqlRunner(dataSource: DataSource, options: PoolSqlRunnerOptions = {}): SqlRunner {
  const pool = (dataSource.driver as unknown as { master?: { query?: unknown } }).master;
  if (pool === undefined || typeof pool.query !== 'function') return dataSource;
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `serai_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  const types = options.isoTimestamps === true ? ISO_TIMESTAMP_TYPES : undefined;
  if (options.prepared === false) return { query: (text, values) => (pool as PgPool).query({ text, values, types }) };
  return { query: (text, values) => (pool as PgPool).query({ text, values, name: nameOf(text), types }) };
}

/** The rows of an answer from a {@link SqlRunner}: TypeORM gives the rows, pg's pool a result holding them. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] } | undefined)?.rows ?? []) as T[];
}
