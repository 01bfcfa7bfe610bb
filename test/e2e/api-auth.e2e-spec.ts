import { createHash } from 'node:crypto';
import { ConfigurationError, validateHubEnvironment } from '@serai/common';
import { ApiKeyBootstrap } from '../../apps/hub/src/auth/api-key-bootstrap';
import { VERIFIED_KEY_TTL_MS } from '../../apps/hub/src/auth/verified-key-cache';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Problem {
  type: string;
  status: number;
  detail: string;
}

/** Every (method, path) Fastify serves, read from its route tree. */
function servedRoutes(tree: string): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const ancestors: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) continue;
    const depth = match[1].length / 4;
    ancestors.length = depth;
    ancestors[depth] = match[2];
    const path = ancestors.join('');
    for (const method of match[3].split(', ')) routes.push({ method, path });
  }
  return routes;
}

/**
 * The back office's shell, static assets and login (apps/hub/src/admin/back-office.ts): public by
 * necessity, holding no data; every figure its pages show comes from /api/v1 under this guard.
 */
const isBackOffice = (path: string): boolean => path === '/admin' || path.startsWith('/admin/');

const isPublic = (path: string): boolean =>
  path === '/health' || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-') || isBackOffice(path);

describe('API keys', () => {
  let hub: HubUnderTest;

  beforeAll(async () => {
    hub = await startHubUnderTest();
  });
  afterAll(() => hub.close());

  it('refuses a request without a key with a 401 problem+json and a Bearer challenge', async () => {
    const res = await hub.inject({ url: '/api/v1/orders' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="serai"');
    expect(res.json<Problem>()).toMatchObject({ type: 'https://serai.dev/problems/unauthorized', status: 401 });
  });

  it('refuses an unknown key, a malformed header and a revoked key with 401', async () => {
    const readKey = await hub.keyWith(['read']);
    expect((await hub.inject({ url: '/api/v1/orders', key: `${readKey}x` })).statusCode).toBe(401);
    expect((await hub.inject({ url: '/api/v1/orders', headers: { authorization: readKey } })).statusCode).toBe(401);
    expect((await hub.inject({ url: '/api/v1/orders', key: readKey })).statusCode).toBe(200);
    // Revoked behind the hub's back (another instance, or SQL): a verified key is believed for at
    // most VERIFIED_KEY_TTL_MS (ADR 0023), so once that has passed the key is refused.
    await hub.db.dataSource.query(`UPDATE api_key SET revoked_at = now() WHERE hash = $1`, [
      createHash('sha256').update(readKey).digest('hex'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, VERIFIED_KEY_TTL_MS + 50));
    expect((await hub.inject({ url: '/api/v1/orders', key: readKey })).statusCode).toBe(401);
  });

  it('answers 403 naming the scope a key lacks', async () => {
    const readKey = await hub.keyWith(['read']);
    const res = await hub.inject({ method: 'PUT', url: '/api/v1/routes', key: readKey, payload: { routes: [] } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<Problem>();
    expect(problem.type).toBe('https://serai.dev/problems/forbidden');
    expect(problem.detail).toContain('`admin` scope');
    expect(res.headers['www-authenticate']).toContain('scope="admin"');
  });

  it('refuses a read key every order action, naming the write scope', async () => {
    const read = await hub.keyWith(['read']);
    for (const action of ['hold', 'release', 'cancel', 'shipments', 'resync']) {
      const res = await hub.inject({
        method: 'POST',
        url: `/api/v1/orders/00000000-0000-4000-8000-000000000000/${action}`,
        key: read,
        payload: {},
      });
      expect(`${action} ${res.statusCode} ${res.json<Problem>().detail}`).toContain(`${action} 403`);
      expect(res.json<Problem>().detail).toContain('`write` scope');
    }
  });

  it('lets admin imply write and read, but not a read key write', async () => {
    const admin = await hub.keyWith(['admin']);
    const read = await hub.keyWith(['read']);
    expect((await hub.inject({ url: '/api/v1/orders', key: admin })).statusCode).toBe(200);
    expect((await hub.inject({ url: '/api/v1/deliveries/1/retry', method: 'POST', key: admin })).statusCode).toBe(404);
    const refused = await hub.inject({ url: '/api/v1/deliveries/1/retry', method: 'POST', key: read });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<Problem>().detail).toContain('`write` scope');
  });

  it('stores only the SHA-256 of each key, and stamps when it was last used', async () => {
    await hub.inject({ url: '/api/v1/orders', key: hub.adminKey });
    const rows = (await hub.db.dataSource.query(`SELECT name, hash, scopes, last_used_at FROM api_key WHERE name = 'bootstrap'`)) as {
      name: string;
      hash: string;
      scopes: string[];
      last_used_at: Date | null;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hash).toBe(createHash('sha256').update(hub.adminKey).digest('hex'));
    expect(rows[0]?.scopes).toEqual(['admin', 'pii']);
    expect(rows[0]?.last_used_at).toBeInstanceOf(Date);
    const everything = JSON.stringify(await hub.db.dataSource.query(`SELECT * FROM api_key`));
    expect(everything).not.toContain(hub.adminKey);
  });

  it('keeps /health, /docs and /docs-json public, and documents bearer security with the scope of each operation', async () => {
    expect((await hub.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await hub.inject({ url: '/docs' })).statusCode).toBe(200);
    const doc = (await hub.inject({ url: '/docs-json' })).json<{
      paths: Record<string, Record<string, { security?: unknown[]; 'x-required-scope'?: string }>>;
    }>();
    expect(doc.paths['/api/v1/orders']?.get?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/v1/orders']?.get?.['x-required-scope']).toBe('read');
    expect(doc.paths['/api/v1/connections/{name}']?.delete?.['x-required-scope']).toBe('admin');
  });

  it('requires a key on every route the app serves except /health and /docs', async () => {
    const routes = servedRoutes(hub.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
    const guarded = routes.filter((route) => !isPublic(route.path));
    expect(guarded.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/orders',
        'POST /api/v1/connections',
        'PUT /api/v1/routes',
        'POST /api/v1/deliveries/:id/retry',
        'GET /api/v1/orders/:id',
        'POST /api/v1/orders/:id/hold',
        'POST /api/v1/orders/:id/release',
        'POST /api/v1/orders/:id/cancel',
        'POST /api/v1/orders/:id/shipments',
        'POST /api/v1/orders/:id/resync',
        'GET /api/v1/shipments',
        'GET /api/v1/shipments/:id',
      ]),
    );
    const answers: string[] = [];
    for (const route of guarded) {
      const res = await hub.inject({
        method: route.method as 'GET',
        url: route.path.replace(/:[a-z]+/gi, 'x'),
        ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
      });
      answers.push(`${route.method} ${route.path} ${res.statusCode}`);
    }
    expect(answers).toEqual(guarded.map((r) => `${r.method} ${r.path} 401`));
  });

  it('refuses a BOOTSTRAP_API_KEY shorter than 32 characters without echoing it', () => {
    expect(() => validateHubEnvironment({ BOOTSTRAP_API_KEY: 'too-short-secret' })).toThrow(ConfigurationError);
    expect(() => validateHubEnvironment({ BOOTSTRAP_API_KEY: 'too-short-secret' })).toThrow(/BOOTSTRAP_API_KEY must be 32/);
    expect(() => validateHubEnvironment({ BOOTSTRAP_API_KEY: 'too-short-secret' })).not.toThrow(/too-short-secret/);
  });
});

describe('the first API key without BOOTSTRAP_API_KEY', () => {
  let hub: HubUnderTest;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api', BOOTSTRAP_API_KEY: '' });
  });
  afterAll(() => hub.close());

  const announcements = (): string[] =>
    hub
      .logLines()
      .map((line) => String(line.msg))
      .filter((msg) => msg.includes('will not be shown again'));

  it('is generated once, printed in a single log line, and works', async () => {
    expect(announcements()).toHaveLength(1);
    const key = /(serai_[A-Za-z0-9_-]{43})$/.exec(announcements()[0] ?? '')?.[1];
    expect(key).toBeDefined();
    expect((await hub.inject({ url: '/api/v1/orders', key })).statusCode).toBe(200);
    expect(await hub.db.count('api_key')).toBe(1);
  });

  it('is not generated again when a key exists', async () => {
    await hub.app.get(ApiKeyBootstrap).onApplicationBootstrap();
    expect(announcements()).toHaveLength(1);
    expect(await hub.db.count('api_key')).toBe(1);
  });
});
