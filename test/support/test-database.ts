import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { TEMPLATE_DATABASE, withDatabase } from './test-database-server';

export interface TestDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  /** Row count of a table, for tests that prove a refused request changed nothing. */
  count(table: string): Promise<number>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.SERAI_TEST_ADMIN_URL;
  if (url === undefined) throw new Error('No test database server: run the tests through Jest (npm test)');
  return url;
}

/** A fresh, migrated database for one suite, isolated from every other suite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `serai_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 5, applicationName: 'serai-test' }));
  await dataSource.initialize();
  return {
    url,
    dataSource,
    async count(table: string): Promise<number> {
      const rows = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table.replace(/[^a-z_]/g, '')}`)) as { n: number }[];
      return rows[0]?.n ?? 0;
    },
    async drop(): Promise<void> {
      if (dataSource.isInitialized) await dataSource.destroy();
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
