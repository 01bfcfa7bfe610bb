import { Instant, Shipment } from '@serai/domain';
import { PiiDigest } from '@serai/common';
import { buildOrder } from '../../../../test/support/order-builder';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { TransactionRunner } from '../transaction-runner';
import { DuplicateOrder, OrderRepository, StaleOrder } from './order.repository';
import { OutboxRepository } from './outbox.repository';
import { ExternalRefRepository } from './external-ref.repository';

describe('OrderRepository on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const outbox = new OutboxRepository();
  const digest = new PiiDigest(Buffer.alloc(32, 5).toString('base64'));
  const orders = new OrderRepository(outbox, digest);

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
  });
  afterAll(() => db.drop());

  it('stores an order with its lines and reads back an equal aggregate, amounts to the cent', async () => {
    const order = buildOrder();
    const snapshot = order.toSnapshot();
    await tx.run((m) => orders.insert(m, order, { orderSn: snapshot.source.externalOrderNumber }));
    const found = await orders.findById(db.dataSource.manager, order.id);
    expect(found?.version).toBe(1);
    const back = found?.order.toSnapshot();
    expect(back?.amounts.totalPaid.toString()).toBe('3810.00');
    expect(back?.lines.map((l) => [l.lineId, l.sku.sku, l.quantity, l.unitPrice.amount, l.tax?.amount])).toEqual([
      ['L1', 'SKU-000001', 1, '1636.57', '161.82'],
      ['L2', 'SKU-000002', 2, '915.305', '181.00'],
    ]);
    expect(back?.consignee).toEqual(snapshot.consignee);
    expect(back?.payment?.paidAt?.toISOString()).toBe('2026-11-10T16:00:05.000Z');
    expect(back?.status).toBe('received');
  });

  it('writes the events the order recorded to the outbox in the same transaction', async () => {
    const order = buildOrder();
    await tx.run((m) => orders.insert(m, order));
    const events = await outbox.listForAggregate(db.dataSource.manager, 'Order', order.id);
    expect(events.map((e) => e.eventType)).toEqual(['OrderReceived']);
  });

  it('rolls back the order when the transaction fails after it, leaving neither order nor event', async () => {
    const order = buildOrder();
    const before = { orders: await db.count('sales_order'), events: await db.count('outbox_event') };
    await expect(
      tx.run(async (m) => {
        await orders.insert(m, order);
        throw new Error('crash after the insert');
      }),
    ).rejects.toThrow('crash after the insert');
    expect({ orders: await db.count('sales_order'), events: await db.count('outbox_event') }).toEqual(before);
  });

  it('refuses the same source order twice, naming the stored one, and the transaction can go on', async () => {
    const first = buildOrder();
    await tx.run((m) => orders.insert(m, first));
    const again = buildOrder({ source: first.source });
    const outcome = await tx.run(async (m) => {
      try {
        await orders.insert(m, again);
        return 'inserted';
      } catch (error) {
        expect(error).toBeInstanceOf(DuplicateOrder);
        expect((error as DuplicateOrder).existingId).toBe(first.id);
        return (await m.query('SELECT 1 AS ok'))[0].ok === 1 ? 'still usable' : 'broken';
      }
    });
    expect(outcome).toBe('still usable');
    expect(await orders.findIdBySource(db.dataSource.manager, first.source.connectionName, first.source.externalOrderNumber)).toBe(
      first.id,
    );
  });

  it('saves transitions with their events and refuses a stale writer', async () => {
    const order = buildOrder();
    await tx.run((m) => orders.insert(m, order));
    const loaded = await orders.findById(db.dataSource.manager, order.id);
    const mine = loaded?.order;
    if (!mine || !loaded) throw new Error('order not found');
    mine.acknowledge(Instant.parse('2026-11-10T16:01:00Z'));
    mine.markForwarded(Instant.parse('2026-11-10T16:02:00Z'));
    mine.recordShipment(
      Shipment.record({
        id: '7d1f0c3e-1111-4a3b-9c1d-000000000001',
        orderId: order.id,
        carrierCode: 'sf',
        trackingNumber: 'SF1234567890',
        lines: [{ lineId: 'L1', quantity: 1 }],
      }),
      Instant.parse('2026-11-10T18:00:00Z'),
    );
    const version = await tx.run((m) => orders.update(m, mine, loaded.version));
    expect(version).toBe(2);
    const back = (await orders.findById(db.dataSource.manager, order.id))?.order;
    expect(back?.status).toBe('partially_shipped');
    expect(back?.line('L1')?.shippedQuantity).toBe(1);
    expect(back?.shipmentIds).toEqual(['7d1f0c3e-1111-4a3b-9c1d-000000000001']);
    const types = (await outbox.listForAggregate(db.dataSource.manager, 'Order', order.id)).map((e) => e.eventType);
    expect(types).toEqual(['OrderReceived', 'OrderAcknowledged', 'OrderForwarded', 'OrderPartiallyShipped']);

    const stale = (await orders.findById(db.dataSource.manager, order.id))?.order;
    stale?.hold('address check');
    await expect(tx.run((m) => orders.update(m, stale ?? mine, loaded.version))).rejects.toBeInstanceOf(StaleOrder);
  });

  it('stores a page of orders in one go, skipping those already stored, with the lines and events of the new ones only', async () => {
    const stored = buildOrder();
    await tx.run((m) => orders.insert(m, stored));
    const fresh = [buildOrder(), buildOrder()];
    const again = buildOrder({ source: stored.source });
    const orderEvents = async (): Promise<number> =>
      ((await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_type = 'Order'`)) as { n: number }[])[0]
        ?.n ?? 0;
    const events = await orderEvents();
    const reservations = await db.count('inventory_reservation');
    const inserted = await tx.run((m) =>
      orders.insertMany(m, [...fresh.map((order) => ({ order, raw: { orderSn: order.source.externalOrderNumber } })), { order: again }]),
    );
    expect([...inserted].sort()).toEqual(fresh.map((o) => o.id).sort());
    expect(await orderEvents()).toBe(events + 2);
    // The duplicate reserves nothing: only the new orders' lines hold stock.
    expect(await db.count('inventory_reservation')).toBe(reservations + fresh.reduce((n, o) => n + o.lines.length, 0));
    expect(await orders.findById(db.dataSource.manager, again.id)).toBeUndefined();
    const back = await orders.findManyBySource(
      db.dataSource.manager,
      'nengmao-demo',
      [...fresh, stored].map((o) => o.source.externalOrderNumber),
    );
    expect(back.map((f) => f.order.id).sort()).toEqual([...fresh, stored].map((o) => o.id).sort());
    expect(
      back
        .find((f) => f.order.id === fresh[0]?.id)
        ?.order.toSnapshot()
        .lines.map((l) => l.unitPrice.amount),
    ).toEqual(['1636.57', '915.305']);
  });

  it('writes nothing of a stale update: neither its lines nor its events', async () => {
    const order = buildOrder();
    await tx.run((m) => orders.insert(m, order));
    const first = await orders.findById(db.dataSource.manager, order.id);
    const second = await orders.findById(db.dataSource.manager, order.id);
    if (!first || !second) throw new Error('order not found');
    first.order.acknowledge(Instant.parse('2026-11-10T16:01:00Z'));
    await tx.run((m) => orders.update(m, first.order, first.version));
    second.order.acknowledge(Instant.parse('2026-11-10T16:01:00Z'));
    second.order.markForwarded(Instant.parse('2026-11-10T16:02:00Z'));
    await expect(tx.run((m) => orders.update(m, second.order, second.version))).rejects.toBeInstanceOf(StaleOrder);
    const types = (await outbox.listForAggregate(db.dataSource.manager, 'Order', order.id)).map((e) => e.eventType);
    expect(types).toEqual(['OrderReceived', 'OrderAcknowledged']);
  });

  it('updates many orders in one go, with their events, and refuses the whole group when one is stale', async () => {
    const group = [buildOrder(), buildOrder(), buildOrder()];
    await tx.run((m) =>
      orders.insertMany(
        m,
        group.map((order) => ({ order })),
      ),
    );
    const numbers = group.map((o) => o.source.externalOrderNumber);
    const loaded = await orders.findManyBySource(db.dataSource.manager, 'nengmao-demo', numbers);
    for (const found of loaded) found.order.acknowledge(Instant.parse('2026-11-10T16:01:00Z'));
    await tx.run((m) =>
      orders.updateMany(
        m,
        loaded.map((f) => ({ order: f.order, expectedVersion: f.version })),
      ),
    );
    const back = await orders.findManyBySource(db.dataSource.manager, 'nengmao-demo', numbers);
    expect(back.map((f) => [f.order.status, f.version])).toEqual(group.map(() => ['acknowledged', 2]));
    expect(back[0]?.order.toSnapshot().amounts.totalPaid.toString()).toBe('3810.00');
    const types = (await outbox.listForAggregate(db.dataSource.manager, 'Order', group[1]?.id ?? '')).map((e) => e.eventType);
    expect(types).toEqual(['OrderReceived', 'OrderAcknowledged']);

    // Two of them forwarded on a current version, one on an old one: nothing of the group is written.
    for (const found of back) found.order.markForwarded(Instant.parse('2026-11-10T16:02:00Z'));
    const changes = back.map((f, i) => ({ order: f.order, expectedVersion: i === 2 ? 1 : f.version }));
    await expect(tx.run((m) => orders.updateMany(m, changes))).rejects.toBeInstanceOf(StaleOrder);
    const after = await orders.findManyBySource(db.dataSource.manager, 'nengmao-demo', numbers);
    expect(after.map((f) => f.order.status)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
  });

  it('finds orders by phone through a keyed digest, never storing the phone in the index', async () => {
    const order = buildOrder();
    await tx.run((m) => orders.insert(m, order));
    const rows = (await db.dataSource.query(`SELECT consignee_phone_digest FROM sales_order WHERE id = $1`, [order.id])) as {
      consignee_phone_digest: string;
    }[];
    expect(rows[0]?.consignee_phone_digest).toBe(digest.phone('+86 139 1234 5678'));
    expect(rows[0]?.consignee_phone_digest).not.toContain('13912345678');
  });

  describe('updateBinding: the order written and an external id bound in one statement', () => {
    const refs = new ExternalRefRepository();
    let connectionId: string;
    beforeAll(async () => {
      const [row] = (await db.dataSource.manager.query(
        `INSERT INTO connection (id, name, provider, base_url, credentials) VALUES (gen_random_uuid(), 'envoy-bind-test', 'nomad-envoy', 'http://x', 'x') RETURNING id`,
      )) as { id: string }[];
      connectionId = String(row?.id);
    });

    const acknowledgedOrder = async () => {
      const order = buildOrder();
      await tx.run((m) => orders.insert(m, order));
      const loaded = await orders.findById(db.dataSource.manager, order.id);
      if (!loaded) throw new Error('order not found');
      loaded.order.acknowledge(Instant.parse('2026-11-10T16:01:00Z'));
      const version = await tx.run((m) => orders.update(m, loaded.order, loaded.version));
      const again = await orders.findById(db.dataSource.manager, order.id);
      if (!again) throw new Error('order not found');
      expect(again.version).toBe(version);
      return again;
    };
    const eventTypes = async (id: string) => (await outbox.listForAggregate(db.dataSource.manager, 'Order', id)).map((e) => e.eventType);
    const boundTo = (externalId: string) => refs.findEntityId(db.dataSource.manager, connectionId, 'order', externalId);

    it('binds the id and writes the new state with its event', async () => {
      const found = await acknowledgedOrder();
      found.order.markForwarded();
      const ref = { entityType: 'order', entityId: found.order.id, connectionId, externalId: `ENV-${found.order.id}` } as const;
      expect(await orders.updateBinding(db.dataSource.manager, found.order, found.version, ref)).toBe('written');
      expect((await orders.findById(db.dataSource.manager, found.order.id))?.order.status).toBe('forwarded');
      expect(await boundTo(ref.externalId)).toBe(found.order.id);
      expect(await eventTypes(found.order.id)).toEqual(['OrderReceived', 'OrderAcknowledged', 'OrderForwarded']);
    });

    it('writes when the same id was bound to the same order before (a retried delivery)', async () => {
      const found = await acknowledgedOrder();
      const ref = { entityType: 'order', entityId: found.order.id, connectionId, externalId: `ENV-${found.order.id}` } as const;
      await refs.bind(db.dataSource.manager, ref);
      found.order.markForwarded();
      expect(await orders.updateBinding(db.dataSource.manager, found.order, found.version, ref)).toBe('written');
      expect((await orders.findById(db.dataSource.manager, found.order.id))?.order.status).toBe('forwarded');
    });

    it('answers stale and writes no state or event when the order changed since it was read, keeping the binding', async () => {
      const found = await acknowledgedOrder();
      const other = await orders.findById(db.dataSource.manager, found.order.id);
      if (!other) throw new Error('order not found');
      other.order.hold('address check', Instant.parse('2026-11-10T16:01:30Z'));
      await tx.run((m) => orders.update(m, other.order, other.version));
      found.order.markForwarded();
      const ref = { entityType: 'order', entityId: found.order.id, connectionId, externalId: `ENV-${found.order.id}` } as const;
      expect(await orders.updateBinding(db.dataSource.manager, found.order, found.version, ref)).toBe('stale');
      expect((await orders.findById(db.dataSource.manager, found.order.id))?.order.status).toBe('acknowledged');
      expect(await eventTypes(found.order.id)).not.toContain('OrderForwarded');
      expect(await boundTo(ref.externalId)).toBe(found.order.id);
    });

    it('writes a group of orders in one statement, each with its own outcome, and an order named twice only once', async () => {
      const a = await acknowledgedOrder();
      const b = await acknowledgedOrder();
      const c = await acknowledgedOrder();
      const moved = await orders.findById(db.dataSource.manager, c.order.id);
      if (!moved) throw new Error('order not found');
      moved.order.hold('address check', Instant.parse('2026-11-10T16:01:30Z'));
      await tx.run((m) => orders.update(m, moved.order, moved.version));
      const again = await orders.findById(db.dataSource.manager, a.order.id);
      if (!again) throw new Error('order not found');
      for (const found of [a, b, c, again]) found.order.markForwarded();
      const refOf = (id: string) => ({ entityType: 'order', entityId: id, connectionId, externalId: `ENV-${id}` }) as const;
      const outcomes = await orders.updateBindingMany(db.dataSource.manager, [
        { order: a.order, expectedVersion: a.version, ref: refOf(a.order.id) },
        { order: b.order, expectedVersion: b.version, ref: refOf(b.order.id) },
        { order: c.order, expectedVersion: c.version, ref: refOf(c.order.id) },
        { order: again.order, expectedVersion: again.version, ref: refOf(a.order.id) },
      ]);
      expect(outcomes).toEqual(['written', 'written', 'stale', 'stale']);
      const status = async (id: string) => (await orders.findById(db.dataSource.manager, id))?.order.status;
      expect([await status(a.order.id), await status(b.order.id), await status(c.order.id)]).toEqual([
        'forwarded',
        'forwarded',
        'acknowledged',
      ]);
      expect((await eventTypes(a.order.id)).filter((t) => t === 'OrderForwarded')).toHaveLength(1);
      expect(await eventTypes(b.order.id)).toEqual(['OrderReceived', 'OrderAcknowledged', 'OrderForwarded']);
      expect(await eventTypes(c.order.id)).not.toContain('OrderForwarded');
      expect([await boundTo(`ENV-${a.order.id}`), await boundTo(`ENV-${c.order.id}`)]).toEqual([a.order.id, c.order.id]);
    });

    it('answers unbound and changes nothing when the id is bound to another order', async () => {
      const first = await acknowledgedOrder();
      const second = await acknowledgedOrder();
      const externalId = `ENV-SHARED-${first.order.id}`;
      await refs.bind(db.dataSource.manager, { entityType: 'order', entityId: first.order.id, connectionId, externalId });
      second.order.markForwarded();
      const ref = { entityType: 'order', entityId: second.order.id, connectionId, externalId } as const;
      expect(await orders.updateBinding(db.dataSource.manager, second.order, second.version, ref)).toBe('unbound');
      expect((await orders.findById(db.dataSource.manager, second.order.id))?.order.status).toBe('acknowledged');
      expect(await eventTypes(second.order.id)).not.toContain('OrderForwarded');
      expect(await boundTo(externalId)).toBe(first.order.id);
    });
  });
});
