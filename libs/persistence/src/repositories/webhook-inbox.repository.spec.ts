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
});
