import { randomUUID } from 'node:crypto';
import { Instant } from '@serai/domain';
import { DeliveryRepository, OrderRepository, OutboxRepository, ProviderCallRepository, TransactionRunner } from '@serai/persistence';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import { buildOrder } from '../support/order-builder';

type Entry = Record<string, unknown> & { kind: 'event' | 'delivery' | 'provider_call'; at: string };

interface Timeline {
  orderId: string;
  entries: Entry[];
}

const CA_KEY = 'ca-key-that-must-never-show-9f3e';

describe('the order timeline API', () => {
  let hub: HubUnderTest;
  let readKey: string;
  let piiKey: string;
  let orderId: string;
  let otherOrderId: string;
  let receivedEventId: string;
  const deliveryIds: Record<string, string> = {};

  /**
   * One order pulled from the marketplace (an intake call traced for the order alone, before it was
   * stored), received (its OrderReceived event), delivered to envoy-main (failed once, with two
   * traced calls) and to pilot-main (succeeded); and a
   * second order whose history must not leak into the first one's.
   */
  async function seedOrderHistory(): Promise<void> {
    for (const [name, provider] of [
      ['envoy-main', 'nomad-envoy'],
      ['pilot-main', 'nomad-pilot'],
    ] as const) {
      const res = await hub.inject({
        method: 'POST',
        url: '/api/v1/connections',
        key: hub.adminKey,
        payload: { name, provider, baseUrl: 'http://127.0.0.1:9/x', credentials: { caKey: CA_KEY } },
      });
      expect(res.statusCode).toBe(201);
    }
    const connectionIds = new Map(
      ((await hub.db.dataSource.query(`SELECT id, name FROM connection`)) as { id: string; name: string }[]).map((c) => [c.name, c.id]),
    );
    const tx = hub.app.get(TransactionRunner);
    const deliveries = hub.app.get(DeliveryRepository);
    const calls = hub.app.get(ProviderCallRepository);

    const order = buildOrder({}, Instant.parse('2026-11-10T16:00:05Z'));
    const other = buildOrder({}, Instant.parse('2026-11-10T16:00:06Z'));
    orderId = order.toSnapshot().id;
    otherOrderId = other.toSnapshot().id;
    await tx.run(async (m) => {
      await hub.app.get(OrderRepository).insert(m, order);
      await hub.app.get(OrderRepository).insert(m, other);
    });
    const [received] = await hub.app.get(OutboxRepository).listForAggregate(hub.db.dataSource.manager, 'Order', orderId);
    const [otherReceived] = await hub.app.get(OutboxRepository).listForAggregate(hub.db.dataSource.manager, 'Order', otherOrderId);
    receivedEventId = received?.eventId ?? '';

    await tx.run((m) =>
      deliveries.createMany(m, [
        {
          eventId: receivedEventId,
          route: 'orders-to-envoy',
          connectionId: connectionIds.get('envoy-main') ?? '',
          capability: 'orderSink.createOrder',
          idempotencyKey: 'o1-envoy',
        },
        {
          eventId: receivedEventId,
          route: 'orders-to-pilot',
          connectionId: connectionIds.get('pilot-main') ?? '',
          capability: 'orderSink.createOrder',
          idempotencyKey: 'o1-pilot',
        },
        {
          eventId: otherReceived?.eventId ?? '',
          route: 'orders-to-envoy',
          connectionId: connectionIds.get('envoy-main') ?? '',
          capability: 'orderSink.createOrder',
          idempotencyKey: 'o2-envoy',
        },
      ]),
    );
    const m = hub.db.dataSource.manager;
    const claimed = await deliveries.claimDue(m, { workerId: 'w1', limit: 10, leaseMs: 60_000 });
    const byKey = new Map(claimed.map((d) => [d.idempotencyKey, d.id]));
    deliveryIds.envoy = byKey.get('o1-envoy') ?? '';
    deliveryIds.pilot = byKey.get('o1-pilot') ?? '';
    deliveryIds.other = byKey.get('o2-envoy') ?? '';
    await deliveries.markFailed(m, deliveryIds.envoy, 'w1', {
      error: 'HTTP 503 from Envoy',
      code: 'HTTP_503',
      nextAttemptAt: new Date(Date.now() + 60_000),
    });
    await deliveries.markSucceeded(m, deliveryIds.pilot, 'w1', { ok: true });
    await deliveries.markSucceeded(m, deliveryIds.other, 'w1', { ok: true });

    const base = Date.now() + 1_000;
    const call = {
      provider: 'nomad-envoy',
      method: 'POST',
      url: 'http://127.0.0.1:9/x/orders?token=***',
      latencyMs: 12,
    };
    await calls.insertMany(m, [
      {
        ...call,
        connectionName: 'nengmao-demo-gone',
        provider: 'nengmao-brand',
        operation: 'order/list',
        url: 'http://127.0.0.1:9/nengmao/order/list',
        attempt: 1,
        httpStatus: 200,
        outcome: 'success',
        responseBody: { orderSn: 'NM-1', receiverName: '胡***' },
        entityType: 'order',
        entityId: orderId,
        startedAt: new Date(base - 60_000),
      },
      {
        ...call,
        connectionName: 'envoy-main',
        operation: 'order/create',
        attempt: 1,
        httpStatus: 503,
        providerCode: 'UNAVAILABLE',
        outcome: 'provider_error',
        requestBody: { consignee: { name: '胡***' } },
        responseBody: { code: 'UNAVAILABLE' },
        error: 'HTTP 503',
        deliveryId: deliveryIds.envoy,
        entityType: 'order',
        entityId: orderId,
        startedAt: new Date(base + 1_000),
      },
      {
        ...call,
        connectionName: 'envoy-main',
        operation: 'order/create',
        attempt: 2,
        outcome: 'timeout',
        error: 'no answer in 10000 ms',
        deliveryId: deliveryIds.envoy,
        startedAt: new Date(base + 2_000),
      },
      {
        ...call,
        connectionName: 'envoy-main',
        operation: 'order/create',
        attempt: 1,
        httpStatus: 200,
        outcome: 'success',
        deliveryId: deliveryIds.other,
        entityType: 'order',
        entityId: otherOrderId,
        startedAt: new Date(base + 3_000),
      },
    ]);
  }

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    readKey = await hub.keyWith(['read']);
    piiKey = await hub.keyWith(['read', 'pii']);
    await seedOrderHistory();
  });
  afterAll(() => hub.close());

  const timelineOf = async (id: string, key = readKey): Promise<Timeline> => {
    const res = await hub.inject({ url: `/api/v1/orders/${id}/timeline`, key });
    expect(res.statusCode).toBe(200);
    return res.json<Timeline>();
  };

  it('lists the events, deliveries and provider calls of one order, oldest first', async () => {
    const timeline = await timelineOf(orderId);
    expect(timeline.orderId).toBe(orderId);
    const summary = timeline.entries.map((e) =>
      e.kind === 'event'
        ? ['event', e.type]
        : e.kind === 'delivery'
          ? ['delivery', e.connection, e.state]
          : ['provider_call', e.operation, e.attempt],
    );
    expect(summary).toEqual([
      ['provider_call', 'order/list', 1],
      ['event', 'OrderReceived'],
      ['delivery', 'envoy-main', 'failed'],
      ['delivery', 'pilot-main', 'succeeded'],
      ['provider_call', 'order/create', 1],
      ['provider_call', 'order/create', 2],
    ]);
    const ats = timeline.entries.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
  });

  it('shows each entry with the values recorded for it', async () => {
    const [intake, event, envoy, pilot, first, second] = (await timelineOf(orderId)).entries;
    expect(event).toMatchObject({
      kind: 'event',
      eventId: receivedEventId,
      type: 'OrderReceived',
      occurredAt: '2026-11-10T16:00:05.000Z',
      payload: { status: 'received', totalPaid: { amount: '3810.00', currency: 'CNY' } },
    });
    expect(envoy).toMatchObject({
      kind: 'delivery',
      id: deliveryIds.envoy,
      eventId: receivedEventId,
      route: 'orders-to-envoy',
      connection: 'envoy-main',
      capability: 'orderSink.createOrder',
      state: 'failed',
      attempts: 1,
      lastError: 'HTTP 503 from Envoy',
      lastErrorCode: 'HTTP_503',
      completedAt: null,
    });
    expect(pilot).toMatchObject({ id: deliveryIds.pilot, state: 'succeeded', attempts: 1, lastError: null });
    expect(typeof pilot?.completedAt).toBe('string');
    expect(intake).toMatchObject({
      kind: 'provider_call',
      deliveryId: null,
      connection: null,
      operation: 'order/list',
      httpStatus: 200,
      outcome: 'success',
      requestBody: null,
      responseBody: { orderSn: 'NM-1', receiverName: '胡***' },
    });
    expect(first).toMatchObject({
      kind: 'provider_call',
      deliveryId: deliveryIds.envoy,
      connection: 'envoy-main',
      method: 'POST',
      url: 'http://127.0.0.1:9/x/orders?token=***',
      attempt: 1,
      httpStatus: 503,
      providerCode: 'UNAVAILABLE',
      outcome: 'provider_error',
      latencyMs: 12,
      requestBody: { consignee: { name: '胡***' } },
      responseBody: { code: 'UNAVAILABLE' },
      error: 'HTTP 503',
    });
    expect(second).toMatchObject({
      deliveryId: deliveryIds.envoy,
      attempt: 2,
      outcome: 'timeout',
      httpStatus: null,
      error: 'no answer in 10000 ms',
    });
  });

  it("keeps another order's history and every connection secret out", async () => {
    const res = await hub.inject({ url: `/api/v1/orders/${orderId}/timeline`, key: readKey });
    expect(res.body).not.toContain(otherOrderId);
    expect(res.body).not.toContain(CA_KEY);
    const own = res.json<Timeline>().entries;
    expect(own.filter((e) => e.kind === 'delivery').map((e) => e.id)).toEqual([deliveryIds.envoy, deliveryIds.pilot]);
    expect(own.filter((e) => e.kind === 'provider_call').map((e) => e.deliveryId)).toEqual([null, deliveryIds.envoy, deliveryIds.envoy]);
    const other = await timelineOf(otherOrderId);
    expect(other.entries.map((e) => [e.kind, e.kind === 'delivery' ? e.id : e.kind === 'provider_call' ? e.deliveryId : e.type])).toEqual([
      ['event', 'OrderReceived'],
      ['delivery', deliveryIds.other],
      ['provider_call', deliveryIds.other],
    ]);
  });

  it('masks the consignee in event payloads unless the key has the pii scope', async () => {
    // No domain event carries a party today; this one stands for the first that will.
    await hub.app.get(TransactionRunner).run((m) =>
      hub.app.get(OutboxRepository).append(m, [
        {
          eventId: randomUUID(),
          eventType: 'OrderConsigneeCorrected',
          aggregateType: 'Order',
          aggregateId: orderId,
          payload: {
            consignee: {
              name: '胡轩',
              mobile: '13912345678',
              address: { country: '中国', city: '深圳市', street: '梅林街道 翰岭院111栋11B' },
            },
            buyer: 'a buyer as a bare string',
          },
          occurredAt: new Date().toISOString(),
        },
      ]),
    );
    const masked = (await timelineOf(orderId, readKey)).entries.find((e) => e.type === 'OrderConsigneeCorrected');
    expect(masked?.payload).toEqual({
      consignee: { name: '胡*', mobile: '*******5678', address: { country: '中国', city: '深圳市', street: '***' } },
      buyer: '***',
    });
    const clear = (await timelineOf(orderId, piiKey)).entries.find((e) => e.type === 'OrderConsigneeCorrected');
    expect(clear?.payload).toMatchObject({ consignee: { name: '胡轩', mobile: '13912345678' }, buyer: 'a buyer as a bare string' });
  });

  it('answers 404 for an unknown order, 400 naming the id for a malformed one, and 403 without the read scope', async () => {
    const unknown = await hub.inject({ url: `/api/v1/orders/${randomUUID()}/timeline`, key: readKey });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const malformed = await hub.inject({ url: '/api/v1/orders/not-an-id/timeline', key: readKey });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.json<{ errors: unknown[] }>().errors).toEqual([{ field: 'id', reason: 'must be an order id (a UUID)' }]);
    const piiOnly = await hub.keyWith(['pii']);
    expect((await hub.inject({ url: `/api/v1/orders/${orderId}/timeline`, key: piiOnly })).statusCode).toBe(403);
  });
});
