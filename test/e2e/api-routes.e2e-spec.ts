import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Route {
  name: string;
  eventTypes: string[];
  connection: string;
  capability: string;
  sourceConnection: string | null;
  enabled: boolean;
}

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; reason: string }[];
}

describe('the routes API', () => {
  let hub: HubUnderTest;
  let adminKey: string;

  const putRoutes = (routes: unknown[], key = adminKey) => hub.inject({ method: 'PUT', url: '/api/v1/routes', key, payload: { routes } });
  const listRoutes = async () => (await hub.inject({ url: '/api/v1/routes', key: adminKey })).json<{ data: Route[] }>().data;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    adminKey = await hub.keyWith(['admin']);
    for (const [name, provider] of [
      ['nengmao-main', 'nengmao-brand'],
      ['envoy-main', 'nomad-envoy'],
    ] as const) {
      const res = await hub.inject({
        method: 'POST',
        url: '/api/v1/connections',
        key: adminKey,
        payload: { name, provider, baseUrl: 'http://127.0.0.1:9/x', credentials: { appKey: 'k' } },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(() => hub.close());

  const orderRoute = {
    name: 'orders-to-envoy',
    eventTypes: ['OrderReceived'],
    connection: 'envoy-main',
    capability: 'orderSink.createOrder',
    sourceConnection: 'nengmao-main',
  };
  const shipmentRoute = {
    name: 'shipments-to-nengmao',
    eventTypes: ['OrderShipped'],
    connection: 'nengmao-main',
    capability: 'shipmentSink.confirmShipment',
    enabled: false,
  };

  it('replaces the whole table and lists routes with connection names', async () => {
    const res = await putRoutes([orderRoute, shipmentRoute]);
    expect(res.statusCode).toBe(200);
    expect(await listRoutes()).toEqual([
      { ...orderRoute, enabled: true },
      { ...shipmentRoute, sourceConnection: null },
    ]);
    expect((await putRoutes([shipmentRoute])).statusCode).toBe(200);
    expect((await listRoutes()).map((r) => r.name)).toEqual(['shipments-to-nengmao']);
  });

  it('exports the routes as CSV and JSON lines', async () => {
    expect((await putRoutes([orderRoute, shipmentRoute])).statusCode).toBe(200);
    const read = await hub.keyWith(['read']);
    const csv = await hub.inject({ url: '/api/v1/routes', key: read, headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'name,eventTypes,connection,capability,sourceConnection,enabled',
      'orders-to-envoy,OrderReceived,envoy-main,orderSink.createOrder,nengmao-main,true',
      'shipments-to-nengmao,OrderShipped,nengmao-main,shipmentSink.confirmShipment,,false',
      '',
    ]);
    const lines = await hub.inject({ url: '/api/v1/routes', key: read, headers: { accept: 'application/x-ndjson' } });
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(await listRoutes());
  });

  it('answers 400 naming each bad field with its index, and changes nothing', async () => {
    await putRoutes([orderRoute]);
    const res = await putRoutes([
      orderRoute,
      { ...shipmentRoute, eventTypes: ['OrderTeleported'], connection: 'nobody' },
      { ...orderRoute, capability: 'orderSink.deleteEverything', sourceConnection: 'ghost' },
      { name: 'Bad Name', eventTypes: [], connection: 'envoy-main', capability: 'orderSink.createOrder', colour: 'red' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json<Problem>()
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['routes[1].eventTypes', 'routes[2].capability', 'routes[3].colour', 'routes[3].eventTypes', 'routes[3].name']);
    const semantic = await putRoutes([
      orderRoute,
      { ...shipmentRoute, connection: 'nobody' },
      { ...orderRoute, sourceConnection: 'ghost' },
    ]);
    expect(semantic.statusCode).toBe(400);
    expect(semantic.json<Problem>().errors).toEqual([
      { field: 'routes[1].connection', reason: 'names no connection (nobody)' },
      { field: 'routes[2].name', reason: 'repeats the name of routes[0]' },
      { field: 'routes[2].sourceConnection', reason: 'names no connection (ghost)' },
    ]);
    expect((await listRoutes()).map((r) => r.name)).toEqual(['orders-to-envoy']);
  });

  it('lets a read key list routes but only an admin key replace them', async () => {
    const read = await hub.keyWith(['read']);
    const write = await hub.keyWith(['write']);
    expect((await hub.inject({ url: '/api/v1/routes', key: read })).statusCode).toBe(200);
    const refused = await putRoutes([], write);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<Problem>().detail).toContain('`admin` scope');
  });
});
