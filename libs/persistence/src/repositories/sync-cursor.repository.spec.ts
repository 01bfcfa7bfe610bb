import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { TransactionRunner } from '../transaction-runner';
import { ConnectionRepository } from './connection.repository';
import { SyncCursorRepository } from './sync-cursor.repository';

describe('SyncCursorRepository leases', () => {
  let db: TestDatabase;
  let connectionId: string;
  const cursors = new SyncCursorRepository();

  beforeAll(async () => {
    db = await createTestDatabase();
    connectionId = (
      await new TransactionRunner(db.dataSource).run((m) =>
        new ConnectionRepository().create(m, {
          name: 'nengmao-demo',
          provider: 'nengmao-brand',
          baseUrl: 'http://x',
          encryptedCredentials: 'v1',
        }),
      )
    ).id;
  });
  afterAll(() => db.drop());

  it('lets one poller of many hold a stream at a time', async () => {
    const m = db.dataSource.manager;
    const claims = await Promise.all(
      ['hub-a', 'hub-b', 'hub-c'].map((owner) => cursors.acquire(m, connectionId, 'new-orders', owner, 30_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('keeps the position between runs and hands the stream over when released', async () => {
    const m = db.dataSource.manager;
    const lease = await cursors.acquire(m, connectionId, 'returns', 'hub-a', 30_000);
    expect(lease?.position).toEqual({});
    expect(
      await cursors.advance(m, lease ?? { connectionId, stream: 'returns', owner: 'hub-a', position: {} }, {
        to: '2026-11-11T00:00:00.000Z',
      }),
    ).toBe(true);
    expect(await cursors.acquire(m, connectionId, 'returns', 'hub-b', 30_000)).toBeUndefined();
    if (lease) await cursors.release(m, lease);
    expect((await cursors.acquire(m, connectionId, 'returns', 'hub-b', 30_000))?.position).toEqual({ to: '2026-11-11T00:00:00.000Z' });
  });

  it('takes over the stream of a crashed poller once its lease expires, and the old owner can no longer advance it', async () => {
    const m = db.dataSource.manager;
    const crashed = await cursors.acquire(m, connectionId, 'packages', 'hub-a', 1);
    await new Promise((r) => setTimeout(r, 20));
    const taken = await cursors.acquire(m, connectionId, 'packages', 'hub-b', 30_000);
    expect(taken?.owner).toBe('hub-b');
    expect(await cursors.advance(m, crashed ?? { connectionId, stream: 'packages', owner: 'hub-a', position: {} }, { to: 'late' })).toBe(
      false,
    );
  });
});
