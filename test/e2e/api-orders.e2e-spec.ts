import { randomUUID } from 'node:crypto';
import { DeliveryWorker, OutboxDispatcher } from '@serai/engine';
import { Instant } from '@serai/domain';
import { OrderRepository, TransactionRunner } from '@serai/persistence';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { CallTraceWriter } from '../../libs/engine/src/tracing/call-trace-writer';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import { buildOrder } from '../support/order-builder';

interface Summary {
  id: string;
  status: string;
  onHold: boolean;
  source: { connection: string; externalOrderNumber: string };
}
interface Page {
  data: Summary[];
  page: { limit: number; nextCursor: string | null };
}
interface Detail {
  id: string;
  status: string;
  hold: { reason: string } | null;
  source: { connection: string; externalOrderNumber: string };
  externalReferences: { connection: string; externalId: string; kind: string }[];
  lines: { lineId: string; sku: string; quantity: number; shippedQuantity: number; unitPrice: { amount: string } }[];
  amounts: { totalPaid: { amount: string; currency: string } };
  consignee: { name: string; mobile?: string; address: { street?: string } };
  personalDataMasked: boolean;
  shipments: { carrierCode: string; trackingNumber: string; lines: { sku: string; quantity: number }[] }[];
  returns: unknown[];
  cancellation: { reason: string; initiatedBy: string } | null;
}
interface Problem {
  type: string;
  status: number;
  errors?: { field: string; reason: string }[];
  correlationId?: string;
}
interface Delivery {
  route: string;
  capability: string;
  state: string;
  result: Record<string, unknown> | null;
}

/**
 * The order API against the sandbox and a real PostgreSQL: marketplace orders are pulled through
 * the sync API (demo topology), then listed, read, held, released, cancelled, shipped by hand and
 * resynced; every action's events are routed and delivered by the engine driven step by step.
 */
describe('the orders API (e2e, sandbox + PostgreSQL)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  let readKey: string;
  let piiKey: string;
  let writeKey: string;
  let orders: Summary[];

  /** Routes committed events and works every due delivery until nothing is left. */
  async function settle(): Promise<void> {
    for (let round = 0; round < 10; round += 1) {
      const routed = await hub.app.get(OutboxDispatcher).dispatchOnce();
      const worked = await hub.app.get(DeliveryWorker).runOnce();
      if (routed.events === 0 && worked === 0) break;
    }
    await hub.app.get(CallTraceWriter, { strict: false }).flush();
  }

  const get = <T>(url: string, key = readKey) =>
    hub.inject({ url, key }).then((r) => ({ status: r.statusCode, body: r.json<T>(), raw: r }));
  const post = <T>(url: string, payload?: unknown, key = writeKey) =>
    hub
      .inject({ method: 'POST', url, key, ...(payload === undefined ? {} : { payload: payload as object }) })
      .then((r) => ({ status: r.statusCode, body: r.json<T>() }));
  const deliveriesOf = async (orderId: string): Promise<Delivery[]> =>
    (await hub.db.dataSource.query(
      `SELECT d.route, d.capability, d.state, d.result FROM delivery d JOIN outbox_event e ON e.event_id = d.event_id
        WHERE e.aggregate_id = $1 ORDER BY d.id`,
      [orderId],
    )) as Delivery[];
  const detailOf = async (id: string, key = piiKey): Promise<Detail> => (await get<Detail>(`/api/v1/orders/${id}`, key)).body;

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: 6 });
    const sandboxUrl = await sandbox.listen();
    hub = await startHubUnderTest({ HUB_ROLE: 'api' }, { sandboxUrl });
    readKey = await hub.keyWith(['read']);
    piiKey = await hub.keyWith(['read', 'pii']);
    writeKey = await hub.keyWith(['write']);
    const pulled = await post<{ result: { stored: number } }>('/api/v1/sync/nengmao-demo/marketplace-new-orders', undefined);
    expect(pulled.status).toBe(200);
    expect(pulled.body.result.stored).toBe(6);
    orders = (await get<Page>('/api/v1/orders?limit=50')).body.data;
    expect(orders).toHaveLength(6);
  }, 60_000);

  afterAll(async () => {
    await hub.close();
    await sandbox.close();
  });

  describe('list', () => {
    it('filters by status, connection and the source number, newest first', async () => {
      const [first] = orders;
      const byNumber = await get<Page>(`/api/v1/orders?externalOrderNumber=${first?.source.externalOrderNumber}`);
      expect(byNumber.body.data.map((o) => o.id)).toEqual([first?.id]);
      expect((await get<Page>('/api/v1/orders?status=acknowledged&connection=nengmao-demo')).body.data).toHaveLength(6);
      expect((await get<Page>('/api/v1/orders?connection=tmg-demo')).body.data).toHaveLength(0);
      expect((await get<Page>('/api/v1/orders?status=shipped,cancelled')).body.data).toHaveLength(0);
    });

    it('pages with a cursor and no overlap', async () => {
      const one = await get<Page>('/api/v1/orders?limit=4');
      const two = await get<Page>(`/api/v1/orders?limit=4&cursor=${one.body.page.nextCursor}`);
      expect(two.body.page.nextCursor).toBeNull();
      expect([...one.body.data, ...two.body.data].map((o) => o.id)).toEqual(orders.map((o) => o.id));
    });

    it('finds orders by SKU and by buyer or consignee phone, without the phone in the database', async () => {
      const detail = await detailOf(orders[0]?.id ?? '');
      const sku = detail.lines[0]?.sku ?? '';
      const bySku = await get<Page>(`/api/v1/orders?sku=${encodeURIComponent(sku)}`);
      expect(bySku.body.data.map((o) => o.id)).toContain(orders[0]?.id);
      for (const o of bySku.body.data) expect((await detailOf(o.id)).lines.map((l) => l.sku)).toContain(sku);
      const phone = detail.consignee.mobile ?? '';
      expect(phone).toMatch(/^1\d{10}$/);
      const byPhone = await get<Page>(`/api/v1/orders?phone=%2B86${phone}`);
      expect(byPhone.body.data.map((o) => o.id)).toContain(orders[0]?.id);
      const stored = JSON.stringify(await hub.db.dataSource.query(`SELECT buyer_phone_digest, consignee_phone_digest FROM sales_order`));
      expect(stored).not.toContain(phone);
      expect((await get<Page>('/api/v1/orders?phone=10000000000')).body.data).toHaveLength(0);
    });

    it('filters by created, paid and updated windows', async () => {
      const now = Date.now();
      const window = (field: string, from: number, to: number) =>
        `${field}From=${encodeURIComponent(new Date(from).toISOString())}&${field}To=${encodeURIComponent(new Date(to).toISOString())}`;
      expect((await get<Page>(`/api/v1/orders?${window('created', now - 3_600_000, now + 60_000)}`)).body.data).toHaveLength(6);
      expect((await get<Page>(`/api/v1/orders?${window('updated', now - 3_600_000, now + 60_000)}`)).body.data).toHaveLength(6);
      expect((await get<Page>(`/api/v1/orders?${window('created', now - 7_200_000, now - 3_600_000)}`)).body.data).toHaveLength(0);
      const paid = await get<Page>(`/api/v1/orders?${window('paid', now - 360 * 86_400_000, now + 60_000)}`);
      expect(paid.status).toBe(200);
    });

    it.each([
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['status=lost', 'status'],
      ['createdFrom=2026-11-11T00:00:00', 'createdFrom'],
      ['createdFrom=2025-01-01T00:00:00Z&createdTo=2026-11-11T00:00:00Z', 'createdTo'],
      ['paidFrom=2026-11-11T00:00:00Z&paidTo=2026-11-10T00:00:00Z', 'paidTo'],
      ['updatedFrom=2024-11-11T00:00:00Z&updatedTo=2026-11-11T00:00:00Z', 'updatedTo'],
      ['phone=call-me', 'phone'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['colour=red', 'colour'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const res = await get<Problem>(`/api/v1/orders?${query}`);
      expect(res.status).toBe(400);
      expect(res.raw.headers['content-type']).toContain('application/problem+json');
      expect(res.body.type).toBe('https://serai.dev/problems/validation');
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    });
  });

  describe('export', () => {
    it('streams every matching order as CSV with a BOM, and neutralises formulas', async () => {
      const hostile = buildOrder({ source: { connectionName: 'nengmao-demo', externalOrderNumber: '=HYPERLINK("http://x","y")' } });
      await hub.app.get(TransactionRunner).run((m) => hub.app.get(OrderRepository).insert(m, hostile));
      const res = await hub.inject({ url: '/api/v1/orders?limit=1', key: readKey, headers: { accept: 'text/csv' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain('orders.csv');
      expect(res.body.charCodeAt(0)).toBe(0xfeff);
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe(
        'id,status,on_hold,source_connection,external_order_number,total_paid,currency,placed_at,paid_at,created_at,updated_at',
      );
      // `limit` does not cut an export: all 7 orders.
      expect(lines).toHaveLength(8);
      expect(res.body).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
      await hub.db.dataSource.query(`DELETE FROM sales_order WHERE id = $1`, [hostile.id]);
    });

    it('streams JSON lines, one order a line, as the list shows them', async () => {
      const res = await hub.inject({
        url: '/api/v1/orders?status=acknowledged',
        key: readKey,
        headers: { accept: 'application/x-ndjson' },
      });
      expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const rows = res.body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Summary);
      expect(rows.map((r) => r.id)).toEqual(orders.map((o) => o.id));
    });

    it('refuses an invalid filter before streaming anything', async () => {
      const res = await hub.inject({ url: '/api/v1/orders?limit=0', key: readKey, headers: { accept: 'text/csv' } });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('detail', () => {
    it('shows lines, decimal amounts and references, with the consignee masked unless the key has pii', async () => {
      const masked = await detailOf(orders[0]?.id ?? '', readKey);
      const clear = await detailOf(orders[0]?.id ?? '', piiKey);
      expect(masked.personalDataMasked).toBe(true);
      expect(clear.personalDataMasked).toBe(false);
      expect(masked.consignee.mobile).toMatch(/^\*+\d{4}$/);
      expect(masked.consignee.address.street).toBe('***');
      expect(clear.consignee.mobile).toMatch(/^1\d{10}$/);
      expect(masked.consignee.name).not.toBe(clear.consignee.name);
      expect(clear.amounts.totalPaid.amount).toMatch(/^\d+\.\d{2}$/);
      expect(clear.lines.length).toBeGreaterThan(0);
      expect(clear.externalReferences[0]).toEqual({
        connection: 'nengmao-demo',
        externalId: orders[0]?.source.externalOrderNumber,
        kind: 'source',
      });
    });

    it('answers 404 for an unknown order and 400 naming id for a malformed one', async () => {
      expect((await get<Problem>(`/api/v1/orders/${randomUUID()}`)).status).toBe(404);
      const bad = await get<Problem>('/api/v1/orders/12');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
    });
  });

  describe('hold and release', () => {
    it('keeps a held order from being forwarded, and forwards it once released', async () => {
      const held = orders[0]?.id ?? '';
      const res = await post<{ status: string; onHold: boolean; recorded: string[] }>(`/api/v1/orders/${held}/hold`, {
        reason: 'address check',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ orderId: held, status: 'acknowledged', onHold: true, recorded: ['OrderHeld'] });
      await settle();
      expect((await detailOf(held)).status).toBe('acknowledged');
      expect((await deliveriesOf(held)).find((d) => d.capability === 'orderSink.createOrder')).toMatchObject({
        state: 'succeeded',
        result: { skipped: 'order is held' },
      });
      // The others went on without it.
      expect((await detailOf(orders[1]?.id ?? '')).status).toBe('forwarded');
      expect((await get<Page>('/api/v1/orders?status=acknowledged')).body.data.map((o) => o.onHold)).toEqual([true]);

      const released = await post<{ recorded: string[]; onHold: boolean }>(`/api/v1/orders/${held}/release`);
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ onHold: false, recorded: ['OrderReleased'] });
      await settle();
      const after = await detailOf(held);
      expect(after.status).toBe('forwarded');
      expect(after.externalReferences.map((r) => r.connection)).toEqual(['nengmao-demo', 'envoy-demo']);
      const envoyNumber = after.externalReferences[1]?.externalId ?? '';
      // The number the order system gave it finds it too.
      expect((await get<Page>(`/api/v1/orders?externalOrderNumber=${encodeURIComponent(envoyNumber)}`)).body.data.map((o) => o.id)).toEqual(
        [held],
      );
    });

    it('refuses to hold twice or release an order that is not held (409), a hold without a reason (400), an unknown order (404)', async () => {
      const id = orders[2]?.id ?? '';
      expect((await post(`/api/v1/orders/${id}/hold`, { reason: 'fraud check' })).status).toBe(200);
      const twice = await post<Problem>(`/api/v1/orders/${id}/hold`, { reason: 'again' });
      expect(twice.status).toBe(409);
      expect(twice.body.type).toBe('https://serai.dev/problems/conflict');
      expect((await post(`/api/v1/orders/${id}/release`)).status).toBe(200);
      expect((await post<Problem>(`/api/v1/orders/${id}/release`)).status).toBe(409);
      const noReason = await post<Problem>(`/api/v1/orders/${id}/hold`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors?.map((e) => e.field)).toContain('reason');
      expect((await post(`/api/v1/orders/${randomUUID()}/hold`, { reason: 'x' })).status).toBe(404);
      expect((await post(`/api/v1/orders/${id}/hold`, { reason: 'x' }, readKey)).status).toBe(403);
    });
  });

  describe('manual shipments', () => {
    it('records the parcel, ships the order and confirms it to the marketplace with the courier code mapped', async () => {
      await settle();
      const id = orders[1]?.id ?? '';
      const before = await detailOf(id);
      expect(before.status).toBe('forwarded');
      const res = await post<{ status: string; recorded: string[]; shipment: { id: string; carrierCode: string } }>(
        `/api/v1/orders/${id}/shipments`,
        { carrierCode: 'sf', trackingNumber: 'SF1000000001', shippedAt: '2026-11-12T10:30:00+08:00' },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'shipped', recorded: ['OrderShipped'], shipment: { carrierCode: 'sf' } });
      await settle();
      const confirm = (await deliveriesOf(id)).find((d) => d.capability === 'shipmentSink.confirmShipment');
      expect(confirm?.state).toBe('succeeded');
      const calls = (await hub.db.dataSource.query(
        `SELECT request_body, outcome FROM provider_call WHERE operation = 'order/ship' ORDER BY id DESC LIMIT 1`,
      )) as { request_body: unknown; outcome: string }[];
      expect(calls[0]?.outcome).toBe('success');
      expect(JSON.stringify(calls[0]?.request_body)).toContain('SF1000000001');
      const after = await detailOf(id);
      expect(after.shipments).toHaveLength(1);
      expect(after.lines.every((l) => l.shippedQuantity === l.quantity)).toBe(true);

      const list = await get<{ data: { id: string; orderId: string }[] }>(`/api/v1/shipments?orderId=${id}`);
      expect(list.body.data.map((s) => s.orderId)).toEqual([id]);
    });

    it('refuses the same parcel again, a line the order lacks, and an order not yet forwarded, changing nothing', async () => {
      const shipped = orders[1]?.id ?? '';
      const counts = async () => [await hub.db.count('shipment'), await hub.db.count('outbox_event')];
      const before = await counts();
      expect(
        (await post<Problem>(`/api/v1/orders/${shipped}/shipments`, { carrierCode: 'sf', trackingNumber: 'SF1000000001' })).status,
      ).toBe(409);
      const forwarded = orders[3]?.id ?? '';
      const badLine = await post<Problem>(`/api/v1/orders/${forwarded}/shipments`, {
        carrierCode: 'sf',
        trackingNumber: 'SF1000000002',
        lines: [{ lineId: 'no-such-line', quantity: 1 }],
      });
      expect(badLine.status).toBe(422);
      expect(badLine.body.errors?.[0]?.field).toBe('lines[0].lineId');
      const tooMany = await post<Problem>(`/api/v1/orders/${forwarded}/shipments`, {
        carrierCode: 'sf',
        trackingNumber: 'SF1000000002',
        lines: [{ lineId: (await detailOf(forwarded)).lines[0]?.lineId, quantity: 99_999 }],
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.errors?.[0]?.field).toBe('lines[0].quantity');
      const badBody = await post<Problem>(`/api/v1/orders/${forwarded}/shipments`, { carrierCode: 'SF Express', trackingNumber: '1' });
      expect(badBody.status).toBe(400);
      expect(badBody.body.errors?.map((e) => e.field).sort()).toEqual(['carrierCode', 'trackingNumber']);
      const notForwarded = buildOrder();
      await hub.app.get(TransactionRunner).run((m) => hub.app.get(OrderRepository).insert(m, notForwarded));
      const after = await counts();
      expect(
        (await post<Problem>(`/api/v1/orders/${notForwarded.id}/shipments`, { carrierCode: 'sf', trackingNumber: 'SF1000000003' })).status,
      ).toBe(409);
      expect(await counts()).toEqual(after);
      expect(after[0]).toBe(before[0]);
    });
  });

  describe('brand-side cancellation', () => {
    it('cancels the order and tells the marketplace through cancelbybrand with the reason in its words', async () => {
      const id = orders[4]?.id ?? '';
      const res = await post<{ status: string; recorded: string[] }>(`/api/v1/orders/${id}/cancel`, { reason: 'out_of_stock' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'cancelled', recorded: ['OrderCancelled'] });
      await settle();
      expect((await deliveriesOf(id)).find((d) => d.capability === 'cancellationSink.cancelByBrand')?.state).toBe('succeeded');
      const [call] = (await hub.db.dataSource.query(
        `SELECT request_body, outcome FROM provider_call WHERE operation = 'order/cancelbybrand' ORDER BY id DESC LIMIT 1`,
      )) as { request_body: unknown; outcome: string }[];
      expect(call?.outcome).toBe('success');
      expect(JSON.stringify(call?.request_body)).toContain('品牌方缺货取消');
      expect((await detailOf(id)).cancellation).toMatchObject({ reason: 'out_of_stock', initiatedBy: 'brand' });
    });

    it('refuses an unknown reason (400), a cancelled or shipped order (409)', async () => {
      const bad = await post<Problem>(`/api/v1/orders/${orders[5]?.id}/cancel`, { reason: 'bored' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0]?.field).toBe('reason');
      expect((await post(`/api/v1/orders/${orders[4]?.id}/cancel`, { reason: 'out_of_stock' })).status).toBe(409);
      expect((await post(`/api/v1/orders/${orders[1]?.id}/cancel`, { reason: 'out_of_stock' })).status).toBe(409);
    });
  });

  describe('resync', () => {
    it('requeues the dead deliveries of the order and pulls again from its marketplace', async () => {
      const id = orders[5]?.id ?? '';
      await hub.db.dataSource.query(
        `UPDATE delivery SET state = 'dead', last_error = 'simulated' WHERE event_id IN (SELECT event_id FROM outbox_event WHERE aggregate_id = $1)`,
        [id],
      );
      const sent = await hub.inject({
        method: 'POST',
        url: `/api/v1/orders/${id}/resync`,
        key: writeKey,
        headers: { 'x-request-id': 'req-resync-1' },
      });
      const res = {
        status: sent.statusCode,
        body: sent.json<{ requeued: number; routed: number; pulls: { connection: string; stream: string; outcome: string }[] }>(),
      };
      expect(res.status).toBe(202);
      expect(res.body.requeued).toBeGreaterThan(0);
      expect(res.body.routed).toBe(0);
      expect(res.body.pulls).toEqual(
        expect.arrayContaining([{ connection: 'nengmao-demo', stream: 'order', outcome: 'done', result: { found: 1, unchanged: 1 } }]),
      );
      expect((await deliveriesOf(id)).every((d) => d.state === 'pending')).toBe(true);
      // The provider calls the request made are traced with its correlation id.
      await hub.app.get(CallTraceWriter, { strict: false }).flush();
      const traced = (await hub.db.dataSource.query(`SELECT operation FROM provider_call WHERE correlation_id = 'req-resync-1'`)) as {
        operation: string;
      }[];
      expect(traced.map((c) => c.operation)).toContain('order/list');
      await settle();
      expect((await deliveriesOf(id)).every((d) => d.state === 'succeeded')).toBe(true);
      expect((await post(`/api/v1/orders/${randomUUID()}/resync`)).status).toBe(404);
      expect((await post(`/api/v1/orders/nope/resync`)).status).toBe(400);
    });

    it('reads an old order outside every poll window again from its marketplace, and from Envoy, applying what changed once', async () => {
      // Placed 20 days ago and asked to be cancelled then: no poll window reaches it any more.
      const placedMs = Math.floor((Date.now() - 20 * 86_400_000) / 1000) * 1000;
      const gmt8 = new Date(placedMs + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
      const planted = await sandbox.inject({
        method: 'POST',
        url: '/_sandbox/nengmao/orders',
        payload: { orderSn: 'OLD-RESYNC-1', createTime: gmt8, modifyTime: gmt8, status: 4 },
      });
      expect(planted.statusCode).toBeLessThan(300);
      // The hub stored it back then (as its intake did), and acknowledged it.
      const old = buildOrder(
        {
          source: { connectionName: 'nengmao-demo', externalOrderNumber: 'OLD-RESYNC-1' },
          createdAt: Instant.fromDate(new Date(placedMs)),
        },
        Instant.fromDate(new Date(placedMs)),
      );
      old.acknowledge(Instant.fromDate(new Date(placedMs + 60_000)));
      await hub.app.get(TransactionRunner).run((m) => hub.app.get(OrderRepository).insert(m, old));

      // The poll does not see it: its window is days, not weeks.
      expect((await post('/api/v1/sync/nengmao-demo/marketplace-changed-orders')).status).toBe(200);
      expect((await detailOf(old.id)).status).toBe('acknowledged');

      const first = await post<{ pulls: unknown[] }>(`/api/v1/orders/${old.id}/resync`);
      expect(first.status).toBe(202);
      expect(first.body.pulls).toContainEqual({
        connection: 'nengmao-demo',
        stream: 'order',
        outcome: 'done',
        result: { found: 1, cancellationRequests: 1 },
      });
      expect((await detailOf(old.id)).status).toBe('cancellation_requested');
      // Again: found, nothing left to apply, no second request.
      const again = await post<{ pulls: unknown[] }>(`/api/v1/orders/${old.id}/resync`);
      expect(again.body.pulls).toContainEqual({
        connection: 'nengmao-demo',
        stream: 'order',
        outcome: 'done',
        result: { found: 1, unchanged: 1 },
      });
      const requests = (await hub.db.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND event_type = 'OrderCancellationRequested'`,
        [old.id],
      )) as { n: number }[];
      expect(requests[0]?.n).toBe(1);

      // An order forwarded to Envoy and closed there: the resync reads it from Envoy by its reference.
      await settle();
      const forwarded = orders[5];
      const number = forwarded?.source.externalOrderNumber ?? '';
      expect((await detailOf(forwarded?.id ?? '')).externalReferences.map((r) => r.connection)).toContain('envoy-demo');
      const closed = await sandbox.inject({
        method: 'POST',
        url: `/_sandbox/envoy/stores/samarkand.youzan.test/orders/${number}/status`,
        payload: { status: 'TRADE_CLOSED' },
      });
      expect(closed.statusCode).toBeLessThan(300);
      const fromEnvoy = await post<{ pulls: unknown[] }>(`/api/v1/orders/${forwarded?.id}/resync`);
      expect(fromEnvoy.body.pulls).toContainEqual({
        connection: 'envoy-demo',
        stream: 'order',
        outcome: 'done',
        result: { found: 1, reported: 1 },
      });
      const twice = await post<{ pulls: unknown[] }>(`/api/v1/orders/${forwarded?.id}/resync`);
      expect(twice.body.pulls).toContainEqual({
        connection: 'envoy-demo',
        stream: 'order',
        outcome: 'done',
        result: { found: 1, known: 1 },
      });
      const reported = (await hub.db.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND event_type = 'OrderSystemStatusReported'`,
        [forwarded?.id],
      )) as { n: number }[];
      expect(reported[0]?.n).toBe(1);
    });
  });

  describe('shipments', () => {
    it('lists, filters, exports and shows shipments; refuses bad filters and ids', async () => {
      const list = await get<{ data: { id: string; carrierCode: string; trackingNumber: string }[] }>(
        '/api/v1/shipments?status=shipped&carrierCode=sf',
      );
      expect(list.body.data.map((s) => s.trackingNumber)).toEqual(['SF1000000001']);
      const one = await get<{ id: string; lines: unknown[]; reportedBy: string | null }>(`/api/v1/shipments/${list.body.data[0]?.id}`);
      expect(one.status).toBe(200);
      expect(one.body.reportedBy).toBeNull();
      expect(one.body.lines.length).toBeGreaterThan(0);
      expect((await get(`/api/v1/shipments?trackingNumber=none`)).body).toMatchObject({ data: [] });
      const csv = await hub.inject({ url: '/api/v1/shipments', key: readKey, headers: { accept: 'text/csv' } });
      expect(csv.body.replace(/^\uFEFF/, '').split('\r\n')[1]).toContain('SF1000000001');
      expect((await get(`/api/v1/shipments/${randomUUID()}`)).status).toBe(404);
      expect((await get<Problem>('/api/v1/shipments/x')).body.errors?.[0]?.field).toBe('id');
      expect((await get<Problem>('/api/v1/shipments?status=lost')).body.errors?.[0]?.field).toBe('status');
      expect((await get<Problem>('/api/v1/shipments?orderId=12')).body.errors?.[0]?.field).toBe('orderId');
      expect(
        (await get<Problem>('/api/v1/shipments?shippedFrom=2020-01-01T00:00:00Z&shippedTo=2026-01-01T00:00:00Z')).body.errors?.[0]?.field,
      ).toBe('shippedTo');
    });
  });
});
