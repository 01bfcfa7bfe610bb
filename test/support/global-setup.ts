import { startTestDatabaseServer } from './test-database-server';

declare global {
  var __SERAI_TEST_DB__: { stop(): Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const server = await startTestDatabaseServer();
  globalThis.__SERAI_TEST_DB__ = server;
  // Workers are started after global setup and inherit this.
  process.env.SERAI_TEST_ADMIN_URL = server.adminUrl;
}
