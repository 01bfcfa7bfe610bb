import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

/** POST /api/v1/sync/{connection}/{stream}: run a poller now instead of waiting for its schedule. */
describe('sync run-now API (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: 12 });
    const url = await sandbox.listen();
    // An API-only process: no schedule runs, so only the request below pulls.
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    const created = await hub.inject({
      method: 'POST',
      url: '/api/v1/connections',
      key: hub.adminKey,
      payload: {
        name: 'nengmao-sync',
        provider: 'nengmao-brand',
        baseUrl: `${url}/nengmao`,
        credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
        options: {},
      },
    });
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => {
    await hub.close();
    await sandbox.close();
  });

  it('pulls the marketplace’s new orders now and answers what the run did', async () => {
    const res = await hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-sync/marketplace-new-orders', key: hub.adminKey });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      connection: 'nengmao-sync',
      stream: 'marketplace-new-orders',
      result: { read: 12, stored: 12, duplicates: 0, acknowledged: 12, acknowledgeFailures: 0 },
    });
    const orders = (await hub.inject({ url: '/api/v1/orders?limit=50', key: hub.adminKey })).json<{ data: unknown[] }>();
    expect(orders.data).toHaveLength(12);
  });

  it('refuses a stream the connection does not offer, naming the field, and changes nothing', async () => {
    const before = await hub.db.count('sales_order');
    const res = await hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-sync/logistics-shipments', key: hub.adminKey });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('stream');
    const unknown = await hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-sync/everything', key: hub.adminKey });
    expect(unknown.statusCode).toBe(400);
    expect(await hub.db.count('sales_order')).toBe(before);
  });

  it('answers 404 for an unknown connection and needs the write scope', async () => {
    expect((await hub.inject({ method: 'POST', url: '/api/v1/sync/nobody/marketplace-new-orders', key: hub.adminKey })).statusCode).toBe(
      404,
    );
    const reader = await hub.keyWith(['read']);
    expect((await hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-sync/marketplace-new-orders', key: reader })).statusCode).toBe(
      403,
    );
    expect((await hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-sync/marketplace-new-orders' })).statusCode).toBe(401);
  });
});
