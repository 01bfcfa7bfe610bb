import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface SkuStock {
  sku: string;
  onHand: number;
  reserved: number;
  inFlight: number;
  available: number;
  locations: { location: string; onHand: number }[];
  channels: { connection: string; safetyStock: number; availableToPromise: number | null }[];
}

const SAFETY_STOCK = 5;

/**
 * Flow 5 through the running hub: the engine pulls the 3PL's stock on its schedule, translates the
 * 3PL's merchant goods numbers (M000003) to the marketplace's SKUs (SKU-000003) through the SKU
 * cross-reference, and pushes what Nengmao may sell (minus the connection's safety stock) on the
 * next batch window, because a route sends stock there. Nothing here calls the engine directly.
 */
describe('inventory: stock changes at the 3PL reach Nengmao (e2e: hub + sandbox + PostgreSQL)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  let admin: string;

  const nengmaoStock = async (sku: string): Promise<{ stocks: number; updates: number }> =>
    (await sandbox.inject({ url: `/_sandbox/nengmao/stocks/${sku}` })).json<{ stocks: number; updates: number }>();
  const setPilotStock = async (id: string, onHand: number): Promise<void> => {
    const res = await sandbox.inject({ method: 'POST', url: `/_sandbox/pilot/stock/${id}`, payload: { onHand } });
    expect(res.statusCode).toBe(200);
  };
  const pilotUsable = async (id: string): Promise<number> =>
    (await sandbox.inject({ url: `/_sandbox/pilot/stock/${id}` })).json<{ usable: number }>().usable;
  /** Polls until the check holds; the loops run on their own schedule on a shared, busy machine. */
  const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timed out waiting until ${what}`);
  };
  const xref = async (sku: string, value: Record<string, string>): Promise<void> => {
    const etag = String((await hub.inject({ url: '/api/v1/mappings/sku-xref', key: admin })).headers.etag);
    const res = await hub.inject({
      method: 'PUT',
      url: `/api/v1/mappings/sku-xref/${sku}`,
      key: admin,
      headers: { 'if-match': etag },
      payload: { value },
    });
    expect(res.statusCode).toBe(201);
  };
  const inventoryOf = async (sku: string): Promise<SkuStock | undefined> =>
    (await hub.inject({ url: `/api/v1/inventory?sku=${sku}`, key: admin })).json<{ items: SkuStock[] }>().items[0];

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 30 });
    const url = await sandbox.listen();
    hub = await startHubUnderTest({ POLL_INTERVAL_MS: '500' });
    admin = await hub.keyWith(['admin']);
    const connections = [
      {
        name: 'nengmao-demo',
        provider: 'nengmao-brand',
        baseUrl: `${url}/nengmao`,
        credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
        options: { safetyStock: SAFETY_STOCK },
      },
      {
        name: 'pilot-demo',
        provider: 'nomad-pilot',
        baseUrl: `${url}/pilot`,
        credentials: { caKey: 'demo-ca-key' },
        options: { carrier: 'samarkand.sfexpress.test' },
      },
    ];
    // The cross-reference first, so the first pull already translates.
    await xref('SKU-000003', { merchantGoodsNo: 'M000003', warehouseGoodsNo: 'W000003' });
    await xref('SKU-000004', { merchantGoodsNo: 'M000004' });
    for (const connection of connections) {
      const res = await hub.inject({ method: 'POST', url: '/api/v1/connections', key: admin, payload: connection });
      expect(res.statusCode).toBe(201);
    }
    const routes = await hub.inject({
      method: 'PUT',
      url: '/api/v1/routes',
      key: admin,
      payload: {
        routes: [
          { name: 'stock-to-nengmao', eventTypes: ['InventoryChanged'], connection: 'nengmao-demo', capability: 'inventorySink.pushStock' },
        ],
      },
    });
    expect(routes.statusCode).toBe(200);
  });
  afterAll(async () => {
    await hub?.close();
    await sandbox?.close();
  });

  it('pushes the 3PL’s stock of a cross-referenced product to its marketplace SKU, minus the safety stock', async () => {
    await setPilotStock('M000003', 77);
    await eventually(async () => (await nengmaoStock('SKU-000003')).stocks === 77 - SAFETY_STOCK, 'Nengmao shows SKU-000003 at 72');
    const usable4 = await pilotUsable('M000004');
    await eventually(
      async () => (await nengmaoStock('SKU-000004')).stocks === Math.max(0, usable4 - SAFETY_STOCK),
      'SKU-000004 reaches Nengmao',
    );
  });

  it('stores levels under the canonical SKU, never the 3PL’s number, and leaves products the cross-reference lacks alone', async () => {
    const levels = (await hub.db.dataSource.query(`SELECT DISTINCT sku FROM inventory_level ORDER BY sku`)) as { sku: string }[];
    expect(levels.map((l) => l.sku)).toEqual(['SKU-000003', 'SKU-000004']);
    const pull = (await hub.db.dataSource.query(
      `SELECT c.position FROM sync_cursor c JOIN connection n ON n.id = c.connection_id WHERE n.name = 'pilot-demo' AND c.stream = 'logistics-inventory'`,
    )) as { position: { unmapped: number; read: number } }[];
    expect(pull[0]?.position.read).toBe(30);
    expect(pull[0]?.position.unmapped).toBe(28);
  });

  it('coalesces a burst of changes at the 3PL into a few pushes that end on the last figure', async () => {
    const before = (await nengmaoStock('SKU-000003')).updates;
    for (const onHand of [60, 55, 50, 45, 40]) await setPilotStock('M000003', onHand);
    await eventually(async () => (await nengmaoStock('SKU-000003')).stocks === 40 - SAFETY_STOCK, 'Nengmao shows SKU-000003 at 35');
    // One pull reads one figure per product, and a push sends each waiting SKU once: never one update per change.
    expect((await nengmaoStock('SKU-000003')).updates - before).toBeLessThan(5);
  });

  it('shows on hand, reserved, in flight and what Nengmao receives, and pushes an adjustment like any change', async () => {
    const shown = await inventoryOf('SKU-000003');
    expect(shown).toMatchObject({ sku: 'SKU-000003', onHand: 40, reserved: 0, inFlight: 0, available: 40 });
    expect(shown?.channels).toEqual([
      { connection: 'nengmao-demo', safetyStock: SAFETY_STOCK, sharePercent: 100, maximum: null, availableToPromise: 35 },
    ]);

    const adjusted = await hub.inject({
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      key: admin,
      payload: { sku: 'SKU-000003', location: 'shop-floor', mode: 'absolute', quantity: 12, reason: 'display stock counted' },
    });
    expect(adjusted.statusCode).toBe(201);
    expect(adjusted.json()).toMatchObject({ before: { onHand: 0 }, after: { onHand: 12 } });
    await eventually(async () => (await nengmaoStock('SKU-000003')).stocks === 40 + 12 - SAFETY_STOCK, 'the adjustment reaches Nengmao');
    expect((await inventoryOf('SKU-000003'))?.locations.map((l) => [l.location, l.onHand])).toEqual([
      ['samarkand.sfexpress.test', 40],
      ['shop-floor', 12],
    ]);
  });

  it('refuses adjustments that are invalid or would oversell, naming the field and changing nothing', async () => {
    const count = async (): Promise<number> =>
      ((await hub.db.dataSource.query(`SELECT count(*)::int AS n FROM inventory_adjustment`)) as { n: number }[])[0]?.n ?? -1;
    const before = await count();
    const post = (payload: unknown) => hub.inject({ method: 'POST', url: '/api/v1/inventory/adjustments', key: admin, payload });
    const invalid = await post({ sku: 'SKU 3', location: 'shop-floor', mode: 'set', quantity: 1.5, reason: ' ' });
    expect(invalid.statusCode).toBe(400);
    expect(new Set(invalid.json<{ errors: { field: string }[] }>().errors.map((e) => e.field))).toEqual(
      new Set(['sku', 'mode', 'quantity', 'reason']),
    );
    const zero = await post({ sku: 'SKU-000003', location: 'shop-floor', mode: 'delta', quantity: 0, reason: 'nothing' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ errors: [{ field: 'quantity' }] });
    const negative = await post({ sku: 'SKU-000003', location: 'shop-floor', mode: 'delta', quantity: -13, reason: 'broken' });
    expect(negative.statusCode).toBe(422);
    expect(negative.json()).toMatchObject({ errors: [{ field: 'quantity' }] });
    expect((await post({ sku: 'SKU-000003', location: 'shop-floor', mode: 'delta', quantity: -2, reason: 'broken' })).statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
    const readOnly = await hub.keyWith(['read']);
    const denied = await hub.inject({
      method: 'POST',
      url: '/api/v1/inventory/adjustments',
      key: readOnly,
      payload: { sku: 'SKU-000003', location: 'shop-floor', mode: 'delta', quantity: 1, reason: 'x' },
    });
    expect(denied.statusCode).toBe(403);
  });
});
