import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import type { LoadedConnectionsFile } from '../../apps/hub/src/config-file/connections-file';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Two hub worker processes on one database: the pollers take turns by lease, the deliveries are
 * claimed with SKIP LOCKED, so every order reaches the order system once although both run.
 */
describe('two hub workers on one database (e2e)', () => {
  const ORDERS = 60;
  let sandbox: SandboxUnderTest;
  let db: TestDatabase;
  const hubs: HubUnderTest[] = [];

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: ORDERS });
    const url = await sandbox.listen();
    db = await createTestDatabase();
    const connectionsFile: LoadedConnectionsFile = {
      connections: [
        {
          name: 'nengmao-demo',
          provider: 'nengmao-brand',
          baseUrl: `${url}/nengmao`,
          credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
          options: {},
        },
        {
          name: 'envoy-demo',
          provider: 'nomad-envoy',
          baseUrl: `${url}/envoy`,
          credentials: { caKey: 'demo-ca-key' },
          options: { store: 'samarkand.youzan.test' },
        },
      ],
      routes: [
        {
          name: 'orders-to-envoy',
          eventTypes: ['OrderAcknowledged'],
          connection: 'envoy-demo',
          capability: 'orderSink.createOrder',
          sourceConnection: 'nengmao-demo',
        },
      ],
    };
    // Started one after the other only so that the file is applied once and then confirmed.
    for (let i = 0; i < 2; i += 1) hubs.push(await startHubUnderTest({ HUB_ROLE: 'worker' }, { connectionsFile, sharedDb: db }));
  }, 60_000);
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    await db.drop();
    await sandbox.close();
  });

  it('creates every marketplace order at Envoy exactly once while both workers run', async () => {
    const deadline = Date.now() + 45_000;
    let atEnvoy: { createCalls: number; duplicatesRefused: number }[] = [];
    while (Date.now() < deadline) {
      atEnvoy = (await sandbox.inject({ url: '/_sandbox/envoy/stores/samarkand.youzan.test/orders' })).json();
      const pending = (await db.dataSource.query(`SELECT count(*)::int AS n FROM delivery WHERE state <> 'succeeded'`)) as { n: number }[];
      if (atEnvoy.length === ORDERS && pending[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(atEnvoy).toHaveLength(ORDERS);
    expect(atEnvoy.every((o) => o.createCalls === 1 && o.duplicatesRefused === 0)).toBe(true);
    const stored = (await db.dataSource.query(`SELECT status, count(*)::int AS n FROM sales_order GROUP BY status`)) as {
      status: string;
      n: number;
    }[];
    expect(stored).toEqual([{ status: 'forwarded', n: ORDERS }]);
    // One delivery per order, each carried out on its first attempt: none was taken by both workers.
    const deliveries = (await db.dataSource.query(`SELECT count(*)::int AS n, max(attempts)::int AS attempts FROM delivery`)) as {
      n: number;
      attempts: number;
    }[];
    expect(deliveries[0]).toEqual({ n: ORDERS, attempts: 1 });
  }, 60_000);
});
