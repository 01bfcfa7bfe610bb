import { PiiDigest } from '@serai/common';
import { Instant } from '@serai/domain';
import { ConnectionRepository, OrderRepository, OutboxRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import { nengmaoOrderInput } from '../../../domain/src/order/order.fixtures';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import type { BatchOutcome } from '../ports/batch-outcome';
import type { OrderSource, SourcedOrder } from '../ports/capabilities';
import { MarketplaceOrderIntake } from './marketplace-order-intake';

/**
 * A marketplace's new-orders list as Nengmao keeps it: paged by number over the orders not yet
 * acknowledged, so acknowledging shifts the pages behind. Counts the calls made to it.
 */
class FakeMarketplace implements OrderSource {
  awaiting: string[];
  listCalls = 0;
  acknowledgeCalls = 0;
  /** Numbers the marketplace refuses to acknowledge (once each). */
  readonly refuseOnce = new Set<string>();

  constructor(
    count: number,
    private readonly pageSize: number,
  ) {
    this.awaiting = Array.from({ length: count }, (_, i) => `NM-${String(i).padStart(6, '0')}`);
  }

  async *pullNewOrders(): AsyncIterable<readonly SourcedOrder[]> {
    for (let page = 0; ; page += 1) {
      this.listCalls += 1;
      const numbers = this.awaiting.slice(page * this.pageSize, (page + 1) * this.pageSize);
      if (numbers.length === 0) return;
      yield numbers.map((externalOrderNumber) => {
        const { id: _id, ...input } = nengmaoOrderInput({ source: { connectionName: 'nengmao-demo', externalOrderNumber } });
        return { order: input, sourceStatus: '1', cancellationRequested: false, cancelled: false, raw: { orderSn: externalOrderNumber } };
      });
      if (numbers.length < this.pageSize) return;
    }
  }

  // eslint-disable-next-line require-yield
  async *pullChangedOrders(): AsyncIterable<readonly SourcedOrder[]> {
    return;
  }

  async acknowledgeOrders(numbers: readonly string[]): Promise<BatchOutcome<string>> {
    this.acknowledgeCalls += 1;
    const refused = numbers.filter((n) => this.refuseOnce.delete(n));
    const accepted = numbers.filter((n) => !refused.includes(n));
    this.awaiting = this.awaiting.filter((n) => !accepted.includes(n));
    return { succeeded: accepted, failed: refused.map((key) => ({ key, code: 'BUSY', message: 'try later', retryable: true })), calls: 1 };
  }
}

describe('MarketplaceOrderIntake on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const orders = new OrderRepository(new OutboxRepository(), new PiiDigest(Buffer.alloc(32, 2).toString('base64')));

  function intake(acknowledgeBatch: number): MarketplaceOrderIntake {
    return new MarketplaceOrderIntake(
      db.dataSource.manager,
      tx,
      orders,
      new SyncCursorRepository(),
      { owner: 'spec', leaseMs: 60_000, initialLookbackMs: 86_400_000, overlapMs: 0, acknowledgeBatch },
      () => Instant.parse('2026-11-25T10:00:00Z'),
    );
  }

  const statuses = async () =>
    (await db.dataSource.query(`SELECT status, count(*)::int AS n FROM sales_order GROUP BY status ORDER BY status`)) as {
      status: string;
      n: number;
    }[];

  let connectionId: string;

  beforeEach(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    connectionId = (
      await tx.run((m) =>
        new ConnectionRepository().create(m, {
          name: 'nengmao-demo',
          provider: 'nengmao-brand',
          baseUrl: 'http://127.0.0.1:9',
          encryptedCredentials: 'unused',
        }),
      )
    ).id;
  });
  afterEach(() => db.drop());

  it('stores and acknowledges every order once although each acknowledgement shifts the pages, reading each page about once', async () => {
    const marketplace = new FakeMarketplace(250, 40);
    const result = await intake(100).run(connectionId, 'nengmao-demo', marketplace);
    expect(result).toMatchObject({ stored: 250, duplicates: 0, acknowledged: 250, acknowledgeFailures: 0 });
    expect(marketplace.awaiting).toEqual([]);
    expect(await statuses()).toEqual([{ status: 'acknowledged', n: 250 }]);
    // Acknowledgements in lists of 100 (three calls), and the walk restarts at page 1 after each:
    // 7 pages of orders plus one empty page per walk, never a page skipped or read twice for nothing.
    expect(marketplace.acknowledgeCalls).toBe(3);
    expect(marketplace.listCalls).toBeLessThanOrEqual(Math.ceil(250 / 40) + 4);
    // Two order events each (received, acknowledged); the reservations' InventoryChanged events are not counted here.
    const orderEvents = (await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_type = 'Order'`)) as {
      n: number;
    }[];
    expect(orderEvents[0]?.n).toBe(500);
  });

  it('reads pages ahead while storing without a single list call more than page by page', async () => {
    const marketplace = new FakeMarketplace(250, 40);
    await intake(100).run(connectionId, 'nengmao-demo', marketplace);
    // Walks of 3 pages (120 orders, then a list of 100+ is acknowledged and the walk restarts), 3 pages,
    // 1 short page, and 1 empty page to find nothing left: 8, as without reading ahead.
    expect(marketplace.listCalls).toBe(8);
    expect(marketplace.awaiting).toEqual([]);
    expect(await statuses()).toEqual([{ status: 'acknowledged', n: 250 }]);
  });

  it('reads an order the marketplace would not acknowledge again in the next walk and acknowledges it then, stored once', async () => {
    const marketplace = new FakeMarketplace(30, 40);
    marketplace.refuseOnce.add('NM-000007');
    const first = await intake(100).run(connectionId, 'nengmao-demo', marketplace);
    expect(first).toMatchObject({ stored: 30, duplicates: 1, acknowledged: 30, acknowledgeFailures: 1 });
    expect(marketplace.awaiting).toEqual([]);
    expect(await statuses()).toEqual([{ status: 'acknowledged', n: 30 }]);
    expect(await intake(100).run(connectionId, 'nengmao-demo', marketplace)).toMatchObject({ read: 0, stored: 0, acknowledged: 0 });
  });

  it('after a crash between storing and acknowledging, stores nothing twice and acknowledges everything', async () => {
    const marketplace = new FakeMarketplace(60, 25);
    const crashing: OrderSource = {
      pullNewOrders: () => marketplace.pullNewOrders(),
      pullChangedOrders: () => marketplace.pullChangedOrders(),
      acknowledgeOrders: () => Promise.reject(new Error('the process died here')),
    };
    await expect(intake(50).run(connectionId, 'nengmao-demo', crashing)).rejects.toThrow('died');
    expect(await statuses()).toEqual([{ status: 'received', n: 50 }]);
    const after = await intake(50).run(connectionId, 'nengmao-demo', marketplace);
    expect(after).toMatchObject({ stored: 10, duplicates: 50, acknowledged: 60 });
    expect(await statuses()).toEqual([{ status: 'acknowledged', n: 60 }]);
    expect(marketplace.awaiting).toEqual([]);
  });
});
