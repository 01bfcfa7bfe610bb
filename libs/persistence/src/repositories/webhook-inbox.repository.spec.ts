import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { poolSqlRunner } from '../pool-sql-runner';
import { NewInboxEntry, WebhookInboxRepository } from './webhook-inbox.repository';

describe('WebhookInboxRepository (receiving side)', () => {
  let db: TestDatabase;
  const inbox = new WebhookInboxRepository();
  let connectionId: string;

  const entry = (dedupeKey: string, store = 'haiku'): NewInboxEntry => ({
    store,
    connectionId,
    dedupeKey,
    contentType: 'application/xml',
    bodyFormat: 'json',
    headers: { 'x-ca-key': '[REDACTED]', 'content-type': 'application/xml' },
    body: '{"deliveryOrder":{"deliveryOrderCode":"48291055733129081234","status":"DELIVERED"}}',
    sourceAddress: '192.0.2.1',
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    connectionId = '00000000-0000-4000-8000-00000000000a';
    await db.dataSource.query(
      `INSERT INTO connection (id, name, provider, base_url, credentials) VALUES ($1, 'pilot-x', 'nomad-pilot', 'http://x', 'v1')`,
      [connectionId],
    );
  });
  afterAll(() => db.drop());

  it('stores a callback in state received, exactly as given, through the pool or the ORM alike', async () => {
    const viaPool = await inbox.insertReceived(poolSqlRunner(db.dataSource), entry('k-1'));
    const viaOrm = await inbox.insertReceived(db.dataSource.manager, entry('k-2'));
    expect(viaPool?.id).toMatch(/^\d+$/);
    expect(viaOrm?.id).toMatch(/^\d+$/);
    const rows = (await db.dataSource.query(`SELECT * FROM webhook_inbox WHERE id = $1`, [viaPool!.id])) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      store: 'haiku',
      connection_id: connectionId,
      dedupe_key: 'k-1',
      state: 'received',
      attempts: 0,
      body: entry('k-1').body,
      headers: entry('k-1').headers,
      source_address: '192.0.2.1',
    });
  });

  it('writes nothing for a dedupe key the store already holds, and says so; another store may hold the same key', async () => {
    const first = await inbox.insertReceived(db.dataSource.manager, entry('k-3'));
    expect(await inbox.insertReceived(poolSqlRunner(db.dataSource), entry('k-3'))).toBeUndefined();
    expect(await inbox.findIdByDedupeKey(db.dataSource.manager, 'haiku', 'k-3')).toBe(first?.id);
    expect(await inbox.insertReceived(db.dataSource.manager, entry('k-3', 'other-store'))).toBeDefined();
  });

  describe('many callbacks in one statement (group commit)', () => {
    const bodyOf = async (id: string): Promise<string> =>
      ((await db.dataSource.query(`SELECT body FROM webhook_inbox WHERE id = $1`, [id])) as { body: string }[])[0]!.body;

    it('stores every new entry in one statement and answers each with its own id, in the order given', async () => {
      const entries = ['m-1', 'm-2', 'm-3'].map((key) => ({ ...entry(key), body: `{"key":"${key}"}` }));
      const stored = await inbox.insertReceivedMany(poolSqlRunner(db.dataSource), entries);
      expect(stored).toEqual([
        { id: expect.stringMatching(/^\d+$/) },
        { id: expect.stringMatching(/^\d+$/) },
        { id: expect.stringMatching(/^\d+$/) },
      ]);
      expect(await Promise.all(stored.map((row) => bodyOf(row!.id)))).toEqual(['{"key":"m-1"}', '{"key":"m-2"}', '{"key":"m-3"}']);
      const [row] = (await db.dataSource.query(`SELECT * FROM webhook_inbox WHERE id = $1`, [stored[1]!.id])) as Record<string, unknown>[];
      expect(row).toMatchObject({ store: 'haiku', connection_id: connectionId, state: 'received', headers: entry('m-2').headers });
    });

    it('tells a redelivery from a new row, and keeps only the first copy of a key repeated inside the statement', async () => {
      const earlier = await inbox.insertReceived(db.dataSource.manager, entry('r-1'));
      const stored = await inbox.insertReceivedMany(poolSqlRunner(db.dataSource), [
        entry('r-1'),
        { ...entry('r-2'), body: '{"copy":1}' },
        { ...entry('r-2'), body: '{"copy":2}' },
        entry('r-2', 'other-store'),
      ]);
      expect(stored.map((row) => row !== undefined)).toEqual([false, true, false, true]);
      expect(await bodyOf(stored[1]!.id)).toBe('{"copy":1}');
      expect(await inbox.findIdByDedupeKey(db.dataSource.manager, 'haiku', 'r-1')).toBe(earlier?.id);
      const [{ n }] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE dedupe_key IN ('r-1', 'r-2')`)) as [
        { n: number },
      ];
      expect(n).toBe(3);
    });

    it('stores nothing of the statement when one row is refused', async () => {
      const unknownConnection = { ...entry('x-2'), connectionId: '00000000-0000-4000-8000-0000000000ff' };
      await expect(inbox.insertReceivedMany(poolSqlRunner(db.dataSource), [entry('x-1'), unknownConnection])).rejects.toThrow(
        /foreign key/,
      );
      expect(await inbox.findIdByDedupeKey(db.dataSource.manager, 'haiku', 'x-1')).toBeUndefined();
    });
  });
});
