import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EmbeddedDatabase } from '../../libs/persistence/src/embedded/embedded-database';
import { buildDataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/run-migrations';
import { freePort } from './free-port';

export const TEMPLATE_DATABASE = 'serai_test_template';

export interface TestDatabaseServer {
  /** URL of the server's maintenance database, from which per-suite databases are created. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * One real PostgreSQL per test run: TEST_DATABASE_URL when given, else an embedded server in a
 * temporary folder. A template database holds the migrated schema so that each suite gets its own
 * database in milliseconds (CREATE DATABASE ... TEMPLATE).
 */
export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  let adminUrl: string;
  let stop: () => Promise<void>;
  const external = process.env.TEST_DATABASE_URL;
  if (external !== undefined && external !== '') {
    adminUrl = withDatabase(external, 'postgres');
    stop = async () => undefined;
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'serai-test-pg-'));
    const server = new EmbeddedDatabase({ dataDir, port: await freePort(), database: 'postgres' });
    adminUrl = await server.start();
    stop = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const template = new DataSource(buildDataSourceOptions({ url: withDatabase(adminUrl, TEMPLATE_DATABASE), poolSize: 2 }));
  await template.initialize();
  try {
    await runMigrations(template);
  } finally {
    await template.destroy();
  }
  return { adminUrl, stop };
}

export { withDatabase };
