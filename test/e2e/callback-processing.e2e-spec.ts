import { CredentialCipher, PiiDigest } from '@serai/common';
import { NomadPilotConnectorFactory } from '@serai/connectors';
import { Order } from '@serai/domain';
import {
  ConnectionRepository,
  ExternalRefRepository,
  OrderRepository,
  OutboxRepository,
  ProviderCallRepository,
  ShipmentParcelRepository,
  ShipmentRepository,
  SkuCrossReferenceRepository,
  TransactionRunner,
  WebhookInboxProcessingRepository,
} from '@serai/persistence';
import { DEFAULT_INBOX_OPTIONS, InboxProcessor, InboxProcessorOptions } from '../../libs/engine/src/callbacks/inbox-processor';
import { ConnectorRegistry } from '../../libs/engine/src/connections/connector-registry';
import { CallTraceWriter } from '../../libs/engine/src/tracing/call-trace-writer';
import { testHttpService } from '../../libs/connectors/src/kernel/testing/replay-server';
import { buildOrder } from '../support/order-builder';
import { callbackJson, callbackXml, CallbackSpec, insertReceivedCallback } from '../support/pilot-callbacks';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The inbox processor on a real PostgreSQL with the real Pilot callback interpreter: rows stored
 * as the receiver stores them become canonical shipments and order events once, whatever
 * happens to them (duplicates, reports out of order, unknown orders, two instances, a crash).
 */
describe('callback inbox processing (PostgreSQL)', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let pilotId: string;
  let registry: ConnectorRegistry;
  let traces: CallTraceWriter;
  const inbox = new WebhookInboxProcessingRepository();
  const outbox = new OutboxRepository();
  let orders: OrderRepository;
  let sequence = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    const masterKey = Buffer.alloc(32, 9).toString('base64');
    const cipher = new CredentialCipher(masterKey);
    const connections = new ConnectionRepository();
    orders = new OrderRepository(outbox, new PiiDigest(masterKey));
    pilotId = (
      await tx.run((m) =>
        connections.create(m, {
          name: 'pilot-demo',
          provider: 'nomad-pilot',
          baseUrl: 'http://127.0.0.1:9/pilot',
          options: { carrier: 'samarkand.sfexpress.test' },
          encryptedCredentials: cipher.encrypt({ caKey: 'demo-ca-key' }),
        }),
      )
    ).id;
    traces = new CallTraceWriter(db.dataSource.manager, new ProviderCallRepository());
    registry = new ConnectorRegistry(
      db.dataSource.manager,
      connections,
      cipher,
      [new NomadPilotConnectorFactory(testHttpService())],
      traces,
    );
  });

  afterAll(async () => {
    await traces.flush();
    await db.drop();
  });

  function processor(owner = 'hub-a', overrides: Partial<InboxProcessorOptions> = {}): InboxProcessor {
    return new InboxProcessor(
      db.dataSource.manager,
      tx,
      inbox,
      orders,
      new ShipmentRepository(),
      new ShipmentParcelRepository(),
      new SkuCrossReferenceRepository(),
      registry,
      { ...DEFAULT_INBOX_OPTIONS, owner, ...overrides },
    );
  }

  /** An order as intake and forwarding leave it: at the order system, waiting for the 3PL. */
  async function forwardedOrder(externalOrderNumber = `NM-${(sequence += 1)}-${Date.now()}`): Promise<Order> {
    const order = buildOrder({ source: { connectionName: 'nengmao-demo', externalOrderNumber } });
    order.acknowledge();
    order.markForwarded();
    await tx.run((m) => orders.insert(m, order));
    return order;
  }

  async function receive(spec: CallbackSpec, format: 'xml' | 'json' = 'json', dedupeKey = spec.outBizCode): Promise<string> {
    return insertReceivedCallback(db.dataSource.manager, {
      store: 'haiku',
      connectionId: pilotId,
      dedupeKey,
      format,
      body: format === 'xml' ? callbackXml(spec) : callbackJson(spec),
    });
  }

  async function drain(p: InboxProcessor = processor()): Promise<void> {
    while ((await p.runOnce()) > 0) {
      // until nothing is due
    }
  }

  const row = async (id: string) => {
    const found = await inbox.findById(db.dataSource.manager, id);
    if (!found) throw new Error(`no inbox row ${id}`);
    return found;
  };
  const shipmentsOf = async (orderId: string) =>
    (await db.dataSource.query(`SELECT tracking_number, status FROM shipment WHERE order_id = $1 ORDER BY created_at`, [orderId])) as {
      tracking_number: string;
      status: string;
    }[];
  const eventsOf = async (orderId: string) =>
    (
      (await db.dataSource.query(`SELECT event_type FROM outbox_event WHERE aggregate_id = $1 ORDER BY position`, [orderId])) as {
        event_type: string;
      }[]
    )
      .map((e) => e.event_type)
      .filter((type) => type.startsWith('OrderShipped') || type.startsWith('OrderPartially'));
  const statusOf = async (orderId: string) =>
    ((await db.dataSource.query(`SELECT status FROM sales_order WHERE id = $1`, [orderId])) as { status: string }[])[0]?.status;

  const shippedWhole = (code: string, tracking: string, outBizCode: string, status = 'DELIVERED'): CallbackSpec => ({
    deliveryOrderCode: code,
    status,
    outBizCode,
    expressCode: tracking,
    orderLines: [
      { itemCode: 'SKU-000001', planQty: 1, actualQty: 1 },
      { itemCode: 'SKU-000002', planQty: 2, actualQty: 2 },
    ],
  });

  it('applies a shipped callback once: one shipment, one OrderShipped, even when the same report comes twice or is reprocessed', async () => {
    const order = await forwardedOrder();
    const first = await receive(shippedWhole(order.source.externalOrderNumber, 'SF100000000001', 'm-1'), 'xml');
    // The same report again under another message id (a sender that renumbers its retries).
    const again = await receive(shippedWhole(order.source.externalOrderNumber, 'SF100000000001', 'm-1-retry'), 'json');
    await drain();
    expect([(await row(first)).state, (await row(again)).state]).toEqual(['processed', 'processed']);
    expect(await shipmentsOf(order.id)).toEqual([{ tracking_number: 'SF100000000001', status: 'shipped' }]);
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
    expect(await statusOf(order.id)).toBe('shipped');

    const reprocessed = await processor('operator').reprocess(first);
    expect(reprocessed).toMatchObject({ kind: 'done', row: { state: 'processed' } });
    expect(await shipmentsOf(order.id)).toHaveLength(1);
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
    expect((await row(again)).outcome).toMatchObject({ parcels: [{ action: 'ignored', reason: 'repeated' }] });
  });

  it('never moves a parcel backwards when older statuses arrive after newer ones', async () => {
    const order = await forwardedOrder();
    const code = order.source.externalOrderNumber;
    // Sent ACCEPT -> DELIVERED -> SIGN, received SIGN, ACCEPT, DELIVERED, then a late CANCELED.
    await receive({ ...shippedWhole(code, 'SF100000000002', 'o-3'), status: 'SIGN' });
    await drain();
    await receive({ deliveryOrderCode: code, status: 'ACCEPT', outBizCode: 'o-1', confirmType: '1', expressCode: 'SF100000000002' }, 'xml');
    await receive(shippedWhole(code, 'SF100000000002', 'o-2'));
    await receive({ deliveryOrderCode: code, status: 'CANCELED', outBizCode: 'o-4', expressCode: 'SF100000000002' });
    await drain();
    expect(await shipmentsOf(order.id)).toEqual([{ tracking_number: 'SF100000000002', status: 'delivered' }]);
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
    const states = (await inbox.list(db.dataSource.manager, { limit: 10 }))
      .filter((r) => r.externalOrderNumber === code)
      .map((r) => [r.dedupeKey, r.state, (r.outcome as { parcels: { action: string; reason?: string }[] }).parcels[0]]);
    expect(states).toEqual([
      ['o-4', 'processed', expect.objectContaining({ action: 'ignored', reason: 'cancelled-after-shipment' })],
      ['o-2', 'processed', expect.objectContaining({ action: 'ignored', reason: 'older' })],
      ['o-1', 'processed', expect.objectContaining({ action: 'ignored', reason: 'older' })],
      ['o-3', 'processed', expect.objectContaining({ action: 'recorded' })],
    ]);
  });

  it('records a parcel reported before it leaves as pending, and counts it on the order when it ships', async () => {
    const order = await forwardedOrder();
    const code = order.source.externalOrderNumber;
    await receive({ deliveryOrderCode: code, status: 'ACCEPT', outBizCode: 'p-1', confirmType: '1', expressCode: 'SF100000000003' });
    await drain();
    expect(await shipmentsOf(order.id)).toEqual([{ tracking_number: 'SF100000000003', status: 'pending' }]);
    expect(await statusOf(order.id)).toBe('forwarded');
    await receive(shippedWhole(code, 'SF100000000003', 'p-2'), 'xml');
    await drain();
    expect(await shipmentsOf(order.id)).toEqual([{ tracking_number: 'SF100000000003', status: 'shipped' }]);
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
  });

  it('turns PARTDELIVERED with packages into a partial shipment, and the rest into the completing one', async () => {
    const order = await forwardedOrder();
    const code = order.source.externalOrderNumber;
    const partId = await receive(
      {
        deliveryOrderCode: code,
        status: 'PARTDELIVERED',
        confirmType: '1',
        outBizCode: 'part-1',
        expressCode: 'SF100000000004',
        orderLines: [
          { itemCode: 'SKU-000001', planQty: 1, actualQty: 1 },
          { itemCode: 'SKU-000002', planQty: 2, actualQty: 1 },
        ],
        packages: [
          {
            logisticsCode: 'SF',
            expressCode: 'SF100000000004',
            items: [
              { itemCode: '6901234567892', quantity: 1 }, // SKU-000001 by its barcode
              { itemCode: 'SKU-000002', quantity: 1 },
            ],
          },
        ],
      },
      'xml',
    );
    await drain();
    expect((await row(partId)).state).toBe('processed');
    expect(await statusOf(order.id)).toBe('partially_shipped');
    const lines = (await db.dataSource.query(
      `SELECT l.sku, l.quantity FROM shipment_line l JOIN shipment s ON s.id = l.shipment_id WHERE s.order_id = $1 ORDER BY l.sku`,
      [order.id],
    )) as { sku: string; quantity: number }[];
    expect(lines).toEqual([
      { sku: 'SKU-000001', quantity: 1 },
      { sku: 'SKU-000002', quantity: 1 },
    ]);
    await receive({
      deliveryOrderCode: code,
      status: 'DELIVERED',
      confirmType: '0',
      outBizCode: 'part-2',
      packages: [{ logisticsCode: 'SF', expressCode: 'SF100000000005', items: [{ itemCode: 'SKU-000002', quantity: 1 }] }],
    });
    await drain();
    expect(await statusOf(order.id)).toBe('shipped');
    expect(await eventsOf(order.id)).toEqual(['OrderPartiallyShipped', 'OrderShipped']);
    expect((await shipmentsOf(order.id)).map((s) => s.tracking_number)).toEqual(['SF100000000004', 'SF100000000005']);
  });

  it('takes what a pending parcel carries from the report that it left, not from the plan', async () => {
    const order = await forwardedOrder();
    const code = order.source.externalOrderNumber;
    await receive({ deliveryOrderCode: code, status: 'ACCEPT', outBizCode: 'plan-1', confirmType: '1', expressCode: 'SF100000000009' });
    await drain();
    await receive({
      deliveryOrderCode: code,
      status: 'PARTDELIVERED',
      confirmType: '1',
      outBizCode: 'plan-2',
      packages: [{ logisticsCode: 'SF', expressCode: 'SF100000000009', items: [{ itemCode: 'SKU-000002', quantity: 2 }] }],
    });
    await drain();
    expect(await statusOf(order.id)).toBe('partially_shipped');
    const lines = (await db.dataSource.query(
      `SELECT l.sku, l.quantity FROM shipment_line l JOIN shipment s ON s.id = l.shipment_id WHERE s.order_id = $1`,
      [order.id],
    )) as { sku: string; quantity: number }[];
    expect(lines).toEqual([{ sku: 'SKU-000002', quantity: 2 }]);
    expect(await eventsOf(order.id)).toEqual(['OrderPartiallyShipped']);
  });

  it('keeps a callback for an unknown order waiting, and applies it once the order arrives', async () => {
    const code = `NM-LATE-${Date.now()}`;
    const id = await receive(shippedWhole(code, 'SF100000000006', 'late-1'));
    await drain();
    const waiting = await row(id);
    expect(waiting).toMatchObject({ state: 'waiting_for_order', externalOrderNumber: code });
    expect(waiting.lastError).toContain(code);
    // Nothing changes while the order is still unknown: the row is not due again before its retry time.
    expect(await processor().runOnce()).toBe(0);

    const order = await forwardedOrder(code);
    await drain();
    expect(await row(id)).toMatchObject({ state: 'processed', lastError: null });
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
  });

  it('lets a shipment for an order not yet at the order system wait until the order is forwarded', async () => {
    const order = buildOrder({ source: { connectionName: 'nengmao-demo', externalOrderNumber: `NM-ACK-${Date.now()}` } });
    order.acknowledge();
    await tx.run((m) => orders.insert(m, order));
    const id = await receive(shippedWhole(order.source.externalOrderNumber, 'SF100000000010', 'ack-1'));
    await drain();
    expect(await row(id)).toMatchObject({ state: 'waiting_for_order', outcome: { orderStatus: 'acknowledged' } });
    expect(await processor().runOnce()).toBe(0);

    await tx.run(async (m) => {
      const found = await orders.findById(m, order.id);
      if (!found) throw new Error('order missing');
      found.order.markForwarded();
      await orders.update(m, found.order, found.version);
    });
    await drain();
    expect(await row(id)).toMatchObject({ state: 'processed', lastError: null });
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
  });

  it('refuses a partial report naming items the order cannot be matched to, until an operator adds the cross-reference', async () => {
    const order = await forwardedOrder();
    const id = await receive({
      deliveryOrderCode: order.source.externalOrderNumber,
      status: 'PARTDELIVERED',
      confirmType: '1',
      outBizCode: 'x-1',
      packages: [{ logisticsCode: 'SF', expressCode: 'SF100000000007', items: [{ itemCode: 'M000002', quantity: 1 }] }],
    });
    await drain();
    const failed = await row(id);
    expect(failed).toMatchObject({ state: 'failed', nextAttemptAt: null });
    expect(failed.lastError).toContain('M000002');
    expect(await shipmentsOf(order.id)).toEqual([]);

    await tx.run((m) =>
      new ExternalRefRepository().insert(m, { entityType: 'sku', entityId: 'SKU-000002', connectionId: pilotId, externalId: 'M000002' }),
    );
    expect(await processor().reprocess(id)).toMatchObject({ kind: 'done', row: { state: 'processed' } });
    expect(await eventsOf(order.id)).toEqual(['OrderPartiallyShipped']);
  });

  it('refuses a body it cannot read for good, and says why', async () => {
    const id = await insertReceivedCallback(db.dataSource.manager, {
      store: 'haiku',
      connectionId: pilotId,
      dedupeKey: 'bad-1',
      format: 'json',
      body: '{"deliveryOrder": {"deliveryOrderCode": "NM-1", "status": "TELEPORTED"}}',
    });
    await drain();
    const failed = await row(id);
    expect(failed).toMatchObject({ state: 'failed', nextAttemptAt: null, outcome: { failure: 'UNKNOWN_STATUS', permanent: true } });
    expect(failed.lastError).toContain('TELEPORTED');
  });

  it('retries a passing failure with backoff, stops after the budget, and applies the row once the cause is gone', async () => {
    const order = await forwardedOrder();
    const id = await receive(shippedWhole(order.source.externalOrderNumber, 'SF100000000011', 'retry-1'));
    const quick = processor('hub-a', { retry: { baseDelayMs: 40, maxDelayMs: 80, maxAttempts: 3 } });
    await db.dataSource.query(`UPDATE connection SET enabled = false WHERE id = $1`, [pilotId]);
    try {
      await drain(quick);
      const first = await row(id);
      expect(first).toMatchObject({ state: 'failed', failures: 1, outcome: { failure: 'TRANSIENT', permanent: false } });
      expect(first.nextAttemptAt).not.toBeNull();
      expect(first.lastError).toContain('disabled');
      for (let failures = 2; failures <= 3; failures += 1) {
        await new Promise((r) => setTimeout(r, 120));
        await drain(quick);
        expect(await row(id)).toMatchObject({ state: 'failed', failures });
      }
      // The budget is spent: it waits for an operator.
      expect(await row(id)).toMatchObject({ nextAttemptAt: null, outcome: { permanent: true } });
    } finally {
      await db.dataSource.query(`UPDATE connection SET enabled = true WHERE id = $1`, [pilotId]);
    }
    expect(await quick.reprocess(id)).toMatchObject({ kind: 'done', row: { state: 'processed', failures: 0, attempts: 4 } });
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
  });

  it('lets two processors share the rows without ever applying one twice', async () => {
    const created = await Promise.all(Array.from({ length: 40 }, () => forwardedOrder()));
    // Three reports per order (one duplicate), interleaved so both processors touch every order.
    for (const order of created) {
      const code = order.source.externalOrderNumber;
      const tracking = `SF2${order.id.replace(/\D/g, '').slice(0, 11).padEnd(11, '0')}`;
      await receive({ deliveryOrderCode: code, status: 'ACCEPT', outBizCode: `${code}-a`, confirmType: '1', expressCode: tracking }, 'xml');
      await receive(shippedWhole(code, tracking, `${code}-d`));
      await receive(shippedWhole(code, tracking, `${code}-d2`), 'xml');
    }
    const small = { batchSize: 7 };
    await Promise.all([drain(processor('hub-a', small)), drain(processor('hub-b', small)), drain(processor('hub-c', small))]);
    for (const order of created) {
      expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
      expect(await shipmentsOf(order.id)).toEqual([{ tracking_number: expect.stringMatching(/^SF2/), status: 'shipped' }]);
    }
    const counts = await inbox.countByState(db.dataSource.manager);
    expect(counts).toMatchObject({ received: 0, processing: 0 });
  });

  it('takes up a row a crashed instance held once its lease runs out, and applies it once', async () => {
    const order = await forwardedOrder();
    const id = await receive(shippedWhole(order.source.externalOrderNumber, 'SF100000000008', 'crash-1'));
    // hub-dead claims the row and dies before applying it.
    const claimed = await inbox.claim(db.dataSource.manager, 'hub-dead', 300, 100);
    expect(claimed.map((r) => r.id)).toContain(id);
    expect(await processor('hub-b').runOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 400));
    await drain(processor('hub-b'));
    expect(await row(id)).toMatchObject({ state: 'processed', attempts: 2, leaseOwner: null });
    expect(await eventsOf(order.id)).toEqual(['OrderShipped']);
  });
});
