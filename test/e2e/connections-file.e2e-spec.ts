import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

describe('connections loaded from a file at start-up (e2e)', () => {
  let hub: HubUnderTest;

  beforeAll(async () => {
    hub = await startHubUnderTest(
      { HUB_ROLE: 'api' },
      {
        connectionsFile: {
          connections: [
            {
              name: 'envoy-main',
              provider: 'nomad-envoy',
              baseUrl: 'http://127.0.0.1:9/envoy',
              credentials: { caKey: 'from-the-file' },
              options: { store: 'brand.store' },
            },
          ],
          routes: [
            { name: 'orders-to-envoy', eventTypes: ['OrderAcknowledged'], connection: 'envoy-main', capability: 'orderSink.createOrder' },
          ],
        },
      },
    );
  });
  afterAll(() => hub.close());

  it('creates the connections and routes the file names, with credentials encrypted and never shown', async () => {
    const connection = await hub.inject({ url: '/api/v1/connections/envoy-main', key: hub.adminKey });
    expect(connection.statusCode).toBe(200);
    expect(connection.json()).toMatchObject({
      name: 'envoy-main',
      provider: 'nomad-envoy',
      options: { store: 'brand.store' },
      credentialNames: ['caKey'],
    });
    expect(connection.body).not.toContain('from-the-file');
    const [stored] = (await hub.db.dataSource.query(`SELECT credentials FROM connection WHERE name = 'envoy-main'`)) as {
      credentials: string;
    }[];
    expect(stored?.credentials).toMatch(/^v1\./);
    expect(stored?.credentials).not.toContain('from-the-file');
    const routes = (await hub.inject({ url: '/api/v1/routes', key: hub.adminKey })).json<{
      data?: { name: string }[];
      routes?: { name: string }[];
    }>();
    expect(JSON.stringify(routes)).toContain('orders-to-envoy');
  });
});
