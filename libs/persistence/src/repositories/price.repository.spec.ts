import { Instant, Money, Price } from '@serai/domain';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { TransactionRunner } from '../transaction-runner';
import { ConnectionRepository } from './connection.repository';
import { OutboxRepository } from './outbox.repository';
import { PriceRepository } from './price.repository';

const cny = (amount: string): Money => Money.of(amount, 'CNY');
const T0 = Instant.parse('2026-11-25T02:00:00Z');

/** The price push queue's rules, on PostgreSQL: coalescing, claiming once, and a newer price never lost to an older push. */
describe('price push queue on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const prices = new PriceRepository(new OutboxRepository());
  const connection = { id: '', name: 'nengmao-demo' };

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    connection.id = (
      await tx.run((m) =>
        new ConnectionRepository().create(m, {
          name: 'nengmao-demo',
          provider: 'nengmao-brand',
          baseUrl: 'http://x',
          encryptedCredentials: 'x',
        }),
      )
    ).id;
  });
  afterAll(() => db.drop());

  const enqueue = (sku: string, amount: string, at = T0) =>
    tx.run((m) => prices.enqueuePushes(m, [connection.id], [{ sku, kind: 'sale', amount: cny(amount), asOf: at }]));
  const state = (sku: string) => prices.pushStateOf(db.dataSource.manager, connection.id, sku, 'sale');

  it('writes canonical prices with one PriceChanged event each, in chunks past the statement parameter limit', async () => {
    const changes = Array.from({ length: 12_000 }, (_, i) => {
      const price = Price.of({ sku: `BULK-${i}`, kind: 'sale', amount: cny('1.00'), asOf: T0 });
      return { price, event: price.changedEvent(null) };
    });
    const ids = await tx.run((m) => prices.saveCanonical(m, changes));
    expect(new Set(ids).size).toBe(12_000);
    expect(await db.count('outbox_event')).toBe(12_000);
    const locked = await tx.run((m) => prices.lockCanonical(m, [{ sku: 'BULK-7', kind: 'sale' }]));
    expect(locked.get('BULK-7:sale')?.amount.amount).toBe('1.00');
  });

  it('coalesces a SKU queued twice to its newest amount, and hands each row to one claim only', async () => {
    await enqueue('A', '10.00');
    await enqueue('A', '12.00', T0.plusMillis(1));
    await enqueue('B', '5.00');
    const first = await tx.run((m) => prices.claimPushes(m, connection.id, 10, 60_000));
    expect(first.map((p) => [p.sku, p.amount.amount])).toEqual([
      ['A', '12.00'],
      ['B', '5.00'],
    ]);
    expect(await tx.run((m) => prices.claimPushes(m, connection.id, 10, 60_000))).toEqual([]);
    await tx.run((m) => prices.completePushes(m, connection, { confirmed: first, refused: [], retry: [] }));
    expect([await state('A'), await state('B')]).toEqual(['done', 'done']);
    const confirmed = await prices.listForSkus(db.dataSource.manager, ['A']);
    expect(confirmed.map((r) => [r.scope, r.amount.amount])).toEqual([['nengmao-demo', '12.00']]);
  });

  it('leaves a price changed while its push was in flight pending, so the newer amount is sent next', async () => {
    await enqueue('C', '20.00');
    const claimed = await tx.run((m) => prices.claimPushes(m, connection.id, 10, 60_000));
    await enqueue('C', '21.00', T0.plusMillis(5));
    await tx.run((m) => prices.completePushes(m, connection, { confirmed: claimed, refused: [], retry: [] }));
    expect(await state('C')).toBe('pending');
    const again = await tx.run((m) => prices.claimPushes(m, connection.id, 10, 60_000));
    expect(again.map((p) => p.amount.amount)).toEqual(['21.00']);
  });

  it('keeps a confirmed price done when the same amount is queued again, and never lets an older change overwrite a newer one', async () => {
    await enqueue('D', '30.00');
    const claimed = await tx.run((m) => prices.claimPushes(m, connection.id, 10, 60_000));
    await tx.run((m) => prices.completePushes(m, connection, { confirmed: claimed.filter((p) => p.sku === 'D'), refused: [], retry: [] }));
    await enqueue('D', '30.00', T0.plusMillis(9));
    expect(await state('D')).toBe('done');
    await enqueue('D', '1.00', T0.plusMillis(-1000));
    expect(await state('D')).toBe('done');
  });

  it('records a refusal with its reason, and takes back a push whose lease ran out', async () => {
    await db.dataSource.query(`DELETE FROM price_push`);
    await enqueue('E', '40.00');
    await enqueue('F', '41.00');
    const [e, f] = await tx.run((m) => prices.claimPushes(m, connection.id, 10, 1));
    if (!e || !f) throw new Error('nothing claimed');
    await tx.run((m) =>
      prices.completePushes(m, connection, { confirmed: [], refused: [{ ...e, reason: '410: Request sku does not exist' }], retry: [] }),
    );
    expect((await prices.listPushes(db.dataSource.manager, ['E']))[0]).toEqual(
      expect.objectContaining({ state: 'failed', reason: '410: Request sku does not exist' }),
    );
    // F's claim (1 ms lease) was abandoned: another worker takes it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await tx.run((m) => prices.claimPushes(m, connection.id, 10, 60_000))).map((p) => p.sku)).toEqual(['F']);
  });
});
