import { randomUUID } from 'node:crypto';
import { DeliveryRepository, OutboxRepository, TransactionRunner } from '@serai/persistence';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Replayed {
  requeued: number;
  ids: string[];
}

interface Problem {
  errors: { field: string; reason: string }[];
}

/** label -> [target connection, route, capability, outcome, created at] */
const PLAN: Record<string, [string, string, string, 'dead' | 'failed' | 'succeeded', string]> = {
  d1: ['envoy-main', 'orders', 'orderSink.createOrder', 'dead', '2026-11-01T00:00:00Z'],
  d2: ['envoy-main', 'orders', 'orderSink.createOrder', 'dead', '2026-11-02T00:00:00Z'],
  d3: ['envoy-main', 'cancellations', 'orderSink.cancelOrder', 'dead', '2026-11-03T00:00:00Z'],
  d4: ['pilot-main', 'orders', 'orderSink.createOrder', 'dead', '2026-11-04T00:00:00Z'],
  f5: ['envoy-main', 'orders', 'orderSink.createOrder', 'failed', '2026-11-05T00:00:00Z'],
  s6: ['envoy-main', 'orders', 'orderSink.createOrder', 'succeeded', '2026-11-06T00:00:00Z'],
};

describe('replaying deliveries by filter', () => {
  let hub: HubUnderTest;
  let readKey: string;
  let writeKey: string;
  const ids: Record<string, string> = {};

  async function seedDeliveries(): Promise<void> {
    for (const [name, provider] of [
      ['envoy-main', 'nomad-envoy'],
      ['pilot-main', 'nomad-pilot'],
    ] as const) {
      await hub.inject({
        method: 'POST',
        url: '/api/v1/connections',
        key: writeKey,
        payload: { name, provider, baseUrl: 'http://127.0.0.1:9/x', credentials: { caKey: 'k' } },
      });
    }
    const connectionIds = new Map(
      ((await hub.db.dataSource.query(`SELECT id, name FROM connection`)) as { id: string; name: string }[]).map((c) => [c.name, c.id]),
    );
    const deliveries = hub.app.get(DeliveryRepository);
    await hub.app.get(TransactionRunner).run(async (m) => {
      for (const [label, [connection, route, capability]] of Object.entries(PLAN)) {
        const eventId = randomUUID();
        await hub.app.get(OutboxRepository).append(m, [
          {
            eventId,
            eventType: 'OrderReceived',
            aggregateType: 'Order',
            aggregateId: randomUUID(),
            payload: {},
            occurredAt: new Date().toISOString(),
          },
        ]);
        await deliveries.createMany(m, [
          { eventId, route, connectionId: connectionIds.get(connection) ?? '', capability, idempotencyKey: label },
        ]);
      }
    });
    const m = hub.db.dataSource.manager;
    for (const claimed of await deliveries.claimDue(m, { workerId: 'w1', limit: 10, leaseMs: 60_000 })) {
      const [, , , outcome, createdAt] = PLAN[claimed.idempotencyKey] ?? [];
      ids[claimed.idempotencyKey] = claimed.id;
      if (outcome === 'dead') await deliveries.markDead(m, claimed.id, 'w1', { error: 'HTTP 400 from provider', code: 'HTTP_400' });
      if (outcome === 'failed')
        await deliveries.markFailed(m, claimed.id, 'w1', { error: 'HTTP 503', nextAttemptAt: new Date(Date.now() + 3_600_000) });
      if (outcome === 'succeeded') await deliveries.markSucceeded(m, claimed.id, 'w1', null);
      // The time window filter needs creation times apart from one another.
      await m.query(`UPDATE delivery SET created_at = $2 WHERE id = $1`, [claimed.id, createdAt]);
    }
  }

  const states = async (): Promise<Record<string, [string, number]>> => {
    const rows = (await hub.db.dataSource.query(`SELECT idempotency_key, state, attempts FROM delivery`)) as {
      idempotency_key: string;
      state: string;
      attempts: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.idempotency_key, [r.state, r.attempts]]));
  };

  const replay = (payload?: unknown, key = writeKey) => hub.inject({ method: 'POST', url: '/api/v1/deliveries/replay', key, payload });

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    readKey = await hub.keyWith(['read']);
    writeKey = await hub.keyWith(['write']);
    await seedDeliveries();
  });
  afterAll(() => hub.close());

  it('refuses a bad filter with 400 naming each field, and changes nothing', async () => {
    const before = await states();
    expect(before).toEqual({
      d1: ['dead', 1],
      d2: ['dead', 1],
      d3: ['dead', 1],
      d4: ['dead', 1],
      f5: ['failed', 1],
      s6: ['succeeded', 1],
    });

    const bad = await replay({ state: 'succeeded', limit: 10_001, createdFrom: '2026-11-01T00:00:00', colour: 'red' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json<Problem>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['colour', 'createdFrom', 'limit', 'state']);

    const unknown = await replay({ connection: 'nobody' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors).toEqual([{ field: 'connection', reason: 'names no connection' }]);

    const backwards = await replay({ createdFrom: '2026-11-03T00:00:00Z', createdTo: '2026-11-02T00:00:00Z' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<Problem>().errors).toEqual([{ field: 'createdTo', reason: 'must be later than createdFrom' }]);

    expect(await states()).toEqual(before);
  });

  it('refuses a key without the write scope', async () => {
    expect((await replay({}, readKey)).statusCode).toBe(403);
    expect((await states()).d1).toEqual(['dead', 1]);
  });

  it('requeues only the dead deliveries matching connection, capability, route and time window', async () => {
    const res = await replay({
      connection: 'envoy-main',
      capability: 'orderSink.createOrder',
      route: 'orders',
      createdFrom: '2026-11-01T08:00:00+08:00',
      createdTo: '2026-11-03T00:00:00Z',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Replayed>()).toEqual({ requeued: 2, ids: [ids.d1, ids.d2] });
    expect(await states()).toEqual({
      d1: ['pending', 0],
      d2: ['pending', 0],
      d3: ['dead', 1],
      d4: ['dead', 1],
      f5: ['failed', 1],
      s6: ['succeeded', 1],
    });
    const [due] = (await hub.db.dataSource.query(
      `SELECT count(*)::int AS n FROM delivery WHERE id = ANY($1::bigint[]) AND next_attempt_at <= now() AND completed_at IS NULL`,
      [[ids.d1, ids.d2]],
    )) as { n: number }[];
    expect(due?.n).toBe(2);
  });

  it('replays failed deliveries when asked, and dead ones oldest first up to the limit', async () => {
    expect((await replay({ state: 'failed' })).json<Replayed>()).toEqual({ requeued: 1, ids: [ids.f5] });
    expect((await replay({ limit: 1 })).json<Replayed>()).toEqual({ requeued: 1, ids: [ids.d3] });
    expect((await replay()).json<Replayed>()).toEqual({ requeued: 1, ids: [ids.d4] });
    expect((await replay({})).json<Replayed>()).toEqual({ requeued: 0, ids: [] });
    expect(await states()).toEqual({
      d1: ['pending', 0],
      d2: ['pending', 0],
      d3: ['pending', 0],
      d4: ['pending', 0],
      f5: ['pending', 0],
      s6: ['succeeded', 1],
    });
  });
});
