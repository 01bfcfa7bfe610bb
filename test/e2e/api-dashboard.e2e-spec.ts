import { randomUUID } from 'node:crypto';
import { DeliveryRepository, OrderRepository, OutboxRepository, ProviderCallRepository, TransactionRunner } from '@serai/persistence';
import { buildOrder } from '../support/order-builder';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Dashboard {
  since: string;
  ordersPerHour: { hour: string; source: string; orders: number }[];
  providers: {
    connection: string;
    breaker: string;
    calls: number;
    callFailureRate: number;
    p50LatencyMs: number | null;
    p95LatencyMs: number | null;
    deliveries: number;
    deliveryFailureRate: number;
    deadLetters: number;
    pendingDeliveries: number;
  }[];
  deadLetters: number;
  sync: { connection: string; stream: string; lagSeconds: number | null; lastError: string | null; running: boolean }[];
}

describe('the dashboard API (e2e)', () => {
  let hub: HubUnderTest;
  let readKey: string;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    readKey = await hub.keyWith(['read']);
    for (const [name, provider] of [
      ['envoy-main', 'nomad-envoy'],
      ['nengmao-main', 'nengmao-brand'],
    ] as const) {
      const created = await hub.inject({
        method: 'POST',
        url: '/api/v1/connections',
        key: hub.adminKey,
        payload: {
          name,
          provider,
          baseUrl: 'http://127.0.0.1:9/x',
          credentials: provider === 'nomad-envoy' ? { caKey: 'k' } : { appKey: 'a', appSecret: 's' },
        },
      });
      expect(created.statusCode).toBe(201);
    }
    const ids = new Map(
      ((await hub.db.dataSource.query(`SELECT id, name FROM connection`)) as { id: string; name: string }[]).map((c) => [c.name, c.id]),
    );
    const tx = hub.app.get(TransactionRunner);
    await tx.run(async (m) => {
      const orders = hub.app.get(OrderRepository);
      for (let i = 0; i < 3; i += 1)
        await orders.insert(m, buildOrder({ source: { connectionName: 'nengmao-main', externalOrderNumber: `NM-${i}` } }));
      await orders.insert(m, buildOrder({ source: { connectionName: 'tmg-main', externalOrderNumber: 'TMG-1' } }));
      const outbox = hub.app.get(OutboxRepository);
      const deliveries = hub.app.get(DeliveryRepository);
      for (const state of ['succeeded', 'succeeded', 'dead', 'pending']) {
        const eventId = randomUUID();
        await outbox.append(m, [
          {
            eventId,
            eventType: 'OrderReceived',
            aggregateType: 'order',
            aggregateId: randomUUID(),
            payload: {},
            occurredAt: new Date().toISOString(),
          },
        ]);
        await deliveries.createMany(m, [
          { eventId, route: 'r', connectionId: ids.get('envoy-main')!, capability: 'orderSink.createOrder', idempotencyKey: eventId },
        ]);
        if (state !== 'pending') {
          await m.query(`UPDATE delivery SET state = $1, completed_at = now(), last_error = $2 WHERE event_id = $3`, [
            state,
            state === 'dead' ? 'gone' : null,
            eventId,
          ]);
        }
      }
      await m.query(
        `INSERT INTO sync_cursor (connection_id, stream, last_run_at, last_success_at, last_error) VALUES ($1, 'marketplace-new-orders', now(), now() - interval '90 seconds', 'timeout')`,
        [ids.get('nengmao-main')],
      );
    });
    await hub.app.get(ProviderCallRepository).insertMany(
      hub.db.dataSource.manager,
      [10, 20, 30, 40].map((latencyMs, i) => ({
        connectionName: 'envoy-main',
        provider: 'nomad-envoy',
        operation: 'order/create',
        method: 'POST',
        url: 'http://127.0.0.1:9/x',
        attempt: 1,
        outcome: i === 3 ? ('timeout' as const) : ('success' as const),
        latencyMs,
        startedAt: new Date(),
      })),
    );
  });
  afterAll(() => hub.close());

  it('counts orders per hour by source, each provider’s calls, failures, latency and dead letters, and each stream’s lag', async () => {
    const res = await hub.inject({ url: '/api/v1/dashboard?hours=24', key: readKey });
    expect(res.statusCode).toBe(200);
    const body = res.json<Dashboard>();
    const bySource = Object.fromEntries(body.ordersPerHour.map((r) => [r.source, r.orders]));
    expect(bySource).toEqual({ 'nengmao-main': 3, 'tmg-main': 1 });
    const envoy = body.providers.find((p) => p.connection === 'envoy-main');
    expect(envoy).toMatchObject({
      calls: 4,
      callFailureRate: 0.25,
      p50LatencyMs: 25,
      deliveries: 4,
      deliveryFailureRate: 0.25,
      deadLetters: 1,
      pendingDeliveries: 1,
    });
    expect(envoy?.p95LatencyMs).toBe(39);
    // An API-only process runs no deliveries, so it cannot know the breakers: it says so.
    expect(envoy?.breaker).toBe('unknown');
    expect(body.providers.find((p) => p.connection === 'nengmao-main')).toMatchObject({ calls: 0, callFailureRate: 0, p95LatencyMs: null });
    expect(body.deadLetters).toBe(1);
    const [stream] = body.sync;
    expect(stream).toMatchObject({ connection: 'nengmao-main', stream: 'marketplace-new-orders', lastError: 'timeout', running: false });
    expect(stream?.lagSeconds).toBeGreaterThanOrEqual(90);
    expect(stream?.lagSeconds).toBeLessThan(150);
  });

  it('refuses an out-of-range window with a 400 naming the field, and a call without a key with 401', async () => {
    const res = await hub.inject({ url: '/api/v1/dashboard?hours=1000', key: readKey });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('hours');
    expect((await hub.inject({ url: '/api/v1/dashboard' })).statusCode).toBe(401);
  });
});
