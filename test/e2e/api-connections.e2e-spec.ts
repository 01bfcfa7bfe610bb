import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Connection {
  name: string;
  provider: string;
  baseUrl: string;
  options: Record<string, unknown>;
  credentialNames: string[];
  enabled: boolean;
  version: number;
}

interface Problem {
  status: number;
  type: string;
  detail: string;
  errors?: { field: string; reason: string }[];
}

describe('the connections API', () => {
  let hub: HubUnderTest;
  let sandbox: SandboxUnderTest;
  let sandboxUrl: string;
  let writeKey: string;
  let readKey: string;

  const wms = (name: string, credentials: Record<string, string> = { appKey: 'demo-app-key', appSecret: 'demo-app-secret' }) => ({
    name,
    provider: 'wms',
    baseUrl: `${sandboxUrl}/wms`,
    credentials,
    options: { version: 'v1' },
  });

  const create = (body: unknown) => hub.inject({ method: 'POST', url: '/api/v1/connections', key: writeKey, payload: body });

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest();
    sandboxUrl = await sandbox.listen();
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    writeKey = await hub.keyWith(['write']);
    readKey = await hub.keyWith(['read']);
  });
  afterAll(async () => {
    await hub.close();
    await sandbox.close();
  });

  it('creates a connection and shows which credentials are set, never their values', async () => {
    const res = await create(wms('wms-main'));
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers.location).toBe('/api/v1/connections/wms-main');
    expect(res.json<Connection>()).toMatchObject({
      name: 'wms-main',
      provider: 'wms',
      credentialNames: ['appKey', 'appSecret'],
      options: { version: 'v1' },
      enabled: true,
      version: 1,
    });
    const list = await hub.inject({ url: '/api/v1/connections', key: readKey });
    expect(list.json<{ data: Connection[] }>().data.map((c) => [c.name, c.credentialNames])).toEqual([
      ['wms-main', ['appKey', 'appSecret']],
    ]);
    expect(list.body).not.toContain('demo-app-secret');
    const stored = JSON.stringify(await hub.db.dataSource.query(`SELECT credentials FROM connection WHERE name = 'wms-main'`));
    expect(stored).not.toContain('demo-app-secret');
  });

  it('exports the connections as CSV and JSON lines with the names of their credentials, never a credential', async () => {
    const csv = await hub.inject({ url: '/api/v1/connections', key: readKey, headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(String(csv.headers['content-disposition'])).toContain('connections.csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('name,provider,baseUrl,options,credentialNames,enabled,version,createdAt,updatedAt');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 3))).toEqual([['wms-main', 'wms', `${sandboxUrl}/wms`]]);
    expect(rows[1]).toContain('appKey|appSecret');
    const lines = await hub.inject({ url: '/api/v1/connections', key: readKey, headers: { accept: 'application/x-ndjson' } });
    const list = await hub.inject({ url: '/api/v1/connections', key: readKey });
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(list.json<{ data: unknown[] }>().data);
    for (const body of [csv.body, lines.body]) {
      expect(body).not.toContain('demo-app-secret');
      expect(body).not.toContain('demo-app-key');
    }
  });

  it('answers 409 when the name is taken', async () => {
    await create(wms('wms-taken'));
    const res = await create(wms('wms-taken'));
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().type).toBe('https://serai.dev/problems/conflict');
  });

  it('answers 400 naming each bad field and stores nothing', async () => {
    const before = await hub.db.count('connection');
    const res = await create({
      name: 'Bad Name',
      provider: 'fedex',
      baseUrl: 'ftp://example.com',
      credentials: { appKey: 7 },
      options: 'fast',
      enabled: 'yes',
      colour: 'blue',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json<Problem>().errors?.map((e) => e.field);
    expect([...new Set(fields)].sort()).toEqual(['baseUrl', 'colour', 'credentials', 'enabled', 'name', 'options', 'provider']);
    expect(res.json<Problem>().errors?.find((e) => e.field === 'baseUrl')?.reason).toBe('must be an http or https URL');
    expect(await hub.db.count('connection')).toBe(before);
  });

  it('answers one connection with its ETag, and 404 for a name it does not know', async () => {
    await create(wms('wms-etag'));
    const res = await hub.inject({ url: '/api/v1/connections/wms-etag', key: readKey });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    const missing = await hub.inject({ url: '/api/v1/connections/nobody', key: readKey });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('patches with a current If-Match, replaces credentials, and refuses a stale one with 412', async () => {
    await create(wms('wms-patch'));
    const patch = (ifMatch: string | undefined, payload: unknown) =>
      hub.inject({
        method: 'PATCH',
        url: '/api/v1/connections/wms-patch',
        key: writeKey,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
        payload,
      });
    const first = await patch('W/"1"', { credentials: { appKey: 'k2', appSecret: 's2', region: 'cn' }, enabled: false });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('W/"2"');
    expect(first.json<Connection>()).toMatchObject({ credentialNames: ['appKey', 'appSecret', 'region'], enabled: false, version: 2 });
    const stale = await patch('W/"1"', { enabled: true });
    expect(stale.statusCode).toBe(412);
    expect(stale.json<Problem>().type).toBe('https://serai.dev/problems/precondition-failed');
    const unconditional = await patch(undefined, { baseUrl: 'https://wms.example.com/api' });
    expect(unconditional.json<Connection>()).toMatchObject({ baseUrl: 'https://wms.example.com/api', enabled: false, version: 3 });
    const renamed = await patch(undefined, { name: 'other', provider: 'wms' });
    expect(renamed.statusCode).toBe(400);
    expect(
      renamed
        .json<Problem>()
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['name', 'provider']);
    expect((await patch(undefined, {})).statusCode).toBe(400);
  });

  it('deletes with admin scope only, refuses a stale If-Match, and keeps a connection routes still use', async () => {
    await create(wms('wms-delete'));
    await create(wms('wms-routed'));
    const admin = await hub.keyWith(['admin']);
    const byWriter = await hub.inject({ method: 'DELETE', url: '/api/v1/connections/wms-delete', key: writeKey });
    expect(byWriter.statusCode).toBe(403);
    expect(byWriter.json<Problem>().detail).toContain('`admin` scope');
    const stale = await hub.inject({
      method: 'DELETE',
      url: '/api/v1/connections/wms-delete',
      key: admin,
      headers: { 'if-match': 'W/"9"' },
    });
    expect(stale.statusCode).toBe(412);
    const gone = await hub.inject({
      method: 'DELETE',
      url: '/api/v1/connections/wms-delete',
      key: admin,
      headers: { 'if-match': 'W/"1"' },
    });
    expect(gone.statusCode).toBe(204);
    expect((await hub.inject({ url: '/api/v1/connections/wms-delete', key: readKey })).statusCode).toBe(404);

    await hub.inject({
      method: 'PUT',
      url: '/api/v1/routes',
      key: admin,
      payload: {
        routes: [{ name: 'to-wms', eventTypes: ['OrderReceived'], connection: 'wms-routed', capability: 'orderSink.createOrder' }],
      },
    });
    const used = await hub.inject({ method: 'DELETE', url: '/api/v1/connections/wms-routed', key: admin });
    expect(used.statusCode).toBe(409);
    expect(used.json<Problem>().detail).toContain('to-wms');
  });

  it('tests a connection and answers what the provider said', async () => {
    await create(wms('wms-good'));
    await create(wms('wms-wrong-secret', { appKey: 'demo-app-key', appSecret: 'not-the-secret' }));
    await create(wms('wms-no-secret', { appKey: 'demo-app-key' }));
    const test = (name: string) => hub.inject({ method: 'POST', url: `/api/v1/connections/${name}/test`, key: writeKey });

    const good = await test('wms-good');
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ ok: true });
    expect(typeof good.json().latencyMs).toBe('number');

    const refused = (await test('wms-wrong-secret')).json<{ ok: boolean; providerCode?: string; message: string }>();
    expect(refused.ok).toBe(false);
    expect(refused.providerCode).toEqual(expect.any(String));
    expect(refused.message).not.toContain('not-the-secret');

    expect((await test('wms-no-secret')).json()).toMatchObject({ ok: false, providerCode: 'INVALID_SETTINGS' });
    expect((await test('nobody')).statusCode).toBe(404);
  });
});
