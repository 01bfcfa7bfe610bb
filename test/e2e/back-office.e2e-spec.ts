import { createHash } from 'node:crypto';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface SessionBody {
  name: string;
  scopes: string[];
  csrfToken: string;
}

const cookieOf = (setCookie: unknown): string => String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0] ?? '';

describe('back office: sessions, CSRF and the pages shell (e2e)', () => {
  let hub: HubUnderTest;

  beforeAll(async () => {
    hub = await startHubUnderTest();
  });
  afterAll(() => hub.close());

  const signIn = async (key: string): Promise<{ cookie: string; csrf: string; setCookie: string }> => {
    const res = await hub.inject({ method: 'POST', url: '/admin/login', payload: { key } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    return { cookie: cookieOf(setCookie), csrf: res.json<SessionBody>().csrfToken, setCookie };
  };

  it('serves the single-page shell and its assets with security headers, and nothing outside the UI folder', async () => {
    const page = await hub.inject({ url: '/admin/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/admin/assets/app.js');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect((await hub.inject({ url: '/admin' })).statusCode).toBe(302);
    const script = await hub.inject({ url: '/admin/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    for (const probe of [
      '/admin/assets/../back-office.js',
      '/admin/assets/%2e%2e/back-office.ts',
      '/admin/assets/i18n.spec.ts',
      '/admin/assets/nope.js',
    ]) {
      expect((await hub.inject({ url: probe })).statusCode).toBe(404);
    }
  });

  it('exchanges a valid key for an HttpOnly, SameSite=Strict session cookie, never storing the token or the key', async () => {
    const { setCookie, csrf, cookie } = await signIn(hub.adminKey);
    expect(setCookie).toMatch(/^serai_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = cookie.split('=')[1] ?? '';
    const rows = JSON.stringify(await hub.db.dataSource.query(`SELECT * FROM admin_session`));
    expect(rows).not.toContain(token);
    expect(rows).not.toContain(hub.adminKey);
    expect(rows).toContain(createHash('sha256').update(token).digest('hex'));
    const session = await hub.inject({ url: '/admin/session', headers: { cookie } });
    expect(session.json<SessionBody>()).toMatchObject({ name: 'bootstrap', scopes: ['admin', 'pii'], csrfToken: csrf });
  });

  it('refuses an unknown key with 401, writes no session, and throttles an address after ten failures', async () => {
    const before = await hub.db.count('admin_session');
    for (let i = 0; i < 10; i += 1) {
      const res = await hub.inject({
        method: 'POST',
        url: '/admin/login',
        payload: { key: `serai_wrong_${i}` },
        headers: { 'x-forwarded-for': 'ignored' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const throttled = await hub.inject({ method: 'POST', url: '/admin/login', payload: { key: hub.adminKey } });
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(await hub.db.count('admin_session')).toBe(before);
    expect((await hub.inject({ method: 'POST', url: '/admin/login', payload: {} })).statusCode).toBe(429);
  });

  it('lets the session read the API like its key, and refuses changes without the CSRF token', async () => {
    // A fresh hub: the previous test throttled the injecting address.
    const other = await startHubUnderTest();
    try {
      const res = await other.inject({ method: 'POST', url: '/admin/login', payload: { key: other.adminKey } });
      const cookie = cookieOf(res.headers['set-cookie']);
      const csrf = res.json<SessionBody>().csrfToken;
      expect((await other.inject({ url: '/api/v1/orders', headers: { cookie } })).statusCode).toBe(200);
      expect((await other.inject({ url: '/api/v1/orders', headers: { cookie: 'serai_session=forged' } })).statusCode).toBe(401);
      const noCsrf = await other.inject({ method: 'POST', url: '/api/v1/deliveries/replay', headers: { cookie }, payload: {} });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.body).toContain('x-csrf-token');
      const wrongCsrf = await other.inject({
        method: 'POST',
        url: '/api/v1/deliveries/replay',
        headers: { cookie, 'x-csrf-token': `${csrf}x` },
        payload: {},
      });
      expect(wrongCsrf.statusCode).toBe(403);
      const ok = await other.inject({
        method: 'POST',
        url: '/api/v1/deliveries/replay',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: {},
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it("keeps the key's scopes: a read-only session cannot change anything", async () => {
    const other = await startHubUnderTest();
    try {
      const readKey = await other.keyWith(['read']);
      const res = await other.inject({ method: 'POST', url: '/admin/login', payload: { key: readKey } });
      const cookie = cookieOf(res.headers['set-cookie']);
      const csrf = res.json<SessionBody>().csrfToken;
      const refused = await other.inject({
        method: 'POST',
        url: '/api/v1/deliveries/replay',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: {},
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('`write` scope');
    } finally {
      await other.close();
    }
  });

  it('ends every session of a key when the key is revoked, and on logout', async () => {
    const other = await startHubUnderTest();
    try {
      const key = await other.keyWith(['read', 'write']);
      const login = async (): Promise<{ cookie: string; csrf: string }> => {
        const res = await other.inject({ method: 'POST', url: '/admin/login', payload: { key } });
        return { cookie: cookieOf(res.headers['set-cookie']), csrf: res.json<SessionBody>().csrfToken };
      };
      const first = await login();
      const out = await other.inject({
        method: 'POST',
        url: '/admin/logout',
        headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
      });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
      expect((await other.inject({ url: '/api/v1/orders', headers: { cookie: first.cookie } })).statusCode).toBe(401);

      const second = await login();
      expect((await other.inject({ url: '/api/v1/orders', headers: { cookie: second.cookie } })).statusCode).toBe(200);
      await other.db.dataSource.query(`UPDATE api_key SET revoked_at = now() WHERE hash = $1`, [
        createHash('sha256').update(key).digest('hex'),
      ]);
      expect((await other.inject({ url: '/api/v1/orders', headers: { cookie: second.cookie } })).statusCode).toBe(401);
      expect((await other.inject({ url: '/admin/session', headers: { cookie: second.cookie } })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('refuses a logout that carries a live session but no CSRF token', async () => {
    const other = await startHubUnderTest();
    try {
      const res = await other.inject({ method: 'POST', url: '/admin/login', payload: { key: other.adminKey } });
      const cookie = cookieOf(res.headers['set-cookie']);
      expect((await other.inject({ method: 'POST', url: '/admin/logout', headers: { cookie } })).statusCode).toBe(403);
      expect((await other.inject({ url: '/admin/session', headers: { cookie } })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
