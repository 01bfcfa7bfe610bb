import { RouteRepository } from '@serai/persistence';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { envoyOrderBody } from '../../apps/sandbox/src/envoy/testing/envoy-order-body.builder';
import { DeliveryWorker } from '../../libs/engine/src/delivery/delivery-worker';
import { OutboxDispatcher } from '../../libs/engine/src/delivery/outbox-dispatcher';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

const STORE = 'samarkand.youzan.test';
const MARKETPLACE_ORDERS = 3;

interface EnvoySummary {
  readonly clientOrderRef: string;
  readonly createCalls: number;
  readonly status: string;
}

/**
 * The `order-system-orders` stream (ADR 0019): what the order system (Envoy) holds is read back —
 * orders created directly in the store become canonical orders sourced from the Envoy connection
 * (once, never sent back), and a store closing an order the hub forwarded is recorded on it.
 */
describe('order system sync: Envoy orders read back into the hub (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  let envoyId: string;

  const sync = async (connection: string, stream: string): Promise<Record<string, number>> => {
    const res = await hub.inject({ method: 'POST', url: `/api/v1/sync/${connection}/${stream}`, key: hub.adminKey });
    expect(res.statusCode).toBe(200);
    return res.json<{ result: Record<string, number> }>().result;
  };
  const envoyOrders = async (): Promise<EnvoySummary[]> =>
    (await sandbox.inject({ url: `/_sandbox/envoy/stores/${STORE}/orders` })).json<EnvoySummary[]>();
  /** Routes what is committed and runs the due deliveries, as a worker process would. */
  const deliverEverything = async (): Promise<void> => {
    while ((await hub.app.get(OutboxDispatcher).dispatchOnce()).events > 0) {
      // keep routing
    }
    while ((await hub.app.get(DeliveryWorker).runOnce()) > 0) {
      // keep delivering
    }
  };
  const ordersOf = async (source: string): Promise<{ id: string; external_order_number: string; status: string }[]> =>
    (await hub.db.dataSource.query(
      `SELECT id, external_order_number, status FROM sales_order WHERE source_connection_name = $1 ORDER BY external_order_number`,
      [source],
    )) as { id: string; external_order_number: string; status: string }[];

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: MARKETPLACE_ORDERS });
    const url = await sandbox.listen();
    // An API-only process: nothing runs on a schedule, the test drives every step.
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    const connections = [
      {
        name: 'nengmao-sync',
        provider: 'nengmao-brand',
        baseUrl: `${url}/nengmao`,
        credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
        options: {},
      },
      {
        name: 'envoy-sync',
        provider: 'nomad-envoy',
        baseUrl: `${url}/envoy`,
        credentials: { caKey: 'demo-ca-key' },
        options: { store: STORE },
      },
    ];
    for (const payload of connections) {
      const created = await hub.inject({ method: 'POST', url: '/api/v1/connections', key: hub.adminKey, payload });
      expect(created.statusCode).toBe(201);
    }
    const [envoy] = (await hub.db.dataSource.query(`SELECT id FROM connection WHERE name = 'envoy-sync'`)) as { id: string }[];
    envoyId = envoy?.id ?? '';
    // The demo's forwarding route: marketplace orders (and only those) go to the order system.
    await hub.db.dataSource.transaction((m) =>
      hub.app.get(RouteRepository).replaceAll(m, [
        {
          name: 'marketplace-orders-to-envoy',
          eventTypes: ['OrderAcknowledged'],
          connectionId: envoy?.id ?? '',
          capability: 'orderSink.createOrder',
          sourceConnection: 'nengmao-sync',
        },
      ]),
    );
  });
  afterAll(async () => {
    await hub?.close();
    await sandbox?.close();
  });

  it('offers the stream on the Envoy connection only', async () => {
    const refused = await hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-sync/order-system-orders', key: hub.adminKey });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('stream');
  });

  it('knows the orders it forwarded to Envoy and stores none of them again', async () => {
    expect(await sync('nengmao-sync', 'marketplace-new-orders')).toMatchObject({ stored: MARKETPLACE_ORDERS });
    await deliverEverything();
    expect(await envoyOrders()).toHaveLength(MARKETPLACE_ORDERS);

    const result = await sync('envoy-sync', 'order-system-orders');
    expect(result).toEqual({ read: MARKETPLACE_ORDERS, stored: 0, known: MARKETPLACE_ORDERS, reported: 0, ambiguous: 0, refused: 0 });
    expect(await ordersOf('envoy-sync')).toHaveLength(0);
  });

  it('stores an order created directly at Envoy once, however often the window is read, and never sends it back', async () => {
    const created = await sandbox.inject({
      method: 'POST',
      url: `/envoy/order/${STORE}`,
      headers: { 'x-ca-key': 'demo-ca-key' },
      payload: envoyOrderBody('DIRECT-0001', { status: 'WAIT_SELLER_SEND_GOODS' }),
    });
    expect(created.statusCode).toBe(200);

    const first = await sync('envoy-sync', 'order-system-orders');
    expect(first).toMatchObject({ read: MARKETPLACE_ORDERS + 1, stored: 1, known: MARKETPLACE_ORDERS });
    const second = await sync('envoy-sync', 'order-system-orders');
    expect(second).toMatchObject({ read: MARKETPLACE_ORDERS + 1, stored: 0, known: MARKETPLACE_ORDERS + 1 });

    const stored = await ordersOf('envoy-sync');
    expect(stored).toEqual([{ id: expect.any(String), external_order_number: 'DIRECT-0001', status: 'received' }]);
    // Its store id is bound, so the next read finds it by id.
    const refs = (await hub.db.dataSource.query(`SELECT count(*)::int AS n FROM external_ref WHERE entity_id = $1`, [stored[0]?.id])) as {
      n: number;
    }[];
    expect(refs[0]?.n).toBe(1);

    // No route takes an Envoy-sourced order back to Envoy: routing and delivering change nothing there.
    await deliverEverything();
    const direct = (await envoyOrders()).filter((o) => o.clientOrderRef === 'DIRECT-0001');
    expect(direct).toEqual([expect.objectContaining({ createCalls: 1 })]);
    const deliveries = (await hub.db.dataSource.query(
      `SELECT count(*)::int AS n FROM delivery d JOIN outbox_event e ON e.event_id = d.event_id WHERE e.aggregate_id = $1`,
      [stored[0]?.id],
    )) as { n: number }[];
    expect(deliveries[0]?.n).toBe(0);
  });

  it('records once that Envoy closed a forwarded order, on its timeline, and leaves its status to the marketplace', async () => {
    const [order] = await ordersOf('nengmao-sync');
    if (!order) throw new Error('no marketplace order stored');
    const planted = await sandbox.inject({
      method: 'POST',
      url: `/_sandbox/envoy/stores/${STORE}/orders/${order.external_order_number}/status`,
      payload: { status: 'TRADE_CLOSED' },
    });
    expect(planted.statusCode).toBeLessThan(300);

    expect(await sync('envoy-sync', 'order-system-orders')).toMatchObject({ reported: 1 });
    expect(await sync('envoy-sync', 'order-system-orders')).toMatchObject({ reported: 0 });

    const timeline = await hub.inject({ url: `/api/v1/orders/${order.id}/timeline`, key: hub.adminKey });
    expect(timeline.statusCode).toBe(200);
    const reports = timeline
      .json<{ entries: { kind: string; type?: string; payload?: Record<string, unknown> }[] }>()
      .entries.filter((e) => e.type === 'OrderSystemStatusReported');
    expect(reports).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          connectionName: 'envoy-sync',
          sourceStatus: 'TRADE_CLOSED',
          closedThere: true,
          sourceUpdatedAt: expect.any(String),
          status: order.status,
        }),
      }),
    ]);
    expect((await ordersOf('nengmao-sync')).find((o) => o.id === order.id)?.status).toBe(order.status);
  });

  it('does not send an Envoy order back even when a route matches every source', async () => {
    await hub.db.dataSource.transaction((m) =>
      hub.app.get(RouteRepository).replaceAll(m, [
        {
          name: 'everything-to-envoy',
          eventTypes: ['OrderReceived'],
          connectionId: envoyId,
          capability: 'orderSink.createOrder',
          sourceConnection: null,
        },
      ]),
    );
    const created = await sandbox.inject({
      method: 'POST',
      url: `/envoy/order/${STORE}`,
      headers: { 'x-ca-key': 'demo-ca-key' },
      payload: envoyOrderBody('DIRECT-0002', { status: 'WAIT_SELLER_SEND_GOODS' }),
    });
    expect(created.statusCode).toBe(200);
    expect(await sync('envoy-sync', 'order-system-orders')).toMatchObject({ stored: 1 });
    await deliverEverything();

    const stored = (await ordersOf('envoy-sync')).find((o) => o.external_order_number === 'DIRECT-0002');
    const deliveries = (await hub.db.dataSource.query(
      `SELECT d.state, d.result FROM delivery d JOIN outbox_event e ON e.event_id = d.event_id WHERE e.aggregate_id = $1`,
      [stored?.id],
    )) as { state: string; result: unknown }[];
    expect(deliveries).toEqual([{ state: 'succeeded', result: { skipped: 'order came from envoy-sync' } }]);
    expect((await envoyOrders()).filter((o) => o.clientOrderRef === 'DIRECT-0002')).toEqual([expect.objectContaining({ createCalls: 1 })]);
  });
  it('reads what a store status means from the order-statuses table: an operator edit changes how the next new order is stored', async () => {
    const createDirect = async (number: string, status: string): Promise<void> => {
      const created = await sandbox.inject({
        method: 'POST',
        url: `/envoy/order/${STORE}`,
        headers: { 'x-ca-key': 'demo-ca-key' },
        payload: envoyOrderBody(number, { status }),
      });
      expect(created.statusCode).toBe(200);
    };
    const statusOf = async (number: string): Promise<string | undefined> =>
      (await ordersOf('envoy-sync')).find((o) => o.external_order_number === number)?.status;

    // The seeded meaning (from the connector's table): a refund asked is a cancellation request.
    await createDirect('DIRECT-REFUND-1', 'TRADE_REFUND');
    await sync('envoy-sync', 'order-system-orders');
    expect(await statusOf('DIRECT-REFUND-1')).toBe('cancellation_requested');

    // Ops decide this store's refunds are final: the table now says TRADE_REFUND means cancelled.
    const etag = String((await hub.inject({ url: '/api/v1/mappings/order-statuses', key: hub.adminKey })).headers.etag);
    const edited = await hub.inject({
      method: 'PUT',
      url: '/api/v1/mappings/order-statuses/nomad-envoy:TRADE_REFUND',
      key: hub.adminKey,
      headers: { 'if-match': etag },
      payload: { value: { name: 'TRADE_REFUND', canonical: 'cancelled' } },
    });
    expect(edited.statusCode).toBeLessThan(300);
    await createDirect('DIRECT-REFUND-2', 'TRADE_REFUND');
    await sync('envoy-sync', 'order-system-orders');
    expect(await statusOf('DIRECT-REFUND-2')).toBe('cancelled');
    // The order stored before the edit keeps its state: an edit changes how orders are read, not history.
    expect(await statusOf('DIRECT-REFUND-1')).toBe('cancellation_requested');
    // A cancelled order holds no stock.
    const held = (await hub.db.dataSource.query(
      `SELECT coalesce(sum(r.covered + r.backordered), 0)::int AS n FROM inventory_reservation r
         JOIN sales_order o ON o.id = r.order_id WHERE o.external_order_number = 'DIRECT-REFUND-2'`,
    )) as { n: number }[];
    expect(held[0]?.n).toBe(0);
  });
});
