import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { IdempotencyClaim, IdempotencyKeyRepository } from './idempotency-key.repository';

describe('IdempotencyKeyRepository (PostgreSQL)', () => {
  let db: TestDatabase;
  const keys = new IdempotencyKeyRepository();
  let apiKeyId: string;
  const claim = (key: string, hash = 'a'.repeat(64), overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
    apiKeyId,
    key,
    requestHash: hash,
    method: 'POST',
    path: '/api/v1/orders/1/hold',
    lockMs: 60_000,
    retentionMs: 86_400_000,
    ...overrides,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    apiKeyId = randomUUID();
    await db.dataSource.query(`INSERT INTO api_key (id, name, hash, scopes) VALUES ($1, 'k', $2, ARRAY['write'])`, [
      apiKeyId,
      'f'.repeat(64),
    ]);
  });
  afterAll(() => db.drop());

  it('lets exactly one of many concurrent requests claim a key', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => keys.claim(db.dataSource.manager, claim('race'))));
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'in_flight')).toHaveLength(9);
  });

  it('replays the stored answer, and refuses another request with the key', async () => {
    const m = db.dataSource.manager;
    expect(await keys.claim(m, claim('done'))).toEqual({ kind: 'claimed' });
    await keys.complete(m, apiKeyId, 'done', { status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    expect(await keys.claim(m, claim('done'))).toEqual({
      kind: 'completed',
      answer: { status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' },
    });
    expect(await keys.claim(m, claim('done', 'b'.repeat(64)))).toEqual({ kind: 'mismatch' });
  });

  it('frees a released key, takes over an expired one, and deletes expired rows', async () => {
    const m = db.dataSource.manager;
    await keys.claim(m, claim('freed'));
    await keys.release(m, apiKeyId, 'freed');
    expect(await keys.claim(m, claim('freed', 'c'.repeat(64)))).toEqual({ kind: 'claimed' });
    await keys.claim(m, claim('old', 'a'.repeat(64), { retentionMs: 1 }));
    await new Promise((r) => setTimeout(r, 20));
    expect(await keys.claim(m, claim('old', 'd'.repeat(64)))).toEqual({ kind: 'claimed' });
    await db.dataSource.query(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key IN ('old', 'freed')`);
    expect(await keys.deleteExpired(m)).toBe(2);
    expect(await keys.deleteExpired(m)).toBe(0);
  });
});
