import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { TransactionRunner } from '../transaction-runner';
import { UniqueViolation } from '../unique-violation';
import { ConnectionNameTaken, ConnectionRepository } from './connection.repository';
import { ExternalRefConflict, ExternalRefRepository } from './external-ref.repository';
import { OutboxEventInput, OutboxEventRow, OutboxRepository } from './outbox.repository';

function event(aggregateId: string, eventType = 'OrderReceived'): OutboxEventInput {
  return {
    eventId: randomUUID(),
    eventType,
    aggregateType: 'order',
    aggregateId,
    payload: { totalPaid: { amount: '12.50', currency: 'CNY' } },
    occurredAt: '2026-11-11T00:00:05+08:00',
  };
}

describe('outbox, external refs and connections on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const outbox = new OutboxRepository();
  const refs = new ExternalRefRepository();
  const connections = new ConnectionRepository();
  let connectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    const created = await tx.run((m) =>
      connections.create(m, {
        name: 'nengmao-demo',
        provider: 'nengmao-brand',
        baseUrl: 'http://localhost:4100/nengmao',
        encryptedCredentials: 'v1.x.y.z',
      }),
    );
    connectionId = created.id;
  });
  afterAll(() => db.drop());

  it('commits a change and its outbox event together', async () => {
    const orderId = randomUUID();
    await tx.run(async (m) => {
      await refs.bind(m, { entityType: 'order', entityId: orderId, connectionId, externalId: 'NM-1001' });
      await outbox.append(m, [event(orderId)]);
    });
    expect(await refs.findEntityId(db.dataSource.manager, connectionId, 'order', 'NM-1001')).toBe(orderId);
    const events = await outbox.listForAggregate(db.dataSource.manager, 'order', orderId);
    expect(events.map((e) => e.eventType)).toEqual(['OrderReceived']);
    expect(events[0]?.payload).toEqual({ totalPaid: { amount: '12.50', currency: 'CNY' } });
    expect(events[0]?.occurredAt).toBe('2026-11-10T16:00:05.000Z');
  });

  it('rolls back the change when its outbox event cannot be written, and the event when the change fails', async () => {
    const orderId = randomUUID();
    const duplicate = event(orderId);
    await tx.run((m) => outbox.append(m, [duplicate]));
    const before = { refs: await db.count('external_ref'), events: await db.count('outbox_event') };

    await expect(
      tx.run(async (m) => {
        await refs.bind(m, { entityType: 'order', entityId: orderId, connectionId, externalId: 'NM-2002' });
        await outbox.append(m, [duplicate]);
      }),
    ).rejects.toThrow(/outbox_event_event_id_key|duplicate key/);

    await expect(
      tx.run(async (m) => {
        await outbox.append(m, [event(orderId, 'OrderAcknowledged')]);
        await refs.insert(m, { entityType: 'order', entityId: randomUUID(), connectionId, externalId: 'NM-1001' });
      }),
    ).rejects.toBeInstanceOf(UniqueViolation);

    expect({ refs: await db.count('external_ref'), events: await db.count('outbox_event') }).toEqual(before);
    expect(await refs.findEntityId(db.dataSource.manager, connectionId, 'order', 'NM-2002')).toBeUndefined();
  });

  it('keeps an external id unique per connection and entity type, and binding twice is harmless', async () => {
    const orderId = randomUUID();
    await tx.run((m) => refs.bind(m, { entityType: 'order', entityId: orderId, connectionId, externalId: 'NM-3003' }));
    await tx.run((m) => refs.bind(m, { entityType: 'order', entityId: orderId, connectionId, externalId: 'NM-3003' }));
    await expect(
      tx.run((m) => refs.bind(m, { entityType: 'order', entityId: randomUUID(), connectionId, externalId: 'NM-3003' })),
    ).rejects.toBeInstanceOf(ExternalRefConflict);
    // The same external id is free for another entity type or another kind of id.
    await tx.run((m) => refs.bind(m, { entityType: 'return', entityId: randomUUID(), connectionId, externalId: 'NM-3003' }));
    await tx.run((m) =>
      refs.bind(m, { entityType: 'order', entityId: orderId, connectionId, externalId: 'NM-3003', kind: 'clientOrderRef' }),
    );
    const bound = await refs.listForEntity(db.dataSource.manager, 'order', orderId);
    expect(bound.map((r) => r.kind)).toEqual(['primary', 'clientOrderRef']);
  });

  it('refuses a second connection with the same name', async () => {
    await expect(
      tx.run((m) =>
        connections.create(m, { name: 'nengmao-demo', provider: 'nengmao-brand', baseUrl: 'http://x', encryptedCredentials: 'v1.a.b.c' }),
      ),
    ).rejects.toBeInstanceOf(ConnectionNameTaken);
  });

  it('refuses a second delivery with the same idempotency key', async () => {
    const first = event(randomUUID());
    await tx.run((m) => outbox.append(m, [first]));
    const insert = (eventId: string, capability: string) =>
      db.dataSource.query(
        `INSERT INTO delivery (event_id, route, connection_id, capability, idempotency_key) VALUES ($1, 'orders-to-envoy', $2, $3, 'key-1')`,
        [eventId, connectionId, capability],
      );
    await insert(first.eventId, 'OrderSink.create');
    await expect(insert(first.eventId, 'OrderSink.other')).rejects.toThrow(/delivery_idempotency_key_key/);
  });

  it('hands undispatched events to one dispatcher at a time, oldest first, and takes them back when its transaction rolls back', async () => {
    const a = event(randomUUID());
    const b = event(randomUUID());
    await tx.run((m) => outbox.append(m, [a, b]));
    const claimWithin = async (end: 'commit' | 'rollback'): Promise<{ first: OutboxEventRow[]; second: OutboxEventRow[] }> => {
      const runner = db.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        const first = await outbox.claimForDispatch(runner.manager, 1000);
        const second = await tx.run((m) => outbox.claimForDispatch(m, 1000));
        if (end === 'commit') await runner.commitTransaction();
        else await runner.rollbackTransaction();
        return { first, second };
      } finally {
        await runner.release();
      }
    };
    const rolledBack = await claimWithin('rollback');
    expect(rolledBack.second).toEqual([]);
    const claimed = await claimWithin('commit');
    expect(claimed.first.map((e) => e.eventId)).toEqual(rolledBack.first.map((e) => e.eventId));
    const ids = claimed.first.map((e) => e.eventId);
    expect(ids.indexOf(b.eventId)).toBeGreaterThan(ids.indexOf(a.eventId));
    expect(claimed.first.map((e) => BigInt(e.position))).toEqual(
      [...claimed.first.map((e) => BigInt(e.position))].sort((x, y) => (x < y ? -1 : 1)),
    );
    expect(claimed.second).toEqual([]);
    expect(await tx.run((m) => outbox.claimForDispatch(m, 1000))).toEqual([]);
  });
});
