import { Instant } from '@serai/domain';
import {
  ConnectionRepository,
  DeliveryRepository,
  InventoryRepository,
  OutboxRepository,
  RouteRepository,
  StockPushQueueRepository,
  SyncCursorRepository,
  TransactionRunner,
} from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { OutboxDispatcher } from '../delivery/outbox-dispatcher';
import { inventoryChangedEvent } from '../inventory/inventory-events';
import type { BatchOutcome } from '../ports/batch-outcome';
import type { InventorySink } from '../ports/capabilities';
import { InventoryPusher, PUSH_STOCK, StockTarget } from './inventory-sync';

/** The marketplace side of a push, as a port: records every call, can refuse items or change stock mid-call. */
class RecordingSink implements InventorySink {
  readonly calls: { sku: string; quantity: number }[][] = [];
  refuse: { sku: string; retryable: boolean } | undefined;
  duringCall: (() => Promise<void>) | undefined;
  constructor(readonly maxBatchSize: number) {}

  async pushStock(levels: readonly { sku: string; quantity: number }[]): Promise<BatchOutcome<string>> {
    this.calls.push([...levels]);
    const during = this.duringCall;
    this.duringCall = undefined;
    if (during) await during();
    const refused = this.refuse !== undefined && levels.some((l) => l.sku === this.refuse?.sku) ? this.refuse : undefined;
    return {
      succeeded: levels.map((l) => l.sku).filter((sku) => sku !== refused?.sku),
      failed: refused ? [{ key: refused.sku, code: '500', message: 'refused', retryable: refused.retryable }] : [],
      calls: 1,
    };
  }
}

describe('InventoryPusher: coalesced incremental pushes and the scheduled full push (real PostgreSQL)', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let target: StockTarget;
  let dispatcher: OutboxDispatcher;
  let clock: Instant;
  const inventory = new InventoryRepository();
  const outbox = new OutboxRepository();
  const queue = new StockPushQueueRepository();
  let pusher: InventoryPusher;

  /** Writes figures the way intake and adjustments do (level + InventoryChanged event), then routes the events. */
  const change = async (figures: { sku: string; onHand: number }[]): Promise<void> => {
    for (const f of figures) {
      await tx.run(async (m) => {
        const changes = await inventory.recordChanges(m, [
          { sku: f.sku, location: 'WH1', onHand: f.onHand, reserved: 0, asOf: new Date() },
        ]);
        await outbox.append(
          m,
          changes.map((c) => inventoryChangedEvent(c, 'snapshot', new Date(), 'pilot-demo')),
        );
      });
    }
    while ((await dispatcher.dispatchOnce()).events > 0) {
      // route everything written
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    const connection = await tx.run((m) =>
      new ConnectionRepository().create(m, {
        name: 'nengmao-demo',
        provider: 'nengmao-brand',
        baseUrl: 'http://nengmao.invalid',
        options: { safetyStock: 2 },
        encryptedCredentials: 'v1',
      }),
    );
    target = { id: connection.id, name: connection.name, options: { safetyStock: 2 } };
    await tx.run((m) =>
      new RouteRepository().replaceAll(m, [
        { name: 'stock-to-nengmao', eventTypes: ['InventoryChanged'], connectionId: connection.id, capability: PUSH_STOCK },
      ]),
    );
    dispatcher = new OutboxDispatcher(tx, outbox, new DeliveryRepository(), new RouteRepository(), queue);
    clock = Instant.parse('2026-11-25T10:00:00Z'); // 18:00 in Shanghai
    pusher = new InventoryPusher(
      db.dataSource.manager,
      tx,
      inventory,
      queue,
      new SyncCursorRepository(),
      { owner: 'test', leaseMs: 60_000 },
      () => clock,
    );
  });
  afterAll(() => db.drop());

  it('starts with a full push of every SKU, in the largest batches the sink takes, minus the safety stock', async () => {
    await change(Array.from({ length: 7 }, (_, i) => ({ sku: `SKU-${i + 1}`, onHand: 10 + i })));
    const sink = new RecordingSink(3);
    expect(await pusher.run(target, sink)).toEqual({ mode: 'full', skus: 7, calls: 3, failed: 0 });
    expect(sink.calls.map((c) => c.length)).toEqual([3, 3, 1]);
    expect(sink.calls[0]?.[0]).toEqual({ sku: 'SKU-1', quantity: 8 });
    // The full push covered what was waiting: nothing is pushed twice.
    expect(await queue.count(db.dataSource.manager, target.id)).toBe(0);
  });

  it('pushes a SKU changed many times once, with its latest figure, and routes no delivery for it', async () => {
    for (const onHand of [50, 40, 30, 20]) await change([{ sku: 'SKU-2', onHand }]);
    await change([{ sku: 'SKU-5', onHand: 1 }]);
    const sink = new RecordingSink(3);
    expect(await pusher.run(target, sink)).toEqual({ mode: 'incremental', skus: 2, calls: 1, failed: 0 });
    expect(sink.calls).toEqual([
      [
        { sku: 'SKU-2', quantity: 18 },
        { sku: 'SKU-5', quantity: 0 },
      ],
    ]);
    const [deliveries] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM delivery`)) as { n: number }[];
    expect(deliveries?.n).toBe(0);
    expect(await pusher.run(target, new RecordingSink(3))).toEqual({ mode: 'incremental', skus: 0, calls: 0, failed: 0 });
  });

  it('pushes again a SKU that changed while its push was on the wire: nothing is lost', async () => {
    await change([{ sku: 'SKU-3', onHand: 100 }]);
    const sink = new RecordingSink(3);
    sink.duringCall = () => change([{ sku: 'SKU-3', onHand: 60 }]);
    await pusher.run(target, sink);
    expect(sink.calls).toEqual([[{ sku: 'SKU-3', quantity: 98 }]]);
    const next = new RecordingSink(3);
    await pusher.run(target, next);
    expect(next.calls).toEqual([[{ sku: 'SKU-3', quantity: 58 }]]);
  });

  it('keeps a SKU the marketplace refused for now, and drops one it refused for good', async () => {
    await change([
      { sku: 'SKU-4', onHand: 9 },
      { sku: 'SKU-6', onHand: 9 },
    ]);
    const sink = new RecordingSink(3);
    sink.refuse = { sku: 'SKU-4', retryable: true };
    expect(await pusher.run(target, sink)).toEqual({ mode: 'incremental', skus: 2, calls: 1, failed: 1 });
    const retry = new RecordingSink(3);
    retry.refuse = { sku: 'SKU-4', retryable: false };
    expect(await pusher.run(target, retry)).toEqual({ mode: 'incremental', skus: 1, calls: 1, failed: 1 });
    expect(retry.calls).toEqual([[{ sku: 'SKU-4', quantity: 7 }]]);
    expect(await queue.count(db.dataSource.manager, target.id)).toBe(0);
  });

  it('makes the next full push after 2 am China time, not before', async () => {
    clock = Instant.parse('2026-11-25T17:59:00Z'); // 01:59 on the 26th in Shanghai
    expect((await pusher.run(target, new RecordingSink(3)))?.mode).toBe('incremental');
    clock = Instant.parse('2026-11-25T18:00:30Z'); // 02:00:30
    const sink = new RecordingSink(1000);
    expect(await pusher.run(target, sink)).toEqual({ mode: 'full', skus: 7, calls: 1, failed: 0 });
    clock = Instant.parse('2026-11-26T03:00:00Z');
    expect((await pusher.run(target, new RecordingSink(3)))?.mode).toBe('incremental');
  });
});
