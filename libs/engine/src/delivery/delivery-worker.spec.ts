import { randomUUID } from 'node:crypto';
import { ConnectionRepository, DeliveryRepository, OutboxRepository, TransactionRunner } from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import type { ProviderConnector } from '../ports/capabilities';
import { DEFAULT_WORKER_OPTIONS, DeliveryHandler, DeliveryWorker, DeliveryWorkerOptions } from './delivery-worker';

/** Shaped like the connectors' ProviderError: the engine reads only these fields. */
class FakeProviderError extends Error {
  constructor(
    readonly retryable: boolean,
    readonly kind: string,
    readonly code: string,
  ) {
    super(`provider said ${code}`);
  }
}

const connector: ProviderConnector = { testConnection: async () => ({ ok: true, message: 'ok', latencyMs: 1 }) };

describe('DeliveryWorker on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const deliveries = new DeliveryRepository();
  const outbox = new OutboxRepository();
  let envoy: string;
  let pilot: string;
  const names = new Map<string, string>();

  const resolver = { resolve: async (id: string) => (names.has(id) ? { connector, connectionName: names.get(id) ?? '' } : undefined) };

  async function enqueue(count: number, connectionId: string, capability = 'orderSink.createOrder'): Promise<void> {
    const ids = Array.from({ length: count }, () => randomUUID());
    await tx.run(async (m) => {
      await outbox.append(
        m,
        ids.map((eventId) => ({
          eventId,
          eventType: 'OrderReceived',
          aggregateType: 'Order',
          aggregateId: randomUUID(),
          payload: {},
          occurredAt: new Date().toISOString(),
        })),
      );
      await deliveries.createMany(
        m,
        ids.map((eventId) => ({
          eventId,
          route: 'r',
          connectionId,
          capability,
          idempotencyKey: `${eventId}:${connectionId}:${capability}`,
        })),
      );
    });
  }

  function worker(handler: DeliveryHandler['execute'], overrides: Partial<DeliveryWorkerOptions> = {}, workerId = 'w1'): DeliveryWorker {
    return new DeliveryWorker(
      db.dataSource.manager,
      deliveries,
      outbox,
      resolver,
      [{ capability: 'orderSink.createOrder', execute: handler }],
      { ...DEFAULT_WORKER_OPTIONS, workerId, backoff: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 }, ...overrides },
      {},
      () => 0,
    );
  }

  const states = async () => deliveries.countByState(db.dataSource.manager);
  const drain = async (w: DeliveryWorker, rounds = 20) => {
    for (let i = 0; i < rounds; i += 1) {
      await w.runOnce();
      await new Promise((r) => setTimeout(r, 3));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    const connections = new ConnectionRepository();
    envoy = (
      await tx.run((m) =>
        connections.create(m, { name: 'envoy-demo', provider: 'nomad-envoy', baseUrl: 'http://x', encryptedCredentials: 'v1' }),
      )
    ).id;
    pilot = (
      await tx.run((m) =>
        connections.create(m, { name: 'pilot-demo', provider: 'nomad-pilot', baseUrl: 'http://x', encryptedCredentials: 'v1' }),
      )
    ).id;
    names.set(envoy, 'envoy-demo').set(pilot, 'pilot-demo');
  });
  afterAll(() => db.drop());
  beforeEach(() => db.dataSource.query('DELETE FROM delivery'));

  it('two workers share 200 deliveries and each is carried out exactly once', async () => {
    await enqueue(200, envoy);
    const calls = new Map<string, number>();
    const handler: DeliveryHandler['execute'] = async ({ delivery }) => {
      calls.set(delivery.id, (calls.get(delivery.id) ?? 0) + 1);
      return { externalId: `E-${delivery.id}` };
    };
    const limits = { rateLimit: { requestsPerSecond: 100_000, maxConcurrency: 100 } };
    const a = worker(handler, limits, 'a');
    const b = worker(handler, limits, 'b');
    a.start();
    b.start();
    for (let i = 0; i < 200 && (await states()).succeeded < 200; i += 1) await new Promise((r) => setTimeout(r, 25));
    await Promise.all([a.stop(), b.stop()]);
    expect((await states()).succeeded).toBe(200);
    expect(calls.size).toBe(200);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  it('claims deliveries committed meanwhile as soon as it is woken, not at the end of its idle wait', async () => {
    const done: number[] = [];
    const w = worker(
      async () => {
        done.push(Date.now());
        return { externalId: 'E' };
      },
      { idlePollMs: 60_000 },
    );
    w.start();
    // Let the first (empty) claim happen, so the loop is in its idle wait.
    await new Promise((r) => setTimeout(r, 200));
    await enqueue(3, envoy);
    const woken = Date.now();
    w.wake();
    for (let i = 0; i < 200 && (await states()).succeeded < 3; i += 1) await new Promise((r) => setTimeout(r, 25));
    await w.stop();
    expect((await states()).succeeded).toBe(3);
    // Far within the minute-long idle wait: the wake started the claim.
    expect(Math.max(...done) - woken).toBeLessThan(30_000);
  });

  it('retries a retryable failure with backoff and succeeds on a later attempt', async () => {
    await enqueue(1, envoy);
    let calls = 0;
    const w = worker(async () => {
      calls += 1;
      if (calls < 3) throw new FakeProviderError(true, 'http', '503');
      return { externalId: 'E-1' };
    });
    await drain(w);
    const [row] = await deliveries.list(db.dataSource.manager, { limit: 1 });
    expect(row).toMatchObject({ state: 'succeeded', attempts: 3, result: { externalId: 'E-1' }, lastError: null });
  });

  it('sends a permanent failure to the dead letters at once, with its reason', async () => {
    await enqueue(1, envoy);
    let calls = 0;
    await drain(
      worker(async () => {
        calls += 1;
        throw new FakeProviderError(false, 'provider', '410');
      }),
    );
    const [row] = await deliveries.list(db.dataSource.manager, { limit: 1 });
    expect(calls).toBe(1);
    expect(row).toMatchObject({ state: 'dead', attempts: 1, lastErrorCode: '410', lastError: 'provider said 410' });
  });

  it('gives up after the attempt budget and says so', async () => {
    await enqueue(1, envoy);
    await drain(
      worker(async () => Promise.reject(new FakeProviderError(true, 'timeout', 'TIMEOUT')), {
        breaker: { failureThreshold: 100, openMs: 1 },
      }),
    );
    const [row] = await deliveries.list(db.dataSource.manager, { limit: 1 });
    expect(row).toMatchObject({ state: 'dead', attempts: 3, lastErrorCode: 'TIMEOUT' });
    expect(row?.lastError).toMatch(/^gave up after 3 attempts/);
  });

  it('a failing provider opens its breaker and its deliveries wait, while other connections go on', async () => {
    await enqueue(6, envoy);
    await enqueue(4, pilot);
    const handled: string[] = [];
    const w = worker(
      async ({ connectionName }) => {
        handled.push(connectionName);
        if (connectionName === 'envoy-demo') throw new FakeProviderError(true, 'transport', 'ECONNREFUSED');
        return {};
      },
      { breaker: { failureThreshold: 2, openMs: 60_000 }, backoff: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 50 }, batchSize: 1 },
    );
    await drain(w, 30);
    expect(w.breakerOf(envoy).state).toBe('open');
    expect(handled.filter((n) => n === 'envoy-demo')).toHaveLength(2);
    expect(handled.filter((n) => n === 'pilot-demo')).toHaveLength(4);
    const envoyRows = await deliveries.list(db.dataSource.manager, { connectionId: envoy, limit: 10 });
    expect(envoyRows.every((d) => d.state === 'pending' || d.state === 'failed')).toBe(true);
  });

  it('never has more calls in flight to one connection than its concurrency allows', async () => {
    await enqueue(12, envoy);
    let active = 0;
    let peak = 0;
    const w = worker(
      async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 20));
        active -= 1;
        return {};
      },
      { rateLimit: { requestsPerSecond: 10_000, maxConcurrency: 3 } },
    );
    await drain(w, 40);
    expect((await states()).succeeded).toBe(12);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('dead-letters a delivery nobody can carry out (no handler, or its connection is gone)', async () => {
    await enqueue(1, envoy, 'unknown.capability');
    await drain(
      worker(async () => ({})),
      2,
    );
    const [row] = await deliveries.list(db.dataSource.manager, { limit: 1 });
    expect(row).toMatchObject({ state: 'dead', lastErrorCode: 'UNROUTABLE' });
  });
});
