import { Money, Order } from '@serai/domain';
import { PiiDigest } from '@serai/common';
import { buildOrder } from '../../../../test/support/order-builder';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { TransactionRunner } from '../transaction-runner';
import { OrderKeyset, OrderListFilter, OrderListRepository } from './order-list.repository';
import { OrderRepository } from './order.repository';
import { OutboxRepository } from './outbox.repository';

const cny = (amount: string): Money => Money.of(amount, 'CNY');

describe('OrderListRepository on PostgreSQL: the SKU filter', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const orders = new OrderRepository(new OutboxRepository(), new PiiDigest(Buffer.alloc(32, 5).toString('base64')));
  const list = new OrderListRepository();
  const sku = `SKU-LIST-${Date.now()}`;

  /** An order whose lines carry these SKUs, stored in its own transaction. */
  const store = async (skus: readonly string[]): Promise<Order> => {
    const order = buildOrder({
      lines: skus.map((s, i) => ({ lineId: `L${i + 1}`, sku: { sku: s }, quantity: 1, unitPrice: cny('10.00') })),
      amounts: {
        items: cny(`${10 * skus.length}.00`),
        shipping: cny('0'),
        discount: cny('0'),
        tax: cny('0'),
        totalPaid: cny(`${10 * skus.length}.00`),
      },
    });
    await tx.run((m) => orders.insert(m, order));
    return order;
  };

  /** Every page of the filter, `limit` at a time, following the cursors. */
  const walk = async (filter: OrderListFilter, limit: number): Promise<string[]> => {
    const seen: string[] = [];
    let after: OrderKeyset | undefined;
    for (let pages = 0; pages < 50; pages += 1) {
      const { rows, next } = await list.page(db.dataSource.manager, filter, limit, after);
      seen.push(...rows.map((r) => r.id));
      if (!next) return seen;
      after = next;
    }
    throw new Error('the cursor never ended');
  };

  /** The SKU's orders as the list must give them: newest first, by (created_at, id). */
  const expected = async (where: string, params: unknown[]): Promise<string[]> =>
    (
      (await db.dataSource.query(
        `SELECT o.id FROM sales_order o WHERE o.id IN (SELECT order_id FROM sales_order_line WHERE sku = $1) ${where}
          ORDER BY o.created_at DESC, o.id DESC`,
        params,
      )) as { id: string }[]
    ).map((r) => r.id);

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    await store([sku]);
    await store(['SKU-OTHER']);
    await store([sku, 'SKU-OTHER']);
    await store([sku, sku]); // two lines of the same SKU: the order is listed once
    await store(['SKU-OTHER', sku]);
    await store([sku]);
    await store(['SKU-OTHER']);
    await store([sku]);
  });
  afterAll(() => db.drop());

  it('lists each order with a line of the SKU once, newest first, and pages through them by keyset without gaps or repeats', async () => {
    const all = await expected('', [sku]);
    expect(all).toHaveLength(6);
    for (const limit of [1, 2, 4, 6, 50]) expect(await walk({ sku }, limit)).toEqual(all);
  });

  it('combines the SKU with the other filters', async () => {
    const [newest] = await expected('', [sku]);
    await db.dataSource.query(`UPDATE sales_order SET status = 'cancelled' WHERE id = $1`, [newest]);
    expect(await walk({ sku, status: ['cancelled'] }, 2)).toEqual(await expected(`AND o.status = 'cancelled'`, [sku]));
    expect(await walk({ sku, status: ['received'] }, 2)).toEqual(await expected(`AND o.status = 'received'`, [sku]));
  });

  it("keeps each line's copy of its order's created_at equal to it: a change cascades, a mismatch is refused", async () => {
    const [oldest] = (await expected('', [sku])).slice(-1);
    await db.dataSource.query(`UPDATE sales_order SET created_at = created_at + interval '1 day' WHERE id = $1`, [oldest]);
    const [{ drift }] = (await db.dataSource.query(
      `SELECT count(*)::int AS drift FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id WHERE l.order_created_at <> o.created_at`,
    )) as [{ drift: number }];
    expect(drift).toBe(0);
    expect((await walk({ sku }, 2))[0]).toBe(oldest);
    await expect(
      db.dataSource.query(
        `INSERT INTO sales_order_line (order_id, line_no, line_id, sku, quantity, unit_price, sku_ref, order_created_at)
         VALUES ($1, 9, 'L9', $2, 1, 1, '{}'::jsonb, now() - interval '3 days')`,
        [oldest, sku],
      ),
    ).rejects.toThrow(/sales_order_line_order_keyset/);
  });
});
