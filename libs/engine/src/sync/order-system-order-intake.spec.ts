import { PiiDigest } from '@serai/common';
import { Instant, Order } from '@serai/domain';
import {
  ConnectionRepository,
  ExternalRefRepository,
  OrderRepository,
  OutboxRepository,
  SyncCursorRepository,
  TransactionRunner,
} from '@serai/persistence';
import { buildOrder } from '../../../../test/support/order-builder';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import type { BatchOutcome } from '../ports/batch-outcome';
import type { OrderSource, SourcedOrder } from '../ports/capabilities';
import { OrderSystemOrderIntake } from './order-system-order-intake';

const NOW = Instant.parse('2026-11-25T02:00:00Z');

/** The order system's list, the way Envoy answers by update time (a provider fake, in process). */
class StoreOrders implements OrderSource {
  constructor(public listed: SourcedOrder[]) {}
  // eslint-disable-next-line require-yield
  async *pullNewOrders(): AsyncIterable<readonly SourcedOrder[]> {
    throw new Error('the order-system stream reads by update time only');
  }
  async *pullChangedOrders(): AsyncIterable<readonly SourcedOrder[]> {
    if (this.listed.length > 0) yield [...this.listed];
  }
  acknowledgeOrders(numbers: readonly string[]): Promise<BatchOutcome<string>> {
    return Promise.resolve({ succeeded: [...numbers], failed: [], calls: 0 });
  }
}

/** What the Envoy connector answers for an order the hub forwarded (same lines, its own id and status). */
function atStore(order: Order, externalId: string, sourceStatus: string, closed = false): SourcedOrder {
  const { id: _id, ...input } = { ...order.toSnapshot() };
  return {
    order: { ...input, source: { connectionName: 'envoy-demo', externalOrderNumber: order.source.externalOrderNumber } },
    sourceStatus,
    cancellationRequested: false,
    cancelled: closed,
    externalId,
    raw: { orderId: externalId },
  };
}

describe('order system order intake on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let envoyId: string;
  const outbox = new OutboxRepository();
  const orders = new OrderRepository(outbox, new PiiDigest(Buffer.alloc(32, 1).toString('base64')));
  const refs = new ExternalRefRepository();
  const cursors = new SyncCursorRepository();
  const intake = (owner = 'worker-1'): OrderSystemOrderIntake =>
    new OrderSystemOrderIntake(
      db.dataSource.manager,
      tx,
      orders,
      refs,
      outbox,
      cursors,
      { owner, leaseMs: 60_000, initialLookbackMs: 86_400_000, overlapMs: 60_000 },
      () => NOW,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    envoyId = (
      await tx.run((m) =>
        new ConnectionRepository().create(m, {
          name: 'envoy-demo',
          provider: 'nomad-envoy',
          baseUrl: 'http://x',
          encryptedCredentials: 'x',
        }),
      )
    ).id;
  });
  afterAll(() => db.drop());

  it('binds the store id of a forwarded order whose answer was lost, found by its number', async () => {
    const order = buildOrder();
    await tx.run((m) => orders.insert(m, order));
    const result = await intake().run(envoyId, 'envoy-demo', new StoreOrders([atStore(order, 'ENV-LOST-1', 'WAIT_SELLER_SEND_GOODS')]));
    expect(result).toMatchObject({ read: 1, known: 1, stored: 0 });
    expect(await refs.findEntityId(db.dataSource.manager, envoyId, 'order', 'ENV-LOST-1')).toBe(order.id);
  });

  it('leaves alone a number two marketplaces use when no store id is bound, and records nothing', async () => {
    const nengmao = buildOrder({ source: { connectionName: 'nengmao-demo', externalOrderNumber: 'SHARED-1' } });
    const tmg = buildOrder({ source: { connectionName: 'tmg-demo', externalOrderNumber: 'SHARED-1' } });
    await tx.run(async (m) => {
      await orders.insert(m, nengmao);
      await orders.insert(m, tmg);
    });
    const before = await db.count('outbox_event');
    const result = await intake().run(envoyId, 'envoy-demo', new StoreOrders([atStore(nengmao, 'ENV-SHARED', 'TRADE_CLOSED', true)]));
    expect(result).toMatchObject({ read: 1, ambiguous: 1, stored: 0, reported: 0 });
    expect(await db.count('outbox_event')).toBe(before);
    expect(await orders.findIdBySource(db.dataSource.manager, 'envoy-demo', 'SHARED-1')).toBeUndefined();
  });

  it('does not record a closed status on an order already cancelled here', async () => {
    const order = buildOrder();
    order.acknowledge(NOW);
    order.cancelByBrand('out of stock', NOW);
    await tx.run((m) => orders.insert(m, order));
    const before = await db.count('outbox_event');
    const result = await intake().run(envoyId, 'envoy-demo', new StoreOrders([atStore(order, 'ENV-CANCELLED', 'TRADE_CLOSED', true)]));
    expect(result).toMatchObject({ known: 1, reported: 0 });
    expect(await db.count('outbox_event')).toBe(before);
  });

  it('answers undefined while another instance holds the stream', async () => {
    const holder = await cursors.acquire(db.dataSource.manager, envoyId, 'order-system-orders', 'worker-2', 60_000);
    expect(holder).toBeDefined();
    expect(await intake('worker-1').run(envoyId, 'envoy-demo', new StoreOrders([]))).toBeUndefined();
    if (holder) await cursors.release(db.dataSource.manager, holder);
  });
});
