import { CredentialCipher, PiiDigest } from '@serai/common';
import { NENGMAO_BRAND_PROFILE, NengmaoConnectorFactory, NomadEnvoyConnectorFactory, NomadPilotConnectorFactory } from '@serai/connectors';
import { Instant } from '@serai/domain';
import {
  ConnectionRepository,
  DeliveryRepository,
  ExternalRefRepository,
  OrderRepository,
  OutboxRepository,
  ProviderCallRepository,
  RouteRepository,
  ShipmentRepository,
  SyncCursorRepository,
  TransactionRunner,
} from '@serai/persistence';
import { SandboxClock } from '../../apps/sandbox/src/core/sandbox-clock';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { ConnectorRegistry } from '../../libs/engine/src/connections/connector-registry';
import { DEFAULT_WORKER_OPTIONS, DeliveryWorker } from '../../libs/engine/src/delivery/delivery-worker';
import { OutboxDispatcher } from '../../libs/engine/src/delivery/outbox-dispatcher';
import { AnswerCancellationHandler } from '../../libs/engine/src/flows/answer-cancellation.handler';
import { ConfirmShipmentHandler } from '../../libs/engine/src/flows/confirm-shipment.handler';
import { MarketplaceChangeIntake } from '../../libs/engine/src/sync/marketplace-change-intake';
import { ForwardOrderHandler } from '../../libs/engine/src/flows/forward-order.handler';
import { LogisticsShipmentIntake } from '../../libs/engine/src/sync/logistics-shipment-intake';
import { MarketplaceOrderIntake } from '../../libs/engine/src/sync/marketplace-order-intake';
import { CallTraceWriter } from '../../libs/engine/src/tracing/call-trace-writer';
import { testHttpService } from '../../libs/connectors/src/kernel/testing/replay-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The order pipeline's first half, end to end on the sandbox and a real PostgreSQL: marketplace
 * orders are pulled, stored, acknowledged only after the commit, routed, and created once each
 * in the order system. (The engine's scheduling, API and the remaining flows are issue 6.)
 */
describe('order pipeline: Nengmao intake, Envoy, Pilot shipments, confirmed to Nengmao (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let db: TestDatabase;
  let nengmaoId: string;
  let registry: ConnectorRegistry;
  let intake: MarketplaceOrderIntake;
  let dispatcher: OutboxDispatcher;
  let worker: DeliveryWorker;
  let traces: CallTraceWriter;
  let shipmentIntake: LogisticsShipmentIntake;
  let changeIntake: MarketplaceChangeIntake;
  let pilotId: string;
  // More than one page of 100: acknowledging page 1 shifts the list, and nothing may be skipped.
  const ORDERS = 120;

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: ORDERS });
    const url = await sandbox.listen();
    db = await createTestDatabase();
    const m = db.dataSource.manager;
    const tx = new TransactionRunner(db.dataSource);
    const masterKey = Buffer.alloc(32, 8).toString('base64');
    const cipher = new CredentialCipher(masterKey);
    const connections = new ConnectionRepository();
    const outbox = new OutboxRepository();
    const orders = new OrderRepository(outbox, new PiiDigest(masterKey));
    const deliveries = new DeliveryRepository();
    const routes = new RouteRepository();
    nengmaoId = (
      await tx.run((t) =>
        connections.create(t, {
          name: 'nengmao-demo',
          provider: 'nengmao-brand',
          baseUrl: `${url}/nengmao`,
          encryptedCredentials: cipher.encrypt({ appKey: 'demo-app-key', appSecret: 'demo-app-secret' }),
        }),
      )
    ).id;
    const envoy = await tx.run((t) =>
      connections.create(t, {
        name: 'envoy-demo',
        provider: 'nomad-envoy',
        baseUrl: `${url}/envoy`,
        options: { store: 'samarkand.youzan.test' },
        encryptedCredentials: cipher.encrypt({ caKey: 'demo-ca-key' }),
      }),
    );
    await tx.run((t) =>
      routes.replaceAll(t, [
        {
          name: 'marketplace-orders-to-envoy',
          eventTypes: ['OrderAcknowledged'],
          connectionId: envoy.id,
          capability: 'orderSink.createOrder',
          sourceConnection: 'nengmao-demo',
        },
        {
          name: 'cancellations-answered',
          eventTypes: ['OrderCancellationRequested'],
          connectionId: nengmaoId,
          capability: 'cancellationSink.answerCancellation',
          sourceConnection: 'nengmao-demo',
        },
        {
          name: 'shipments-to-marketplace',
          eventTypes: ['OrderShipped', 'OrderPartiallyShipped'],
          connectionId: nengmaoId,
          capability: 'shipmentSink.confirmShipment',
          sourceConnection: 'nengmao-demo',
        },
      ]),
    );
    pilotId = (
      await tx.run((t) =>
        connections.create(t, {
          name: 'pilot-demo',
          provider: 'nomad-pilot',
          baseUrl: `${url}/pilot`,
          options: { carrier: 'samarkand.sfexpress.test' },
          encryptedCredentials: cipher.encrypt({ caKey: 'demo-ca-key' }),
        }),
      )
    ).id;
    const http = testHttpService();
    traces = new CallTraceWriter(m, new ProviderCallRepository());
    registry = new ConnectorRegistry(
      m,
      connections,
      cipher,
      [
        new NengmaoConnectorFactory(http, NENGMAO_BRAND_PROFILE),
        new NomadEnvoyConnectorFactory(http),
        new NomadPilotConnectorFactory(http),
      ],
      traces,
    );
    intake = new MarketplaceOrderIntake(m, tx, orders, new SyncCursorRepository(), {
      owner: 'hub-test',
      leaseMs: 60_000,
      initialLookbackMs: 7 * 86_400_000,
      overlapMs: 60_000,
    });
    dispatcher = new OutboxDispatcher(tx, outbox, deliveries, routes);
    const clock = sandbox.app.get(SandboxClock);
    changeIntake = new MarketplaceChangeIntake(
      m,
      tx,
      orders,
      new SyncCursorRepository(),
      { owner: 'hub-test', leaseMs: 60_000, initialLookbackMs: 86_400_000, overlapMs: 60_000 },
      () => Instant.fromEpochMillis(clock.nowMs()),
    );
    shipmentIntake = new LogisticsShipmentIntake(
      m,
      tx,
      orders,
      new ShipmentRepository(),
      new SyncCursorRepository(),
      { owner: 'hub-test', leaseMs: 60_000, initialLookbackMs: 86_400_000, overlapMs: 60_000 },
      () => Instant.fromEpochMillis(clock.nowMs()),
    );
    worker = new DeliveryWorker(
      m,
      deliveries,
      outbox,
      registry,
      [
        new ForwardOrderHandler(m, tx, orders, new ExternalRefRepository()),
        new ConfirmShipmentHandler(m, orders),
        new AnswerCancellationHandler(m, tx, orders),
      ],
      {
        ...DEFAULT_WORKER_OPTIONS,
        workerId: 'worker-test',
        rateLimit: { requestsPerSecond: 1000, maxConcurrency: 16 },
      },
    );
  });
  /** Runs the worker until no delivery is waiting (postponed ones come due within milliseconds). */
  async function drainDeliveries(): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const states = await new DeliveryRepository().countByState(db.dataSource.manager);
      if (states.pending + states.failed + states.in_flight === 0) return;
      if ((await worker.runOnce()) === 0) await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('deliveries did not drain');
  }

  afterAll(async () => {
    await traces.flush();
    await db.drop();
    await sandbox.close();
  });

  it('stores every new marketplace order once and acknowledges it only after storing it', async () => {
    const source = (await registry.resolveByName('nengmao-demo'))?.orderSource;
    if (!source) throw new Error('the Nengmao connector offers no order source');
    const first = await intake.run(nengmaoId, 'nengmao-demo', source);
    expect(first).toMatchObject({ read: ORDERS, stored: ORDERS, duplicates: 0, acknowledged: ORDERS, acknowledgeFailures: 0 });
    const counts = (await sandbox.inject({ url: '/_sandbox/nengmao/counts' })).json<{ ordersAwaitingRetrieval: number }>();
    expect(counts.ordersAwaitingRetrieval).toBe(0);
    expect(await db.count('sales_order')).toBe(ORDERS);
    const statuses = (await db.dataSource.query(`SELECT status, count(*)::int AS n FROM sales_order GROUP BY status`)) as {
      status: string;
      n: number;
    }[];
    expect(statuses).toEqual([{ status: 'acknowledged', n: ORDERS }]);

    const again = await intake.run(nengmaoId, 'nengmao-demo', source);
    expect(again).toMatchObject({ read: 0, stored: 0 });
  });

  it('routes each acknowledged order to Envoy and creates it there exactly once, even when delivered twice', async () => {
    expect((await dispatcher.dispatchOnce()).deliveries).toBe(ORDERS);
    await drainDeliveries();
    const states = await new DeliveryRepository().countByState(db.dataSource.manager);
    expect(states).toMatchObject({ succeeded: ORDERS, dead: 0, failed: 0 });

    // A second delivery of the same orders (a replay) must not create anything twice at Envoy.
    await db.dataSource.query(`UPDATE delivery SET state = 'dead'`);
    await new DeliveryRepository().requeue(
      db.dataSource.manager,
      ((await db.dataSource.query(`SELECT id FROM delivery`)) as { id: string }[]).map((r) => r.id),
    );
    await drainDeliveries();
    const envoyOrders = (await sandbox.inject({ url: '/_sandbox/envoy/stores/samarkand.youzan.test/orders' })).json<
      { createCalls: number; duplicatesRefused: number }[]
    >();
    expect(envoyOrders).toHaveLength(ORDERS);
    expect(envoyOrders.every((o) => o.createCalls === 2 && o.duplicatesRefused === 1)).toBe(true);

    const forwarded = (await db.dataSource.query(`SELECT count(*)::int AS n FROM sales_order WHERE status = 'forwarded'`)) as {
      n: number;
    }[];
    expect(forwarded[0]?.n).toBe(ORDERS);
    const refs = (await db.dataSource.query(
      `SELECT count(DISTINCT entity_id)::int AS n FROM external_ref WHERE entity_type = 'order'`,
    )) as { n: number }[];
    expect(refs[0]?.n).toBe(ORDERS);
  });

  it('accepts a buyer’s cancellation request before shipment, once, and records the order cancelled', async () => {
    const [first, second] = (await db.dataSource.query(
      `SELECT external_order_number AS sn FROM sales_order ORDER BY external_order_number LIMIT 2`,
    )) as {
      sn: string;
    }[];
    for (const row of [first, second]) {
      const planted = await sandbox.inject({
        method: 'POST',
        url: `/_sandbox/nengmao/orders/${row?.sn}/cancellation-request`,
        payload: { message: 'changed my mind' },
      });
      expect(planted.statusCode).toBeLessThan(300);
    }
    const source = (await registry.resolveByName('nengmao-demo'))?.orderSource;
    if (!source) throw new Error('the Nengmao connector offers no order source');
    expect(await changeIntake.run(nengmaoId, 'nengmao-demo', source)).toMatchObject({ cancellationRequests: 2 });
    expect(await changeIntake.run(nengmaoId, 'nengmao-demo', source)).toMatchObject({ cancellationRequests: 0 });
    expect((await dispatcher.dispatchOnce()).deliveries).toBe(2);
    await drainDeliveries();
    for (const row of [first, second]) {
      const detail = (await sandbox.inject({ url: `/_sandbox/nengmao/orders/${row?.sn}` })).json<{
        cancellations: { kind: string; status?: number }[];
      }>();
      // One request from the buyer, one answer from Serai: accepted (cancelConfirm status 10).
      expect(detail.cancellations.map((c) => [c.kind, c.status])).toEqual([
        ['request', undefined],
        ['confirm', 10],
      ]);
      const [stored] = (await db.dataSource.query(`SELECT status FROM sales_order WHERE external_order_number = $1`, [row?.sn])) as {
        status: string;
      }[];
      expect(stored?.status).toBe('cancelled');
    }
  });

  it('records the parcels the 3PL ships once each, and confirms each to the marketplace once, with its tracking number', async () => {
    // The order system hands the orders to the warehouse; the 3PL packs and ships them as its clock moves.
    sandbox.app.get(SandboxClock).advance(5 * sandbox.settings.packageStepMs);
    const pilot = (await registry.resolveByName('pilot-demo'))?.shipmentSource;
    if (!pilot) throw new Error('the Pilot connector offers no shipment source');
    // The two cancelled orders were already at the warehouse: the 3PL still ships them (telling
    // the order system and the 3PL about a cancellation is the engine issue's), and their parcels
    // are refused by the order's state machine rather than recorded.
    const first = await shipmentIntake.run(pilotId, pilot);
    expect(first).toMatchObject({ recorded: ORDERS - 2, unmatched: 0, refused: 2 });
    const again = await shipmentIntake.run(pilotId, pilot);
    expect(again).toMatchObject({ recorded: 0, alreadyKnown: ORDERS - 2 });
    const shipped = (await db.dataSource.query(`SELECT count(*)::int AS n FROM sales_order WHERE status = 'shipped'`)) as { n: number }[];
    expect(shipped[0]?.n).toBe(ORDERS - 2);

    expect((await dispatcher.dispatchOnce()).deliveries).toBe(ORDERS - 2);
    await drainDeliveries();
    expect(await new DeliveryRepository().countByState(db.dataSource.manager)).toMatchObject({ dead: 0, failed: 0 });

    const confirmed = (await sandbox.inject({ url: '/_sandbox/nengmao/shipments' })).json<
      { orderSn: string; expressNo?: string; trackingNumber?: string }[]
    >();
    expect(confirmed).toHaveLength(ORDERS - 2);
    const rows = (await db.dataSource.query(
      `SELECT o.external_order_number AS sn, s.tracking_number AS tracking FROM shipment s JOIN sales_order o ON o.id = s.order_id`,
    )) as { sn: string; tracking: string }[];
    for (const row of rows) {
      const detail = (await sandbox.inject({ url: `/_sandbox/nengmao/orders/${row.sn}` })).json<{
        shipCalls: number;
        shipments: { expressNo: string; expressCompany: string }[];
      }>();
      expect(detail.shipCalls).toBe(1);
      // The 3PL's SF waybills reach the marketplace under Nengmao's courier code for SF Express.
      expect(detail.shipments.map((x) => [x.expressNo, x.expressCompany])).toEqual([[row.tracking, 'sf']]);
    }
  });

  it('leaves a masked trace of every provider call, linked to the order it was made for', async () => {
    await traces.flush();
    const [order] = (await db.dataSource.query(`SELECT id FROM sales_order LIMIT 1`)) as { id: string }[];
    const calls = await new ProviderCallRepository().listForEntity(db.dataSource.manager, 'order', order?.id ?? '');
    expect(calls.map((c) => [c.provider, c.operation, c.outcome])).toContainEqual(['nomad-envoy', expect.any(String), 'success']);
    expect(JSON.stringify(calls)).not.toContain('demo-ca-key');
  });
});
