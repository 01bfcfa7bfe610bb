import { randomUUID } from 'node:crypto';
import { CredentialCipher } from '@serai/common';
import { Instant, Money } from '@serai/domain';
import { ConnectorRegistry, DeliveryWorker, EngineRunner, OutboxDispatcher } from '@serai/engine';
import type { ProviderConnector, TimeWindow } from '@serai/engine/ports';
import {
  ConnectionRepository,
  DeliveryRepository,
  InventoryRepository,
  OrderRepository,
  RouteRepository,
  TransactionRunner,
} from '@serai/persistence';
import {
  DiscrepancyRepository,
  ObservationRepository,
  ReconciliationRunner,
  ReconciliationRunRepository,
  ReconciliationScheduler,
} from '@serai/reports';
import pino from 'pino';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { buildOrder } from '../support/order-builder';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Run {
  id: string;
  state: string;
  discrepancies: number;
  progress: { phase: string; itemsRead: number; stepsDone: number; stepsTotal: number; percentage: number };
  cancelRequested: boolean;
  error: string | null;
}
interface Found {
  id: string;
  kind: string;
  code: string;
  connection: string;
  entityKey: string;
  state: string;
  occurrences: number;
  repairAction: string | null;
  repairedBy: string | null;
  repairDeliveryId: string | null;
  acceptedBy: string | null;
  closedAt: string | null;
  expected: Record<string, unknown> | null;
  actual: Record<string, unknown> | null;
  amountAtStake: string | null;
}

const STORE = 'samarkand.youzan.test';
const quiet = pino({ level: 'silent' });

/**
 * Reconciliation end to end: the hub in-process on a real PostgreSQL, the sandbox's providers over
 * HTTP. Each stage starts from clean data (a run finds nothing), plants discrepancies of some kinds
 * in the sandbox and the store, finds exactly those, repairs them through the engine and finds them
 * closed on the next run. The hub runs as `api` so the test drives the worker's loops itself.
 */
describe('reconciliation: runs, discrepancies and repairs (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  let writeKey: string;
  let from: string;
  let to: string;
  const initial: string[] = [];

  const sandboxJson = async <T>(url: string, method: 'GET' | 'POST' = 'GET', payload?: unknown): Promise<T> => {
    const response = await sandbox.inject({ url, method, payload });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };
  const db = () => hub.db.dataSource.manager;

  async function drainDeliveries(): Promise<void> {
    const dispatcher = hub.app.get(OutboxDispatcher);
    const worker = hub.app.get(DeliveryWorker);
    for (let i = 0; i < 300; i += 1) {
      await dispatcher.dispatchOnce();
      const states = await new DeliveryRepository().countByState(db());
      if (states.pending + states.failed + states.in_flight === 0) return;
      if ((await worker.runOnce()) === 0) await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('deliveries did not drain');
  }

  async function requestRun(kinds: string[], connections: string[], options?: Record<string, unknown>): Promise<Run> {
    const response = await hub.inject({
      method: 'POST',
      url: '/api/v1/reconciliations',
      key: writeKey,
      payload: { kinds, connections, from, to, ...(options ? { options } : {}) },
    });
    expect(response.statusCode).toBe(202);
    return response.json<Run>();
  }

  async function getRun(id: string): Promise<Run> {
    return (await hub.inject({ url: `/api/v1/reconciliations/${id}`, key: writeKey })).json<Run>();
  }

  /** Every discrepancy of a run, following the keyset pages. */
  async function discrepanciesOf(id: string, query = ''): Promise<Found[]> {
    const all: Found[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/reconciliations/${id}/discrepancies?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await hub.inject({ url, key: writeKey })).json<{ data: Found[]; page: { nextCursor: string | null } }>();
      all.push(...page.data);
      cursor = page.page.nextCursor;
    } while (cursor !== null);
    return all;
  }

  /** Queues a run, lets the worker execute it, and answers it with its discrepancies. */
  async function reconcile(kinds: string[], connections: string[], options?: Record<string, unknown>) {
    const queued = await requestRun(kinds, connections, options);
    expect(queued.state).toBe('queued');
    // The worker's part (without the schedule, which a test of its own covers).
    while ((await hub.app.get(ReconciliationRunner).runOnce()) !== undefined);
    const run = await getRun(queued.id);
    expect(run).toMatchObject({ state: 'completed', error: null });
    expect(run.progress.percentage).toBe(100);
    const found = await discrepanciesOf(run.id);
    return { run, found, keys: found.map((d) => `${d.kind}/${d.code}/${d.entityKey}`).sort() };
  }

  async function repair(runId: string, discrepancy: Found): Promise<Found> {
    const response = await hub.inject({
      method: 'POST',
      url: `/api/v1/reconciliations/${runId}/discrepancies/${discrepancy.id}/repair`,
      key: writeKey,
    });
    expect(response.statusCode).toBe(200);
    return response.json<Found>();
  }

  const one = (found: Found[], code: string, entityKey?: string): Found => {
    const match = found.find((d) => d.code === code && (entityKey === undefined || d.entityKey === entityKey));
    if (!match) throw new Error(`no ${code} ${entityKey ?? ''} among ${found.map((d) => `${d.code}/${d.entityKey}`).join(', ')}`);
    return match;
  };

  async function discrepancyRow(id: string): Promise<{ closed_at: Date | null; state: string }> {
    const rows = (await hub.db.dataSource.query(`SELECT closed_at, state FROM discrepancy WHERE id = $1`, [id])) as {
      closed_at: Date | null;
      state: string;
    }[];
    return rows[0];
  }

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: 4, skus: 10 });
    const url = await sandbox.listen();
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    writeKey = await hub.keyWith(['write']);
    const cipher = hub.app.get(CredentialCipher);
    const connections = hub.app.get(ConnectionRepository);
    const tx = hub.app.get(TransactionRunner);
    const nengmao = await tx.run((m) =>
      connections.create(m, {
        name: 'nengmao-demo',
        provider: 'nengmao-brand',
        baseUrl: `${url}/nengmao`,
        encryptedCredentials: cipher.encrypt({ appKey: 'demo-app-key', appSecret: 'demo-app-secret' }),
      }),
    );
    const envoy = await tx.run((m) =>
      connections.create(m, {
        name: 'envoy-demo',
        provider: 'nomad-envoy',
        baseUrl: `${url}/envoy`,
        options: { store: STORE },
        encryptedCredentials: cipher.encrypt({ caKey: 'demo-ca-key' }),
      }),
    );
    await tx.run((m) =>
      connections.create(m, {
        name: 'pilot-demo',
        provider: 'nomad-pilot',
        baseUrl: `${url}/pilot`,
        options: { carrier: 'samarkand.sfexpress.test' },
        encryptedCredentials: cipher.encrypt({ caKey: 'demo-ca-key' }),
      }),
    );
    await tx.run((m) =>
      hub.app.get(RouteRepository).replaceAll(m, [
        {
          name: 'marketplace-orders-to-envoy',
          eventTypes: ['OrderAcknowledged'],
          connectionId: envoy.id,
          capability: 'orderSink.createOrder',
          sourceConnection: 'nengmao-demo',
        },
        {
          name: 'shipments-to-marketplace',
          eventTypes: ['OrderShipped', 'OrderPartiallyShipped'],
          connectionId: nengmao.id,
          capability: 'shipmentSink.confirmShipment',
          sourceConnection: 'nengmao-demo',
        },
      ]),
    );
    // The window covers every order the sandbox made and will make during the test.
    const now = Date.now();
    from = new Date(now - 7 * 86_400_000).toISOString();
    to = new Date(now + 2 * 3_600_000).toISOString();

    // The pipeline as it normally runs: intake, forward to Envoy.
    const runner = hub.app.get(EngineRunner);
    const nengmaoEntity = await connections.findByName(db(), 'nengmao-demo');
    if (!nengmaoEntity) throw new Error('nengmao-demo is missing');
    await runner.runStream(nengmaoEntity, 'marketplace-new-orders');
    await drainDeliveries();
    const rows = (await hub.db.dataSource.query(
      `SELECT external_order_number AS sn FROM sales_order WHERE status = 'forwarded' ORDER BY external_order_number`,
    )) as { sn: string }[];
    initial.push(...rows.map((r) => r.sn));
    expect(initial).toHaveLength(4);
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await sandbox?.close();
  });

  describe('orders: presence, amounts and statuses between the marketplace and the order system', () => {
    const kinds = ['order-presence', 'amount-mismatch', 'status-mismatch'];
    const scope = ['nengmao-demo', 'envoy-demo'];
    let neverForwarded: string;
    let wrongAmounts: string;
    let wrongLine: string;
    let wrongLineSku: string;
    let neverStored: string;
    let firstRunId: string;

    it('finds nothing on clean data', async () => {
      const { found } = await reconcile(kinds, scope);
      expect(found).toEqual([]);
    });

    it('finds exactly the planted discrepancies, with both sides’ values', async () => {
      // Two orders intaken whose forwarding failed (their deliveries dead); one of them then
      // created in Envoy by hand with 5.00 more shipping.
      neverForwarded = (await sandboxJson<{ orderSn: string }>('/_sandbox/nengmao/orders', 'POST', {})).orderSn;
      wrongAmounts = (await sandboxJson<{ orderSn: string }>('/_sandbox/nengmao/orders', 'POST', {})).orderSn;
      wrongLine = (await sandboxJson<{ orderSn: string }>('/_sandbox/nengmao/orders', 'POST', {})).orderSn;
      const nengmaoEntity = await hub.app.get(ConnectionRepository).findByName(db(), 'nengmao-demo');
      if (!nengmaoEntity) throw new Error('nengmao-demo is missing');
      await hub.app.get(EngineRunner).runStream(nengmaoEntity, 'marketplace-new-orders');
      await hub.app.get(OutboxDispatcher).dispatchOnce();
      await hub.db.dataSource.query(`UPDATE delivery SET state = 'dead', completed_at = now() WHERE state = 'pending'`);
      const orders = hub.app.get(OrderRepository);
      const stored = await orders.findBySource(db(), 'nengmao-demo', wrongAmounts);
      if (!stored) throw new Error('the planted order was not stored');
      const snapshot = stored.order.toSnapshot();
      const extra = Money.of('5.00', snapshot.amounts.totalPaid.currency);
      const envoy = (await hub.app.get(ConnectorRegistry).resolveByName('envoy-demo'))?.orderSink;
      if (!envoy) throw new Error('envoy-demo cannot create orders');
      await envoy.createOrder(
        {
          ...snapshot,
          amounts: {
            ...snapshot.amounts,
            shipping: (snapshot.amounts.shipping ?? Money.zero(extra.currency)).add(extra),
            totalPaid: snapshot.amounts.totalPaid.add(extra),
          },
        },
        randomUUID(),
      );
      // A third one created in Envoy with its first line 1.00 dearer per unit (the total paid unchanged).
      const lineOrder = (await orders.findBySource(db(), 'nengmao-demo', wrongLine))?.order.toSnapshot();
      if (!lineOrder) throw new Error('the planted order was not stored');
      const [first, ...rest] = lineOrder.lines;
      wrongLineSku = first.sku.sku;
      await envoy.createOrder(
        { ...lineOrder, lines: [{ ...first, unitPrice: first.unitPrice.add(Money.of('1.00', first.unitPrice.currency)) }, ...rest] },
        randomUUID(),
      );
      // An order the marketplace has but Serai never pulled.
      neverStored = (await sandboxJson<{ orderSn: string }>('/_sandbox/nengmao/orders', 'POST', {})).orderSn;
      // An order in Envoy the marketplace never listed.
      const ghost = buildOrder(
        { source: { connectionName: 'nengmao-demo', externalOrderNumber: 'NM-GHOST-1' } },
        Instant.fromEpochMillis(Date.now() - 3_600_000),
      );
      await envoy.createOrder(ghost.toSnapshot(), randomUUID());
      // The order system closed an order the marketplace still sells.
      await sandboxJson(`/_sandbox/envoy/stores/${STORE}/orders/${initial[0]}/status`, 'POST', { status: 'TRADE_CLOSED' });

      const { run, found, keys } = await reconcile(kinds, scope);
      firstRunId = run.id;
      expect(keys).toEqual(
        [
          `order-presence/missing_in_order_system/${neverForwarded}`,
          `order-presence/missing_in_order_system/${neverStored}`,
          `order-presence/missing_in_store/${neverStored}`,
          `order-presence/missing_at_marketplace/NM-GHOST-1`,
          `amount-mismatch/shipping_differs/${wrongAmounts}`,
          `amount-mismatch/total_differs/${wrongAmounts}`,
          `amount-mismatch/items_differs/${wrongLine}`,
          `amount-mismatch/line_differs/${wrongLine}:${wrongLineSku}`,
          `status-mismatch/cancelled_downstream_only/${initial[0]}`,
        ].sort(),
      );
      expect(run.discrepancies).toBe(9);
      expect(found.every((d) => d.state === 'open' && d.occurrences === 1)).toBe(true);
      const shipping = one(found, 'shipping_differs');
      expect(shipping.amountAtStake).toBe('5.0000');
      expect(Number(shipping.actual?.shipping) - Number(shipping.expected?.shipping)).toBeCloseTo(5, 10);
      expect(one(found, 'cancelled_downstream_only')).toMatchObject({
        expected: { marketplace: 'open' },
        actual: { store: 'open', orderSystem: 'cancelled' },
      });
      expect(one(found, 'missing_in_order_system', neverForwarded).repairAction).toBe('reforward_order');
      // Not in the store: nothing to forward until intake takes it.
      expect(one(found, 'missing_in_order_system', neverStored).repairAction).toBeNull();
      // Filters narrow the list.
      expect((await discrepanciesOf(run.id, '&kind=amount-mismatch')).map((d) => d.code).sort()).toEqual([
        'items_differs',
        'line_differs',
        'shipping_differs',
        'total_differs',
      ]);
      // The line: the order system values it 1.00 a unit more, to the cent.
      const line = one(found, 'line_differs');
      const quantity = Number(line.expected?.quantity);
      expect(line.actual?.quantity).toBe(quantity);
      expect(line.amountAtStake).toBe(`${quantity}.0000`);
      expect(one(found, 'items_differs').amountAtStake).toBe(`${quantity}.0000`);
    });

    it('re-forwards an order through the engine, audited, and accepts a status difference', async () => {
      const found = await discrepanciesOf(firstRunId);
      const repaired = await repair(firstRunId, one(found, 'missing_in_order_system', neverForwarded));
      expect(repaired).toMatchObject({ state: 'repaired', repairedBy: 'test-write' });
      expect(repaired.repairDeliveryId).not.toBeNull();
      const delivery = await new DeliveryRepository().findById(db(), repaired.repairDeliveryId ?? '');
      expect(delivery).toMatchObject({ capability: 'orderSink.createOrder', route: 'reconciliation-repair', state: 'pending' });
      // A second repair of the same discrepancy is refused: nothing is queued twice.
      const again = await hub.inject({
        method: 'POST',
        url: `/api/v1/reconciliations/${firstRunId}/discrepancies/${repaired.id}/repair`,
        key: writeKey,
      });
      expect(again.statusCode).toBe(409);
      // One without a repair action cannot be repaired.
      const noAction = await hub.inject({
        method: 'POST',
        url: `/api/v1/reconciliations/${firstRunId}/discrepancies/${one(found, 'missing_at_marketplace').id}/repair`,
        key: writeKey,
      });
      expect(noAction.statusCode).toBe(409);
      const accepted = await hub.inject({
        method: 'POST',
        url: `/api/v1/reconciliations/${firstRunId}/discrepancies/${one(found, 'cancelled_downstream_only').id}/accept`,
        key: writeKey,
      });
      expect(accepted.json()).toMatchObject({ state: 'accepted', acceptedBy: 'test-write' });
      await drainDeliveries();
      const inEnvoy = await sandbox.inject({ url: `/_sandbox/envoy/stores/${STORE}/orders/${neverForwarded}` });
      expect(inEnvoy.statusCode).toBe(200);
    });

    it('finds the repaired order closed on the next run; what remains keeps its history', async () => {
      const { found, keys } = await reconcile(kinds, scope);
      expect(keys).not.toContain(`order-presence/missing_in_order_system/${neverForwarded}`);
      expect(keys).toHaveLength(8);
      const before = await discrepanciesOf(firstRunId);
      const closed = await discrepancyRow(one(before, 'missing_in_order_system', neverForwarded).id);
      expect(closed.closed_at).not.toBeNull();
      expect(closed.state).toBe('repaired');
      // Accepted stays accepted while it lasts; others are open for the second time.
      expect(one(found, 'cancelled_downstream_only')).toMatchObject({ state: 'accepted', occurrences: 2 });
      expect(one(found, 'shipping_differs')).toMatchObject({ state: 'open', occurrences: 2 });
    });
  });

  describe('shipments: shipped at the 3PL, not or differently confirmed to the marketplace', () => {
    const kinds = ['shipment-confirmation'];
    const scope = ['nengmao-demo', 'pilot-demo'];

    it('finds nothing while nothing has shipped', async () => {
      expect((await reconcile(kinds, scope)).found).toEqual([]);
    });

    it('finds a shipment never confirmed and one confirmed with another tracking number, and re-confirms both', async () => {
      const [, unconfirmed, misconfirmed] = initial;
      for (const sn of [unconfirmed, misconfirmed])
        await sandboxJson(`/_sandbox/pilot/packages/${sn}/status`, 'POST', { status: 'SHIPPED' });
      // Serai "confirmed" the second one with a wrong tracking number (a succeeded delivery).
      const orderId = (await hub.app.get(OrderRepository).findIdBySource(db(), 'nengmao-demo', misconfirmed)) ?? '';
      const eventId = randomUUID();
      await hub.db.dataSource.query(
        `INSERT INTO outbox_event (event_id, event_type, aggregate_type, aggregate_id, source_connection, payload, occurred_at, dispatched_at)
         VALUES ($1, 'OrderShipped', 'order', $2, 'nengmao-demo', $3::jsonb, now(), now())`,
        [eventId, orderId, JSON.stringify({ carrierCode: 'SF', trackingNumber: 'WRONG-TRACKING', lines: [] })],
      );
      await hub.db.dataSource.query(
        `INSERT INTO delivery (event_id, route, connection_id, capability, idempotency_key, state, completed_at)
         SELECT $1, 'shipments-to-marketplace', id, 'shipmentSink.confirmShipment', $2, 'succeeded', now() FROM connection WHERE name = 'nengmao-demo'`,
        [eventId, `planted:${eventId}`],
      );
      const { run, found, keys } = await reconcile(kinds, scope);
      expect(keys.map((k) => k.replace(/:[^:]*$/, ''))).toEqual(
        [`shipment-confirmation/not_confirmed/${unconfirmed}`, `shipment-confirmation/confirmed_differently/${misconfirmed}`].sort(),
      );
      const wrong = one(found, 'confirmed_differently');
      expect(wrong.actual).toMatchObject({ confirmed: [{ trackingNumber: 'WRONG-TRACKING' }] });
      expect(wrong.expected?.trackingNumber).not.toBe('WRONG-TRACKING');

      const bulk = await hub.inject({
        method: 'POST',
        url: `/api/v1/reconciliations/${run.id}/discrepancies/repair`,
        key: writeKey,
        payload: { kind: 'shipment-confirmation' },
      });
      expect(bulk.json<{ repaired: string[]; refused: unknown[] }>()).toEqual({ repaired: found.map((d) => d.id).sort(), refused: [] });
      await drainDeliveries();
      const confirmed = await sandboxJson<{ orderSn: string }[]>('/_sandbox/nengmao/shipments');
      expect(confirmed.map((s) => s.orderSn).sort()).toEqual([unconfirmed, misconfirmed].sort());

      const next = await reconcile(kinds, scope);
      expect(next.found).toEqual([]);
      for (const d of found) expect((await discrepancyRow(d.id)).closed_at).not.toBeNull();
    });
  });

  describe('stock: the 3PL against the store', () => {
    const kinds = ['stock-drift'];
    const scope = ['pilot-demo'];

    it('finds nothing once the store holds the 3PL’s figures', async () => {
      const source = (await hub.app.get(ConnectorRegistry).resolveByName('pilot-demo'))?.inventorySource;
      if (!source) throw new Error('pilot-demo reports no stock');
      const figures: { sku: string; location: string; onHand: number; reserved: number; asOf: Date }[] = [];
      for await (const page of source.pullInventory())
        for (const f of page) figures.push({ sku: f.sku, location: f.location, onHand: f.onHand, reserved: f.reserved, asOf: new Date() });
      await hub.app.get(TransactionRunner).run((m) => hub.app.get(InventoryRepository).record(m, figures));
      expect((await reconcile(kinds, scope)).found).toEqual([]);
    });

    it('finds on-hand drift and a SKU the 3PL does not hold, and re-imports the drifted figure', async () => {
      const before = await sandboxJson<{ onHand: number }>('/_sandbox/pilot/stock/M000002');
      await sandboxJson('/_sandbox/pilot/stock/M000002', 'POST', { onHand: before.onHand + 9 });
      await hub.db.dataSource.query(`INSERT INTO inventory_level (sku, location, on_hand, as_of) VALUES ('GHOST-3PL', 'WH1', 5, now())`);
      const { run, found, keys } = await reconcile(kinds, scope);
      expect(keys).toEqual(['stock-drift/onhand_drift/M000002', 'stock-drift/sku_missing_at_3pl/GHOST-3PL']);
      expect(one(found, 'onhand_drift')).toMatchObject({ actual: { onHand: before.onHand + 9 }, repairAction: 'reimport_stock' });
      await repair(run.id, one(found, 'onhand_drift'));
      await drainDeliveries();
      const next = await reconcile(kinds, scope);
      expect(next.keys).toEqual(['stock-drift/sku_missing_at_3pl/GHOST-3PL']);
      expect((await discrepancyRow(one(found, 'onhand_drift').id)).closed_at).not.toBeNull();
      await hub.db.dataSource.query(`DELETE FROM inventory_level WHERE sku = 'GHOST-3PL'`);
    });
  });

  describe('stock and prices: the store against the marketplace', () => {
    const kinds = ['stock-drift', 'price-drift'];
    const scope = ['nengmao-demo'];
    const skus = Array.from({ length: 10 }, (_, i) => `SKU-${String(i + 1).padStart(6, '0')}`);

    it('finds nothing when the store and the marketplace agree', async () => {
      await hub.db.dataSource.query(`INSERT INTO product (id, title_zh) VALUES ('00000000-0000-4000-8000-0000000000aa', '面霜')`);
      for (const sku of skus) {
        const stock = await sandboxJson<{ stocks: number }>(`/_sandbox/nengmao/stocks/${sku}`);
        const price = await sandboxJson<{ salePrice: string }>(`/_sandbox/nengmao/prices/${sku}`);
        await hub.db.dataSource.query(`INSERT INTO sku (sku, product_id) VALUES ($1, '00000000-0000-4000-8000-0000000000aa')`, [sku]);
        await hub.db.dataSource.query(
          `INSERT INTO inventory_level (sku, location, on_hand, as_of) VALUES ($1, 'WH1', $2, now())
           ON CONFLICT (sku, location) DO UPDATE SET on_hand = EXCLUDED.on_hand`,
          [sku, stock.stocks],
        );
        await hub.db.dataSource.query(`INSERT INTO price (sku, kind, amount, currency, as_of) VALUES ($1, 'sale', $2, 'CNY', now())`, [
          sku,
          price.salePrice,
        ]);
      }
      expect((await reconcile(kinds, scope)).found).toEqual([]);
    });

    it('finds stock and price drift and an unlisted SKU; a repair not yet carried out comes back recurring, then closes', async () => {
      const stock = await sandboxJson<{ stocks: number }>(`/_sandbox/nengmao/stocks/SKU-000003`);
      await sandboxJson('/_sandbox/nengmao/skus', 'POST', { sku: 'SKU-000003', stocks: stock.stocks + 7 });
      await sandboxJson('/_sandbox/nengmao/skus', 'POST', { sku: 'SKU-000004', salePrice: '1.23' });
      await hub.db.dataSource.query(`INSERT INTO sku (sku, product_id) VALUES ('SKU-ONLY-HERE', '00000000-0000-4000-8000-0000000000aa')`);
      const first = await reconcile(kinds, scope);
      expect(first.keys).toEqual([
        'price-drift/price_differs/SKU-000004:sale',
        'stock-drift/marketplace_drift/SKU-000003',
        'stock-drift/sku_missing_at_marketplace/SKU-ONLY-HERE',
      ]);
      const price = one(first.found, 'price_differs');
      expect(price.actual).toEqual({ amount: '1.23', currency: 'CNY' });
      await repair(first.run.id, one(first.found, 'marketplace_drift'));
      await repair(first.run.id, price);

      // The repairs are queued but the worker has not run them: the drift is still there.
      const second = await reconcile(kinds, scope);
      expect(one(second.found, 'price_differs')).toMatchObject({ state: 'recurring', occurrences: 2 });
      expect(one(second.found, 'marketplace_drift')).toMatchObject({ state: 'recurring', occurrences: 2 });

      await drainDeliveries();
      expect((await sandboxJson<{ stocks: number }>(`/_sandbox/nengmao/stocks/SKU-000003`)).stocks).toBe(stock.stocks);
      const third = await reconcile(kinds, scope);
      expect(third.keys).toEqual(['stock-drift/sku_missing_at_marketplace/SKU-ONLY-HERE']);
      const summaries = (await hub.inject({ url: '/api/v1/reconciliations/summaries?kind=price-drift', key: writeKey })).json<{
        data: { connection: string; openCount: number; runs: number }[];
      }>();
      expect(summaries.data[0]).toMatchObject({ connection: 'nengmao-demo', openCount: 0 });
      expect(summaries.data[0]?.runs).toBeGreaterThanOrEqual(4);
    });
  });

  describe('returns: not in the store, not acknowledged', () => {
    const kinds = ['return-handling'];
    const scope = ['nengmao-demo'];

    it('finds nothing without returns, then exactly the planted ones, and acknowledges the stored one', async () => {
      expect((await reconcile(kinds, scope)).found).toEqual([]);
      const orderLines = async (sn: string) => (await sandboxJson<{ lines: { sku: string }[] }>(`/_sandbox/nengmao/orders/${sn}`)).lines;
      const unknownReturn = await sandboxJson<{ returnSn: string }>(`/_sandbox/nengmao/orders/${initial[1]}/returns`, 'POST', {});
      const storedReturn = await sandboxJson<{ returnSn: string }>(`/_sandbox/nengmao/orders/${initial[2]}/returns`, 'POST', {});
      expect((await orderLines(initial[2])).length).toBeGreaterThan(0);
      const first = await reconcile(kinds, scope);
      const status = (one(first.found, 'return_not_in_store', storedReturn.returnSn).expected?.marketplace as { status: string }).status;
      // Serai holds the second return (as intake would have stored it) but never acknowledged it.
      await hub.db.dataSource.query(
        `INSERT INTO return_request (id, return_number, external_order_number, source_connection_name, status, currency)
         VALUES ($1, $2, $3, 'nengmao-demo', $4, 'CNY')`,
        [randomUUID(), storedReturn.returnSn, initial[2], status],
      );
      const second = await reconcile(kinds, scope);
      expect(second.keys).toEqual(
        [
          `return-handling/return_not_in_store/${unknownReturn.returnSn}`,
          `return-handling/return_not_acknowledged/${storedReturn.returnSn}`,
        ].sort(),
      );
      await repair(second.run.id, one(second.found, 'return_not_acknowledged'));
      await drainDeliveries();
      const third = await reconcile(kinds, scope);
      expect(third.keys).toEqual([`return-handling/return_not_in_store/${unknownReturn.returnSn}`]);
    });
  });

  describe('runs: validation, one per scope, cancel, resume after a crash', () => {
    it('refuses bad requests with the field and reason, queuing nothing', async () => {
      const before = (await hub.db.dataSource.query(`SELECT count(*)::int AS n FROM reconciliation_run`)) as { n: number }[];
      const cases: [Record<string, unknown>, string][] = [
        [{ kinds: ['nonsense'], connections: ['nengmao-demo'], from, to }, 'kinds'],
        [{ kinds: ['price-drift'], connections: ['nengmao-demo'], from: to, to: from }, 'from'],
        [{ kinds: ['price-drift'], connections: ['nengmao-demo'], from: '2026-01-01T00:00:00', to }, 'from'],
        [{ kinds: ['price-drift'], connections: ['nope'], from, to }, 'connections'],
        [{ kinds: ['order-presence'], connections: ['nengmao-demo'], from, to }, 'connections'],
        [{ kinds: ['price-drift'], connections: ['nengmao-demo'], from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'to'],
      ];
      for (const [payload, field] of cases) {
        const response = await hub.inject({ method: 'POST', url: '/api/v1/reconciliations', key: writeKey, payload });
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain(field);
      }
      const read = await hub.keyWith(['read']);
      expect((await hub.inject({ method: 'POST', url: '/api/v1/reconciliations', key: read, payload: cases[0][0] })).statusCode).toBe(403);
      const after = (await hub.db.dataSource.query(`SELECT count(*)::int AS n FROM reconciliation_run`)) as { n: number }[];
      expect(after[0].n).toBe(before[0].n);
    });

    it('never queues two runs of the same scope at once, and cancels a queued one at once', async () => {
      const first = await requestRun(['price-drift'], ['nengmao-demo']);
      const second = await hub.inject({
        method: 'POST',
        url: '/api/v1/reconciliations',
        key: writeKey,
        payload: { kinds: ['price-drift'], connections: ['nengmao-demo'], from, to },
      });
      expect(second.statusCode).toBe(409);
      expect(second.body).toContain(first.id);
      const cancelled = await hub.inject({ method: 'POST', url: `/api/v1/reconciliations/${first.id}/cancel`, key: writeKey });
      expect(cancelled.json()).toMatchObject({ state: 'cancelled' });
      expect((await hub.inject({ method: 'POST', url: `/api/v1/reconciliations/${first.id}/cancel`, key: writeKey })).statusCode).toBe(409);
    });

    it('queues the daily runs, one per kind and marketplace with the connections of the other roles, once a day', async () => {
      const scheduler = hub.app.get(ReconciliationScheduler);
      const created = await scheduler.createDueRuns();
      const runs = (await hub.db.dataSource.query(
        `SELECT kinds[1] AS kind, connections FROM reconciliation_run WHERE trigger = 'schedule' ORDER BY kinds[1]`,
      )) as { kind: string; connections: string[] }[];
      expect(created).toHaveLength(7);
      expect(runs).toEqual([
        { kind: 'amount-mismatch', connections: ['envoy-demo', 'nengmao-demo'] },
        { kind: 'order-presence', connections: ['envoy-demo', 'nengmao-demo'] },
        { kind: 'price-drift', connections: ['nengmao-demo'] },
        { kind: 'return-handling', connections: ['nengmao-demo'] },
        { kind: 'shipment-confirmation', connections: ['nengmao-demo', 'pilot-demo'] },
        { kind: 'status-mismatch', connections: ['envoy-demo', 'nengmao-demo', 'pilot-demo'] },
        { kind: 'stock-drift', connections: ['nengmao-demo', 'pilot-demo'] },
      ]);
      // Not due again today, whether or not the first ones ran.
      expect(await scheduler.createDueRuns()).toEqual([]);
      for (const id of created) await hub.inject({ method: 'POST', url: `/api/v1/reconciliations/${id}/cancel`, key: writeKey });
    });

    it('stops a running run when it is cancelled, showing its progress meanwhile', async () => {
      // Slow reads (one page every 2 s) keep the run busy long enough to watch and cancel it.
      const queued = await requestRun(['order-presence'], ['nengmao-demo', 'envoy-demo'], { readPagesPerSecond: 0.5 });
      const working = hub.app.get(ReconciliationRunner).runOnce();
      let running: Run | undefined;
      for (let i = 0; i < 200 && running === undefined; i += 1) {
        const run = await getRun(queued.id);
        if (run.state === 'running' && run.progress.itemsRead > 0) running = run;
        else await new Promise((r) => setTimeout(r, 25));
      }
      expect(running?.progress.phase).toMatch(/^reading/);
      expect(running?.progress.stepsTotal).toBe(4);
      const response = await hub.inject({ method: 'POST', url: `/api/v1/reconciliations/${queued.id}/cancel`, key: writeKey });
      expect(response.json()).toMatchObject({ state: 'running', cancelRequested: true });
      await working;
      expect((await getRun(queued.id)).state).toBe('cancelled');
    }, 30_000);

    it('pauses a run in progress at its next page when its worker stops, and the next worker resumes it from its checkpoint', async () => {
      const runnerFor = (owner: string, pagesPerSecond: number) =>
        new ReconciliationRunner(
          db(),
          hub.app.get(TransactionRunner),
          hub.app.get(ReconciliationRunRepository),
          new ObservationRepository(),
          hub.app.get(DiscrepancyRepository),
          hub.app.get(ConnectionRepository),
          hub.app.get(ConnectorRegistry),
          quiet,
          { owner, leaseMs: 60_000, defaultReadPagesPerSecond: pagesPerSecond },
        );
      const queued = await requestRun(['order-presence'], ['nengmao-demo', 'envoy-demo']);
      // One page every 2 s: without the stop, this run would hold its worker for many seconds.
      const stopping = runnerFor('stopping-worker', 0.5);
      const working = stopping.runOnce();
      for (let i = 0; i < 200 && (await getRun(queued.id)).progress.itemsRead === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
      stopping.requestStop();
      expect(await working).toBe(queued.id);
      const paused = await getRun(queued.id);
      expect(paused).toMatchObject({ state: 'running', progress: { phase: 'paused at shutdown' } });
      // A stopped worker claims nothing more.
      expect(await stopping.runOnce()).toBeUndefined();

      // The lease was handed back, so another worker takes the run over at once, not after the lease would have run out.
      expect(await runnerFor('next-worker', 100).runOnce()).toBe(queued.id);
      expect(await getRun(queued.id)).toMatchObject({ state: 'completed' });
      const keys = (await discrepanciesOf(queued.id)).map((d) => `${d.code}/${d.entityKey}`).sort();
      const fresh = await reconcile(['order-presence'], ['nengmao-demo', 'envoy-demo']);
      expect(keys).toEqual(fresh.found.map((d) => `${d.code}/${d.entityKey}`).sort());
    }, 30_000);

    it('resumes a run after its worker died, without reading again what it had finished', async () => {
      const registry = hub.app.get(ConnectorRegistry);
      let releaseHang: (reason: Error) => void = () => undefined;
      const hang = new Promise<never>((_, reject) => {
        releaseHang = reject;
      });
      const calls: Record<string, number> = {};
      const lookup = (stuckOn?: string) => ({
        async resolveByName(name: string): Promise<ProviderConnector | undefined> {
          const connector = await registry.resolveByName(name);
          if (!connector?.orderLedger) return connector;
          const ledger = connector.orderLedger;
          return {
            ...connector,
            testConnection: () => connector.testConnection(),
            orderLedger: {
              async *listOrders(window: TimeWindow) {
                calls[name] = (calls[name] ?? 0) + 1;
                if (name === stuckOn) await hang;
                yield* ledger.listOrders(window);
              },
            },
          } as ProviderConnector;
        },
      });
      const runnerFor = (owner: string, leaseMs: number, stuckOn?: string) =>
        new ReconciliationRunner(
          db(),
          hub.app.get(TransactionRunner),
          hub.app.get(ReconciliationRunRepository),
          new ObservationRepository(),
          hub.app.get(DiscrepancyRepository),
          hub.app.get(ConnectionRepository),
          lookup(stuckOn),
          quiet,
          { owner, leaseMs, defaultReadPagesPerSecond: 100 },
        );
      const queued = await requestRun(['order-presence'], ['nengmao-demo', 'envoy-demo']);
      // Steps run in connection order: envoy-demo is read, then the worker hangs on nengmao-demo and "dies".
      const crashed = runnerFor('crashed-worker', 1_000, 'nengmao-demo').runOnce();
      for (let i = 0; i < 200 && (await getRun(queued.id)).progress.stepsDone < 1; i += 1) await new Promise((r) => setTimeout(r, 25));
      expect((await getRun(queued.id)).progress.stepsDone).toBe(1);
      await new Promise((r) => setTimeout(r, 1_200));
      const envoyReadsBefore = calls['envoy-demo'];

      expect(await runnerFor('rescuer', 60_000).runOnce()).toBe(queued.id);
      const resumed = await getRun(queued.id);
      expect(resumed).toMatchObject({ state: 'completed' });
      expect(calls['envoy-demo']).toBe(envoyReadsBefore);
      expect(calls['nengmao-demo']).toBeGreaterThanOrEqual(2);
      // The same findings a run from scratch gives.
      const keys = (await discrepanciesOf(queued.id)).map((d) => `${d.code}/${d.entityKey}`).sort();
      const fresh = await reconcile(['order-presence'], ['nengmao-demo', 'envoy-demo']);
      expect(keys).toEqual(fresh.found.map((d) => `${d.code}/${d.entityKey}`).sort());
      // The dead worker wakes up: the run is no longer its own, and it changes nothing.
      releaseHang(new Error('the dead worker’s call finally fails'));
      await crashed;
      expect((await getRun(queued.id)).state).toBe('completed');
    }, 30_000);
  });
});
