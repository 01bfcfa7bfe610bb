import { PiiDigest } from '@serai/common';
import type { OrderSnapshot } from '@serai/domain';
import {
  ConnectionRepository,
  DeliveryRow,
  ExternalRefRepository,
  MappingRepository,
  OrderRepository,
  OutboxEventRow,
  OutboxRepository,
  TransactionRunner,
} from '@serai/persistence';
import { buildOrder } from '../../../../test/support/order-builder';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { MappingService } from '../mapping/mapping.service';
import type { ProviderConnector, ShipmentConfirmation } from '../ports/capabilities';
import { ConfirmShipmentHandler } from './confirm-shipment.handler';
import { ForwardOrderHandler } from './forward-order.handler';

/** The flows take provider codes from the mapping tables and hand them to the connectors through the ports. */
describe('flows translate through the mapping tables (real PostgreSQL)', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let mappings: MappingService;
  let orders: OrderRepository;
  let connectionId: string;
  const operator = { name: 'ops' };

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    mappings = new MappingService(db.dataSource.manager, tx, new MappingRepository(), { refreshMs: 1_000 });
    orders = new OrderRepository(new OutboxRepository(), new PiiDigest(Buffer.alloc(32, 2).toString('base64')));
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
    await mappings.ensureDefaults([
      {
        table: 'courier-codes',
        source: 'test',
        entries: [{ key: 'sf', value: { name: 'ShunFeng', nengmao: 'sf', aliases: ['SF', '顺丰'] } }],
      },
    ]);
  });
  afterAll(() => db.drop());

  const eventFor = (aggregateId: string, payload: Record<string, unknown>): OutboxEventRow => ({
    position: '1',
    eventId: '6b0f5f0e-3c55-4d5e-8b7a-0c1f2e3d4c5b',
    eventType: 'OrderShipped',
    aggregateType: 'Order',
    aggregateId,
    payload,
    occurredAt: '2026-11-25T08:00:00.000Z',
    recordedAt: new Date(),
    dispatchedAt: null,
  });
  const deliveryTo = (): DeliveryRow => ({ id: '1', idempotencyKey: 'key-1', connectionId }) as unknown as DeliveryRow;

  it('confirms a shipment with the marketplace courier code the table holds for the 3PL’s carrier code, as edited', async () => {
    const order = buildOrder();
    await tx.run((m) => orders.insert(m, order));
    const confirmed: ShipmentConfirmation[] = [];
    const connector = {
      shipmentSink: { confirmShipment: async (s: ShipmentConfirmation) => void confirmed.push(s) },
    } as unknown as ProviderConnector;
    const handler = new ConfirmShipmentHandler(db.dataSource.manager, orders, mappings);
    const event = eventFor(order.id, { carrierCode: 'SF', trackingNumber: 'SF123', lines: [{ lineId: 'L1', quantity: 1 }] });
    await handler.execute({ delivery: deliveryTo(), event, connector, connectionName: 'nengmao-demo' });
    const { version } = await mappings.entries('courier-codes');
    await mappings.put('courier-codes', 'sf', { name: 'ShunFeng', nengmao: 'shunfeng-intl', aliases: ['SF'] }, version, operator);
    await handler.execute({ delivery: deliveryTo(), event, connector, connectionName: 'nengmao-demo' });
    await handler.execute({
      delivery: deliveryTo(),
      event: eventFor(order.id, { carrierCode: 'best-express', trackingNumber: 'B1', lines: [] }),
      connector,
      connectionName: 'nengmao-demo',
    });
    expect(confirmed.map((c) => [c.carrierCode, c.courierCode])).toEqual([
      ['SF', 'sf'],
      ['SF', 'shunfeng-intl'],
      // Not in the table: no courier code, the connector's own table decides.
      ['best-express', undefined],
    ]);
  });

  it('creates the order at Envoy under Envoy’s SKU numbers where the cross-reference has them', async () => {
    const order = buildOrder();
    await tx.run((m) => orders.insert(m, order));
    const { version } = await mappings.entries('sku-xref');
    await mappings.put('sku-xref', 'SKU-000001', { envoySkuNumber: 'ENV-000001' }, version, operator);
    const created: (ReadonlyMap<string, string> | undefined)[] = [];
    const connector = {
      orderSink: {
        createOrder: async (_o: OrderSnapshot, _k: string, skuNumbers?: ReadonlyMap<string, string>) => {
          created.push(skuNumbers);
          return { externalId: 'E1', alreadyExisted: false };
        },
      },
    } as unknown as ProviderConnector;
    const handler = new ForwardOrderHandler(db.dataSource.manager, tx, orders, new ExternalRefRepository(), mappings);
    await handler.execute({
      delivery: deliveryTo(),
      event: { ...eventFor(order.id, {}), eventType: 'OrderAcknowledged' },
      connector,
      connectionName: 'envoy-demo',
    });
    expect(created).toEqual([new Map([['SKU-000001', 'ENV-000001']])]);
  });
});
