import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { TransactionRunner } from '../transaction-runner';
import { ConnectionRepository } from './connection.repository';
import { DeliveryRepository } from './delivery.repository';
import { OutboxRepository } from './outbox.repository';

describe('DeliveryRepository: the delivery queue on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const deliveries = new DeliveryRepository();
  const outbox = new OutboxRepository();
  let envoy: string;
  let nengmao: string;

  async function newDeliveries(count: number, connectionId = envoy): Promise<string[]> {
    const eventIds = Array.from({ length: count }, () => randomUUID());
    await tx.run(async (m) => {
      await outbox.append(
        m,
        eventIds.map((eventId) => ({
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
        eventIds.map((eventId) => ({
          eventId,
          route: 'orders-to-envoy',
          connectionId,
          capability: 'orderSink.createOrder',
          idempotencyKey: `${eventId}:${connectionId}`,
        })),
      );
    });
    return eventIds;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    const connections = new ConnectionRepository();
    envoy = (
      await tx.run((m) =>
        connections.create(m, { name: 'envoy-demo', provider: 'nomad-envoy', baseUrl: 'http://x', encryptedCredentials: 'v1' }),
      )
    ).id;
    nengmao = (
      await tx.run((m) =>
        connections.create(m, { name: 'nengmao-demo', provider: 'nengmao-brand', baseUrl: 'http://x', encryptedCredentials: 'v1' }),
      )
    ).id;
  });
  afterAll(() => db.drop());
  beforeEach(() => db.dataSource.query(`DELETE FROM delivery`));

  it('creates one delivery per idempotency key, however often it is asked', async () => {
    const [eventId] = await newDeliveries(1);
    const again = await tx.run((m) =>
      deliveries.createMany(m, [
        {
          eventId: eventId ?? '',
          route: 'orders-to-envoy',
          connectionId: envoy,
          capability: 'orderSink.createOrder',
          idempotencyKey: `${eventId}:${envoy}`,
        },
      ]),
    );
    expect(again).toBe(0);
    expect(await db.count('delivery')).toBe(1);
  });

  it('lets concurrent workers claim disjoint sets, so no delivery is processed twice', async () => {
    await newDeliveries(60);
    const claims = await Promise.all(
      ['w1', 'w2', 'w3'].map((workerId) => deliveries.claimDue(db.dataSource.manager, { workerId, limit: 25, leaseMs: 30_000 })),
    );
    const ids = claims.flat().map((d) => d.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(claims.flat().every((d) => d.state === 'in_flight' && d.attempts === 1)).toBe(true);
    expect(await deliveries.claimDue(db.dataSource.manager, { workerId: 'w4', limit: 25, leaseMs: 30_000 })).toEqual([]);
  });

  it('never claims more than it was asked for', async () => {
    await newDeliveries(30);
    for (const limit of [1, 7, 10]) {
      const claimed = await deliveries.claimDue(db.dataSource.manager, { workerId: `w-${limit}`, limit, leaseMs: 30_000 });
      expect(claimed).toHaveLength(limit);
    }
  });

  it('gives an expired lease to another worker and refuses the outcome of the worker that lost it', async () => {
    await newDeliveries(1);
    const [first] = await deliveries.claimDue(db.dataSource.manager, { workerId: 'crashed', limit: 1, leaseMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const [taken] = await deliveries.claimDue(db.dataSource.manager, { workerId: 'survivor', limit: 1, leaseMs: 30_000 });
    expect(taken?.id).toBe(first?.id);
    expect(taken?.attempts).toBe(2);
    expect(await deliveries.markSucceeded(db.dataSource.manager, first?.id ?? '', 'crashed', { orderId: 'late' })).toBe(false);
    expect(await deliveries.markSucceeded(db.dataSource.manager, taken?.id ?? '', 'survivor', { orderId: 'E-1' })).toBe(true);
    expect((await deliveries.findById(db.dataSource.manager, taken?.id ?? ''))?.result).toEqual({ orderId: 'E-1' });
  });

  it('records many successes in one statement, keeping only those whose lease is still the worker’s', async () => {
    await newDeliveries(3);
    const mine = await deliveries.claimDue(db.dataSource.manager, { workerId: 'w-many', limit: 3, leaseMs: 30_000 });
    const [lost] = mine;
    // Another worker owns the first row now (its lease ran out and was taken over).
    await db.dataSource.query(`UPDATE delivery SET locked_by = 'someone-else' WHERE id = $1`, [lost?.id]);
    const kept = await deliveries.markSucceededMany(
      db.dataSource.manager,
      'w-many',
      mine.map((d) => ({ id: d.id, result: { externalId: `E-${d.id}` } })),
    );
    expect([...kept].sort()).toEqual(
      mine
        .slice(1)
        .map((d) => d.id)
        .sort(),
    );
    for (const d of mine.slice(1)) {
      expect(await deliveries.findById(db.dataSource.manager, d.id)).toMatchObject({
        state: 'succeeded',
        lockedBy: null,
        result: { externalId: `E-${d.id}` },
      });
    }
    expect((await deliveries.findById(db.dataSource.manager, lost?.id ?? ''))?.state).toBe('in_flight');
  });

  it('moves a failure back into the queue at its next attempt time, and a dead one only on request', async () => {
    await newDeliveries(2);
    const [a, b] = await deliveries.claimDue(db.dataSource.manager, { workerId: 'w', limit: 2, leaseMs: 30_000 });
    await deliveries.markFailed(db.dataSource.manager, a?.id ?? '', 'w', {
      error: 'HTTP 503',
      code: '503',
      nextAttemptAt: new Date(Date.now() + 60_000),
    });
    await deliveries.markDead(db.dataSource.manager, b?.id ?? '', 'w', { error: 'unknown store', code: '404' });
    expect(await deliveries.claimDue(db.dataSource.manager, { workerId: 'w', limit: 10, leaseMs: 30_000 })).toEqual([]);
    expect(await deliveries.countByState(db.dataSource.manager)).toMatchObject({ failed: 1, dead: 1 });
    const requeued = await deliveries.requeue(db.dataSource.manager, [b?.id ?? '']);
    expect(requeued.map((d) => [d.state, d.attempts, d.lastError])).toEqual([['pending', 0, 'unknown store']]);
    const [again] = await deliveries.claimDue(db.dataSource.manager, { workerId: 'w', limit: 10, leaseMs: 30_000 });
    expect(again?.id).toBe(b?.id);
  });

  it('skips the connections a worker is told to leave alone (open breaker) and postpones without spending an attempt', async () => {
    await newDeliveries(2, envoy);
    await newDeliveries(1, nengmao);
    const claimed = await deliveries.claimDue(db.dataSource.manager, {
      workerId: 'w',
      limit: 10,
      leaseMs: 30_000,
      skipConnectionIds: [envoy],
    });
    expect(claimed.map((d) => d.connectionId)).toEqual([nengmao]);
    expect(await deliveries.postpone(db.dataSource.manager, claimed[0]?.id ?? '', 'w', new Date(Date.now() + 1000))).toBe(true);
    expect(await deliveries.findById(db.dataSource.manager, claimed[0]?.id ?? '')).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('lists deliveries by state and connection, newest first, with keyset paging', async () => {
    await newDeliveries(5);
    const page1 = await deliveries.list(db.dataSource.manager, { states: ['pending'], connectionId: envoy, limit: 3 });
    const page2 = await deliveries.list(db.dataSource.manager, {
      states: ['pending'],
      connectionId: envoy,
      limit: 3,
      afterId: page1[2]?.id,
    });
    expect(page1).toHaveLength(3);
    expect(page2).toHaveLength(2);
    expect(Number(page1[0]?.id)).toBeGreaterThan(Number(page2[0]?.id));
  });
});
