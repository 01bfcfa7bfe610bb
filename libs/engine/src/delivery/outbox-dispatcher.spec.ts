import { randomUUID } from 'node:crypto';
import { ConnectionRepository, DeliveryRepository, OutboxRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { OutboxDispatcher } from './outbox-dispatcher';

describe('OutboxDispatcher on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let dispatcher: OutboxDispatcher;
  const outbox = new OutboxRepository();
  const deliveries = new DeliveryRepository();
  const routes = new RouteRepository();

  const event = (eventType: string, source = 'nengmao-demo') => ({
    eventId: randomUUID(),
    eventType,
    aggregateType: 'Order',
    aggregateId: randomUUID(),
    payload: { source: { connectionName: source, externalOrderNumber: 'NM-1' } },
    occurredAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    dispatcher = new OutboxDispatcher(tx, outbox, deliveries, routes);
    const connections = new ConnectionRepository();
    const create = (name: string, provider: 'nomad-envoy' | 'nengmao-brand' | 'nomad-pilot') =>
      tx.run((m) => connections.create(m, { name, provider, baseUrl: 'http://x', encryptedCredentials: 'v1' }));
    const envoy = await create('envoy-demo', 'nomad-envoy');
    const nengmao = await create('nengmao-demo', 'nengmao-brand');
    await create('pilot-demo', 'nomad-pilot');
    await tx.run((m) =>
      routes.replaceAll(m, [
        {
          name: 'marketplace-orders-to-envoy',
          eventTypes: ['OrderReceived'],
          connectionId: envoy.id,
          capability: 'orderSink.createOrder',
          sourceConnection: 'nengmao-demo',
        },
        {
          name: 'shipments-to-marketplace',
          eventTypes: ['OrderShipped', 'OrderPartiallyShipped'],
          connectionId: nengmao.id,
          capability: 'shipmentSink.confirmShipment',
        },
        { name: 'disabled-route', eventTypes: ['OrderReceived'], connectionId: nengmao.id, capability: 'x', enabled: false },
      ]),
    );
  });
  afterAll(() => db.drop());

  it('creates one delivery per matching route and marks the events dispatched', async () => {
    const received = event('OrderReceived');
    const shipped = event('OrderShipped');
    const other = event('OrderReceived', 'tmg-demo');
    await tx.run((m) => outbox.append(m, [received, shipped, other]));
    expect(await dispatcher.dispatchOnce()).toEqual({ events: 3, deliveries: 2 });
    const rows = await deliveries.list(db.dataSource.manager, { limit: 10 });
    expect(rows.map((d) => [d.eventId, d.route, d.capability]).sort()).toEqual(
      [
        [received.eventId, 'marketplace-orders-to-envoy', 'orderSink.createOrder'],
        [shipped.eventId, 'shipments-to-marketplace', 'shipmentSink.confirmShipment'],
      ].sort(),
    );
    expect(await dispatcher.dispatchOnce()).toEqual({ events: 0, deliveries: 0 });
  });

  it('routes orders only from the source connection a route names', async () => {
    await tx.run((m) => outbox.append(m, [event('OrderReceived', 'tmg-demo'), event('OrderReceived', 'nengmao-demo')]));
    expect(await dispatcher.dispatchOnce()).toEqual({ events: 2, deliveries: 1 });
  });

  it('routes each event exactly once when dispatchers run side by side', async () => {
    await db.dataSource.query('DELETE FROM delivery');
    await tx.run((m) =>
      outbox.append(
        m,
        Array.from({ length: 300 }, () => event('OrderReceived')),
      ),
    );
    const results = await Promise.all([
      dispatcher.dispatchOnce(100),
      dispatcher.dispatchOnce(100),
      dispatcher.dispatchOnce(100),
      dispatcher.dispatchOnce(100),
    ]);
    while ((await dispatcher.dispatchOnce(100)).events > 0) {
      // drain what the concurrent rounds left
    }
    expect(results.reduce((n, r) => n + r.events, 0)).toBeLessThanOrEqual(300);
    expect(await db.count('delivery')).toBe(300);
  });
});
