import type { DataSource } from 'typeorm';
import type { SqlRunner } from './repositories/webhook-inbox.repository';

/**
 * The pg pool behind a TypeORM DataSource, for the few hot paths where one statement per request
 * must not pay for a query runner (the callback receiver). Same connections, same settings;
 * falls back to the DataSource itself if the driver keeps no such pool.
 */
export function poolSqlRunner(dataSource: DataSource): SqlRunner {
  const pool = (dataSource.driver as unknown as { master?: { query?: unknown } }).master;
  if (pool !== undefined && typeof pool.query === 'function') {
    const query = pool.query as (sql: string, parameters: unknown[]) => Promise<unknown>;
    return { query: (sql, parameters) => query.call(pool, sql, parameters) };
  }
  return dataSource;
}
