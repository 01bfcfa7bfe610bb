import { ConnectionRepository, ProviderCallRepository, TransactionRunner } from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { CallTraceWriter } from './call-trace-writer';
import { withTraceContext } from './trace-context';

describe('CallTraceWriter', () => {
  let db: TestDatabase;
  const calls = new ProviderCallRepository();

  beforeAll(async () => {
    db = await createTestDatabase();
    await new TransactionRunner(db.dataSource).run((m) =>
      new ConnectionRepository().create(m, {
        name: 'nengmao-demo',
        provider: 'nengmao-brand',
        baseUrl: 'http://x',
        encryptedCredentials: 'v1',
      }),
    );
  });
  afterAll(() => db.drop());

  const call = (operation: string) => ({
    provider: 'nengmao-brand',
    connectionName: 'nengmao-demo',
    operation,
    method: 'POST',
    url: 'http://localhost:4100/nengmao/api/order/ship',
    attempt: 1,
    httpStatus: 200,
    providerCode: '200',
    outcome: 'success' as const,
    latencyMs: 12,
    requestBody: { orderSn: 'NM-1', expressNo: 'SF1' },
    responseBody: { errorCode: 200 },
    startedAt: new Date('2026-11-11T00:00:00Z'),
  });

  it('stores each call linked to the entity it was made for, readable from that entity', async () => {
    const writer = new CallTraceWriter(db.dataSource.manager, calls);
    await withTraceContext({ entityType: 'order', entityId: 'o-1', correlationId: 'req-1' }, async () => writer.record(call('order/ship')));
    writer.record(call('order/list'));
    await writer.flush();
    const traced = await calls.listForEntity(db.dataSource.manager, 'order', 'o-1');
    expect(traced).toEqual([
      expect.objectContaining({
        operation: 'order/ship',
        connectionName: 'nengmao-demo',
        correlationId: 'req-1',
        requestBody: { orderSn: 'NM-1', expressNo: 'SF1' },
      }),
    ]);
    expect(await db.count('provider_call')).toBe(2);
  });

  it('keeps memory bounded when the database cannot keep up, counting what it dropped', async () => {
    const writer = new CallTraceWriter(db.dataSource.manager, calls, { flushEveryMs: 60_000, batchSize: 1_000_000, maxBuffered: 10 });
    for (let i = 0; i < 25; i += 1) writer.record(call(`op-${i}`));
    expect(writer.dropped).toBe(15);
    await writer.flush();
    expect(await db.count('provider_call')).toBe(12);
  });
});
