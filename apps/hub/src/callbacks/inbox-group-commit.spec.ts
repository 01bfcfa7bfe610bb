import { Pool } from 'pg';
import { NewInboxEntry, poolSqlRunner, SqlRunner, WebhookInboxRepository } from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { isDatabaseUnavailable } from './database-unavailable';
import { InboxGroupCommit, InboxGroupCommitLimits } from './inbox-group-commit';

describe('InboxGroupCommit (on PostgreSQL)', () => {
  let db: TestDatabase;
  /** Another session than the writer's pool. */
  let observer: Pool;
  const inbox = new WebhookInboxRepository();
  const connectionId = '00000000-0000-4000-8000-00000000000b';
  const unknownConnectionId = '00000000-0000-4000-8000-0000000000ff';

  const entry = (dedupeKey: string, overrides: Partial<NewInboxEntry> = {}): NewInboxEntry => ({
    store: 'haiku',
    connectionId,
    dedupeKey,
    contentType: 'application/json',
    bodyFormat: 'json',
    headers: { 'x-ca-key': '[REDACTED]' },
    body: `{"deliveryOrder":{"deliveryOrderCode":"${dedupeKey}","status":"DELIVERED"}}`,
    sourceAddress: '192.0.2.7',
    ...overrides,
  });

  /** The real repository on the real pool; every statement's row count is noted, to see how rows were grouped. */
  const groupCommit = (sql: SqlRunner, statements: number[], limits?: InboxGroupCommitLimits): InboxGroupCommit =>
    new InboxGroupCommit(
      (entries) => {
        statements.push(entries.length);
        return inbox.insertReceivedMany(sql, entries);
      },
      (one) => {
        statements.push(1);
        return inbox.insertReceived(sql, one);
      },
      isDatabaseUnavailable,
      limits,
    );

  /** Whether another connection sees the row: only a committed row is visible there. */
  const committed = async (id: string): Promise<boolean> =>
    (await observer.query(`SELECT 1 FROM webhook_inbox WHERE id = $1`, [id])).rowCount === 1;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.query(
      `INSERT INTO connection (id, name, provider, base_url, credentials) VALUES ($1, 'pilot-g', 'nomad-pilot', 'http://x', 'v1')`,
      [connectionId],
    );
    observer = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await observer.end();
    await db.drop();
  });

  it('stores 300 concurrent callbacks once each in a few commits, each answered only once its row is committed', async () => {
    const statements: number[] = [];
    const writer = groupCommit(poolSqlRunner(db.dataSource), statements);
    const keys = Array.from({ length: 300 }, (_, i) => `c-${i}`);
    const visibleWhenAnswered = await Promise.all(
      keys.map((key) => writer.store(entry(key)).then(async (stored) => (stored === undefined ? false : committed(stored.id)))),
    );
    expect(visibleWhenAnswered).toEqual(Array(300).fill(true));
    expect(statements.reduce((a, b) => a + b, 0)).toBe(300);
    expect(statements.length).toBeLessThanOrEqual(10);
    expect(Math.max(...statements)).toBeLessThanOrEqual(100);
    const rows = (await db.dataSource.query(`SELECT dedupe_key FROM webhook_inbox WHERE dedupe_key LIKE 'c-%'`)) as {
      dedupe_key: string;
    }[];
    expect(rows.map((row) => row.dedupe_key).sort()).toEqual([...keys].sort());
  });

  it('stores a callback repeated inside one batch once: the first copy is new, every other copy a redelivery', async () => {
    const statements: number[] = [];
    const writer = groupCommit(poolSqlRunner(db.dataSource), statements);
    const answers = await Promise.all(Array.from({ length: 20 }, () => writer.store(entry('dup-1'))));
    expect(answers.filter((stored) => stored !== undefined)).toHaveLength(1);
    expect(answers[0]).toBeDefined();
    expect(await writer.store(entry('dup-1'))).toBeUndefined();
    const [{ n }] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE dedupe_key = 'dup-1'`)) as [
      { n: number },
    ];
    expect(n).toBe(1);
  });

  it('keeps a bad row from failing its batch: the batch is written again row by row and only the bad one is refused', async () => {
    const statements: number[] = [];
    const writer = groupCommit(poolSqlRunner(db.dataSource), statements);
    const outcomes = await Promise.allSettled([
      writer.store(entry('iso-0')),
      writer.store(entry('iso-1')),
      writer.store(entry('iso-2', { connectionId: unknownConnectionId })),
      writer.store(entry('iso-3')),
      writer.store(entry('iso-3')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value !== undefined : 'refused'))).toEqual([
      true,
      true,
      'refused',
      true,
      false,
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23503' });
    expect(statements[0]).toBe(5);
    const rows = (await db.dataSource.query(`SELECT dedupe_key FROM webhook_inbox WHERE dedupe_key LIKE 'iso-%' ORDER BY id`)) as {
      dedupe_key: string;
    }[];
    expect(rows.map((row) => row.dedupe_key)).toEqual(['iso-0', 'iso-1', 'iso-3']);
  });

  it('fails every waiting callback with the database error when the database cannot be reached, and stores nothing', async () => {
    const unreachable = new Pool({ connectionString: 'postgres://serai@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    try {
      const statements: number[] = [];
      const writer = groupCommit({ query: (text, values) => unreachable.query(text, values) }, statements, {
        maxRows: 100,
        maxBodyChars: 1_000_000,
        maxInFlight: 1,
      });
      const first = writer.store(entry('down-0'));
      await new Promise((resolve) => setImmediate(resolve));
      // The first one's commit is in flight: these wait for it, then go together.
      const waiting = Array.from({ length: 29 }, (_, i) => writer.store(entry(`down-${i + 1}`)));
      const outcomes = await Promise.allSettled([first, ...waiting]);
      expect(outcomes.map((o) => (o.status === 'rejected' && isDatabaseUnavailable(o.reason) ? 'unavailable' : o))).toEqual(
        Array(30).fill('unavailable'),
      );
      // The waiting ones failed together, as the batch they formed: never retried one by one against a database that is down.
      expect(statements).toEqual([1, 29]);
      expect(writer.waiting).toBe(0);
    } finally {
      await unreachable.end();
    }
    const [{ n }] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE dedupe_key LIKE 'down-%'`)) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('caps a batch by body size, but still writes a single callback larger than the cap', async () => {
    const statements: number[] = [];
    const writer = groupCommit(poolSqlRunner(db.dataSource), statements, { maxRows: 100, maxBodyChars: 250, maxInFlight: 1 });
    const big = entry('size-big', { body: `{"deliveryOrder":{"deliveryOrderCode":"size-big","pad":"${'x'.repeat(400)}"}}` });
    const answers = await Promise.all([
      writer.store(entry('size-0')),
      ...[1, 2, 3, 4].map((i) => writer.store(entry(`size-${i}`))),
      writer.store(big),
    ]);
    expect(answers.every((stored) => stored !== undefined)).toBe(true);
    // Six arrive in one turn: as many ~70-character bodies as fit in 250, the rest, then the big one alone.
    expect(statements).toEqual([3, 2, 1]);
  });
});
