import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestDatabaseServer } from './test-database-server';

declare global {
  var __SERAI_TEST_DB__: { stop(): Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  // The process suites run dist/ as `npm start` does. Built once here: suites building it side by
  // side would delete it under each other.
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build.mjs')], { stdio: 'ignore' });
  const server = await startTestDatabaseServer();
  globalThis.__SERAI_TEST_DB__ = server;
  // Workers are started after global setup and inherit this.
  process.env.SERAI_TEST_ADMIN_URL = server.adminUrl;
}
