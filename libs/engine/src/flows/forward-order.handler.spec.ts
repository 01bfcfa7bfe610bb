import { PiiDigest } from '@serai/common';
import { Instant } from '@serai/domain';
import {
  ConnectionRepository,
  DeliveryRow,
  ExternalRefRepository,
  OrderRepository,
  OutboxEventRow,
  OutboxRepository,
  TransactionRunner,
} from '@serai/persistence';
import { buildOrder } from '../../../../test/support/order-builder';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import type { ProviderConnector } from '../ports/capabilities';
import { ForwardOrderHandler } from './forward-order.handler';

/** Forwarding many orders at once: reads and writes are grouped, each order still forwarded exactly once. */
describe('ForwardOrderHandler with deliveries running side by side (real PostgreSQL)', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let orders: OrderRepository;
  const outbox = new OutboxRepository();
  const refs = new ExternalRefRepository();
  let connectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    orders = new OrderRepository(outbox, new PiiDigest(Buffer.alloc(32, 2).toString('base64')));
    connectionId = (
      await tx.run((m) =>
        new ConnectionRepository().create(m, {
          name: 'envoy-demo',
          provider: 'nomad-envoy',
          baseUrl: 'http://x',
          encryptedCredentials: 'v1',
        }),
      )
    ).id;
  });
  afterAll(() => db.drop());

  const acknowledgedOrders = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const order = buildOrder();
      await tx.run((m) => orders.insert(m, order));
      const found = await orders.findById(db.dataSource.manager, order.id);
      if (!found) throw new Error('order not found');
      found.order.acknowledge(Instant.parse('2026-11-25T08:00:00Z'));
      await tx.run((m) => orders.update(m, found.order, found.version));
      ids.push(order.id);
    }
    return ids;
  };
  const eventOf = (aggregateId: string, n: number): OutboxEventRow => ({
    position: String(n),
    eventId: `6b0f5f0e-3c55-4d5e-8b7a-${String(n).padStart(12, '0')}`,
    eventType: 'OrderAcknowledged',
    aggregateType: 'Order',
    aggregateId,
    payload: {},
    occurredAt: '2026-11-25T08:00:00.000Z',
    recordedAt: new Date(),
    dispatchedAt: null,
  });
  const deliveryOf = (n: number): DeliveryRow => ({ id: String(n), idempotencyKey: `key-${n}`, connectionId }) as unknown as DeliveryRow;
  /** An order system that answers the same id for the same order, as Envoy does for a repeated create. */
  const connector = {
    orderSink: { createOrder: async (order: { id: string }) => ({ externalId: `ENV-${order.id}`, alreadyExisted: false }) },
  } as unknown as ProviderConnector;

  it('forwards 30 orders whose deliveries run at once, twice for some orders, each once with one OrderForwarded event', async () => {
    const ids = await acknowledgedOrders(30);
    const handler = new ForwardOrderHandler(db.dataSource.manager, tx, orders, refs);
    // The first five orders have two deliveries in flight at the same time (a redelivery after a lost lease).
    const work = [...ids, ...ids.slice(0, 5)].map((id, n) =>
      handler.execute({ delivery: deliveryOf(n), event: eventOf(id, n), connector, connectionName: 'envoy-demo' }),
    );
    const results = await Promise.all(work);
    expect(results).toHaveLength(35);
    for (const id of ids) {
      expect((await orders.findById(db.dataSource.manager, id))?.order.status).toBe('forwarded');
      expect(await refs.findEntityId(db.dataSource.manager, connectionId, 'order', `ENV-${id}`)).toBe(id);
      const forwardedEvents = (await outbox.listForAggregate(db.dataSource.manager, 'Order', id)).filter(
        (e) => e.eventType === 'OrderForwarded',
      );
      expect(forwardedEvents).toHaveLength(1);
    }
  });
});
