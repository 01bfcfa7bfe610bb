import { createHash } from 'node:crypto';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Key {
  id: string;
  name: string;
  scopes: string[];
  revokedAt: string | null;
  key?: string;
}

describe('the API keys API (e2e)', () => {
  let hub: HubUnderTest;

  beforeAll(async () => {
    hub = await startHubUnderTest();
  });
  afterAll(() => hub.close());

  const create = (payload: unknown, key = hub.adminKey) => hub.inject({ method: 'POST', url: '/api/v1/api-keys', key, payload });

  it('creates a key shown once, stores only its hash, and the key works with exactly its scopes', async () => {
    const res = await create({ name: 'customer-service', scopes: ['read', 'pii'] });
    expect(res.statusCode).toBe(201);
    const created = res.json<Key>();
    expect(created).toMatchObject({ name: 'customer-service', scopes: ['read', 'pii'], revokedAt: null });
    expect(created.key).toMatch(/^serai_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(await hub.db.dataSource.query(`SELECT * FROM api_key`));
    expect(stored).not.toContain(created.key);
    expect(stored).toContain(createHash('sha256').update(created.key!).digest('hex'));
    expect((await hub.inject({ url: '/api/v1/orders', key: created.key })).statusCode).toBe(200);
    expect((await hub.inject({ method: 'POST', url: '/api/v1/deliveries/replay', key: created.key, payload: {} })).statusCode).toBe(403);
    const listed = (await hub.inject({ url: '/api/v1/api-keys', key: hub.adminKey })).json<{ data: Key[] }>().data;
    expect(listed.map((k) => k.name)).toEqual(expect.arrayContaining(['customer-service', 'bootstrap']));
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain('hash');
  });

  it.each([
    [{ name: '', scopes: ['read'] }, 'name'],
    [{ name: 'x', scopes: [] }, 'scopes'],
    [{ name: 'x', scopes: ['root'] }, 'scopes'],
    [{ name: 'x', scopes: ['read', 'read'] }, 'scopes'],
    [{ name: '<script>', scopes: ['read'] }, 'name'],
    [{ name: 'x', scopes: ['read'], hash: 'f'.repeat(64) }, 'hash'],
  ])('refuses %j with a 400 naming %s and stores nothing', async (payload, field) => {
    const before = await hub.db.count('api_key');
    const res = await create(payload);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(field);
    expect(await hub.db.count('api_key')).toBe(before);
  });

  it('exports the keys as CSV and JSON lines with the fields the list shows, never a key or its hash, neutralising a formula', async () => {
    const created = (await create({ name: '@ops export', scopes: ['read'] })).json<Key>();
    const [{ hash }] = (await hub.db.dataSource.query(`SELECT hash FROM api_key WHERE id = $1`, [created.id])) as [{ hash: string }];
    const listed = (await hub.inject({ url: '/api/v1/api-keys', key: hub.adminKey })).json<{ data: Key[] }>().data;
    const csv = await hub.inject({ url: '/api/v1/api-keys', key: hub.adminKey, headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('id,name,scopes,createdAt,lastUsedAt,revokedAt');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(listed.map((k) => k.id));
    expect(
      rows
        .find((r) => r.startsWith(created.id))
        ?.split(',')
        .slice(1, 3),
    ).toEqual(["'@ops export", 'read']);
    const lines = await hub.inject({ url: '/api/v1/api-keys', key: hub.adminKey, headers: { accept: 'application/x-ndjson' } });
    const keys = lines.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Key);
    expect(keys.map((k) => [k.id, k.name, k.scopes])).toEqual(listed.map((k) => [k.id, k.name, k.scopes]));
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scopes']);
    for (const body of [csv.body, lines.body]) {
      expect(body).not.toContain(created.key);
      expect(body).not.toContain(hub.adminKey);
      expect(body).not.toContain(hash);
    }
    const reader = await hub.keyWith(['read']);
    expect((await hub.inject({ url: '/api/v1/api-keys', key: reader, headers: { accept: 'text/csv' } })).statusCode).toBe(403);
  });

  it('needs the admin scope to list, create or revoke keys', async () => {
    const writeKey = await hub.keyWith(['write', 'pii']);
    expect((await hub.inject({ url: '/api/v1/api-keys', key: writeKey })).statusCode).toBe(403);
    expect((await create({ name: 'sneaky', scopes: ['admin'] }, writeKey)).statusCode).toBe(403);
    expect(
      (await hub.inject({ method: 'DELETE', url: `/api/v1/api-keys/00000000-0000-0000-0000-000000000000`, key: writeKey })).statusCode,
    ).toBe(403);
  });

  it('revokes a key at once (twice answers the same), and 404s an unknown id', async () => {
    const created = (await create({ name: 'temp', scopes: ['read'] })).json<Key>();
    // Used first, so this process holds it as verified (ADR 0023): the revocation must evict it.
    expect((await hub.inject({ url: '/api/v1/orders', key: created.key })).statusCode).toBe(200);
    const revoked = await hub.inject({ method: 'DELETE', url: `/api/v1/api-keys/${created.id}`, key: hub.adminKey });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<Key>().revokedAt).not.toBeNull();
    expect((await hub.inject({ url: '/api/v1/orders', key: created.key })).statusCode).toBe(401);
    expect((await hub.inject({ method: 'DELETE', url: `/api/v1/api-keys/${created.id}`, key: hub.adminKey })).statusCode).toBe(200);
    expect(
      (await hub.inject({ method: 'DELETE', url: '/api/v1/api-keys/00000000-0000-0000-0000-000000000000', key: hub.adminKey })).statusCode,
    ).toBe(404);
    expect((await hub.inject({ method: 'DELETE', url: '/api/v1/api-keys/not-a-uuid', key: hub.adminKey })).statusCode).toBe(404);
  });

  it('refuses to revoke the last active admin key, and allows it once another admin exists', async () => {
    const other = await startHubUnderTest();
    try {
      const [bootstrap] = (await other.db.dataSource.query(`SELECT id FROM api_key WHERE name = 'bootstrap'`)) as { id: string }[];
      const refused = await other.inject({ method: 'DELETE', url: `/api/v1/api-keys/${bootstrap!.id}`, key: other.adminKey });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('last active admin key');
      const second = (
        await other.inject({
          method: 'POST',
          url: '/api/v1/api-keys',
          key: other.adminKey,
          payload: { name: 'ops-admin', scopes: ['admin'] },
        })
      ).json<Key>();
      expect((await other.inject({ method: 'DELETE', url: `/api/v1/api-keys/${bootstrap!.id}`, key: second.key })).statusCode).toBe(200);
      expect((await other.inject({ url: '/api/v1/orders', key: other.adminKey })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});
