import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { CredentialCipher, createLogger } from '@serai/common';
import { callbackSignature } from '@serai/connectors';
import { ConnectionRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import { CallbackRefusalAudit } from '../../apps/hub/src/callbacks/callback-refusal-audit';
import { DemoTopology } from '../../apps/hub/src/demo/demo-topology';
import { callbackSender, jsonCallback, xmlCallback } from '../support/callback-sender';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

const FIXTURES = join(__dirname, '..', '..', 'libs', 'connectors', 'src', 'nomad-pilot', 'fixtures');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
/** The document's curl `-d` body, byte for byte. */
const DOCUMENT_BODY =
  '{"deliveryOrder":{"deliveryOrderCode":"string","deliveryOrderId":"string","warehouseCode":"string","orderType":"string","status":"string","outBizCode":"string","confirmType":"string","orderConfirmTime":"string","operatorCode":"string","operatorName":"string","operateTime":"string","storageFee":"string","logisticsCode":"string","logisticsName":"string","expressCode":"string"}}';
const KEY = 'test-callback-key-0123456789';
const FAILURE_LIMIT = 4;

interface InboxRow {
  id: string;
  store: string;
  connection_id: string;
  dedupe_key: string;
  content_type: string | null;
  body_format: string;
  headers: Record<string, string>;
  body: string;
  source_address: string;
  state: string;
}

describe('the callback receiver (POST /callback/{store})', () => {
  let hub: HubUnderTest;
  let send: ReturnType<typeof callbackSender>;
  let pilotId: string;
  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => hub.db.dataSource.query(sql, params) as Promise<T[]>;
  const inbox = (): Promise<InboxRow[]> => q<InboxRow>(`SELECT * FROM webhook_inbox ORDER BY id`);
  /** The audit rows, once the writes begun after each answer have finished. */
  const refusals = async (): Promise<{ reason_code: string; reason: string; http_status: number; connection_id: string | null }[]> => {
    await hub.app.get(CallbackRefusalAudit).settled();
    return q(`SELECT reason_code, reason, http_status, connection_id FROM callback_refusal ORDER BY id`);
  };
  let nextAddress = 1;
  /** Each test sends from its own address so the failure limit of one never blocks another. */
  const freshAddress = (): string => `10.0.0.${nextAddress++}`;

  const createPilot = async (name: string, options: Record<string, unknown>, credentials: Record<string, string>) => {
    const res = await hub.inject({
      method: 'POST',
      url: '/api/v1/connections',
      key: hub.adminKey,
      payload: {
        name,
        provider: 'nomad-pilot',
        baseUrl: 'http://localhost:9/pilot',
        options: { carrier: 'samarkand.sfexpress.test', ...options },
        credentials,
      },
    });
    expect(res.statusCode).toBe(201);
    const [row] = await q<{ id: string }>(`SELECT id FROM connection WHERE name = $1`, [name]);
    return row!.id;
  };

  beforeAll(async () => {
    hub = await startHubUnderTest({
      HUB_ROLE: 'api',
      CALLBACK_MAX_BYTES: '65536',
      CALLBACK_AUTH_FAILURE_LIMIT: String(FAILURE_LIMIT),
      CALLBACK_STORE_CACHE_MS: '500',
    });
    send = callbackSender(hub.app, { key: KEY, store: 'haiku' });
    pilotId = await createPilot('pilot-main', { callbackStores: ['haiku', 'samarkand.sfexpress.test'] }, { caKey: 'ca', callbackKey: KEY });
    await createPilot(
      'pilot-signed',
      { callbackStores: ['signed-wms'], callbackSignature: 'md5' },
      { caKey: 'ca', callbackKey: KEY, callbackSecret: 'qimen-secret' },
    );
  });
  afterAll(() => hub.close());
  beforeEach(async () => {
    await hub.app.get(CallbackRefusalAudit).settled();
    await q(`DELETE FROM webhook_inbox`);
    await q(`DELETE FROM callback_refusal`);
  });

  describe('accepting', () => {
    it("accepts the document's own example (JSON sent as application/xml), answers in JSON, and stores it as received", async () => {
      const res = await send({ body: DOCUMENT_BODY, contentType: 'application/xml', remoteAddress: '192.0.2.7' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body)).toEqual({ success: 'success', errorcode: '0', errormsg: 'accepted' });
      const [row, ...others] = await inbox();
      expect(others).toHaveLength(0);
      expect(row).toMatchObject({
        store: 'haiku',
        connection_id: pilotId,
        dedupe_key: 'string',
        content_type: 'application/xml',
        body_format: 'json',
        body: DOCUMENT_BODY,
        source_address: '192.0.2.7',
        state: 'received',
      });
      expect(row!.headers['x-ca-key']).toBe('[REDACTED]');
      expect(JSON.stringify(row!.headers)).not.toContain(KEY);
    });

    it('accepts a QiMen PARTDELIVERED XML envelope on /callbacks/{carrier} and answers in QiMen XML', async () => {
      const body = fixture('callback-qimen-partdelivered.request.xml');
      const res = await send({ path: 'callbacks', store: 'samarkand.sfexpress.test', contentType: 'text/xml; charset=utf-8', body });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      expect(res.body).toBe(
        '<?xml version="1.0" encoding="utf-8"?><response><flag>success</flag><code>0</code><message>accepted</message></response>',
      );
      expect(await inbox()).toEqual([
        expect.objectContaining({ store: 'samarkand.sfexpress.test', body_format: 'xml', body, dedupe_key: '4829105573312908-000007' }),
      ]);
    });

    it('answers each body in its own form whatever the label: JSON for JSON, XML for XML', async () => {
      const cases = [
        { contentType: 'application/json', body: jsonCallback({ code: 'F-1' }), answer: /^application\/json/ },
        { contentType: 'application/xml', body: xmlCallback({ code: 'F-2' }), answer: /^application\/xml/ },
        { contentType: 'text/xml', body: xmlCallback({ code: 'F-3' }), answer: /^application\/xml/ },
        { contentType: 'application/xml', body: jsonCallback({ code: 'F-4' }), answer: /^application\/json/ },
      ];
      for (const c of cases) {
        const res = await send({ contentType: c.contentType, body: c.body });
        expect([res.statusCode, res.headers['content-type']]).toEqual([200, expect.stringMatching(c.answer)]);
      }
      expect((await inbox()).map((row) => row.body_format)).toEqual(['json', 'xml', 'xml', 'json']);
    });

    it('stores a redelivered callback once and answers success each time, even when the copies race', async () => {
      const body = jsonCallback({ code: 'DUP-1', outBizCode: 'MSG-1' });
      const first = await send({ body, contentType: 'application/json' });
      const again = await send({ body, contentType: 'application/json' });
      expect(JSON.parse(first.body)).toMatchObject({ success: 'success', errormsg: 'accepted' });
      expect(JSON.parse(again.body)).toEqual({ success: 'success', errorcode: '0', errormsg: 'duplicate: already received' });
      // Copies arriving together are written in the same commit: one is stored, the others are answered as redeliveries.
      const racing = await Promise.all(Array.from({ length: 10 }, () => send({ body: xmlCallback({ code: 'DUP-2' }) })));
      expect(racing.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      const messages = racing.map((r) => /<message>([^<]*)<\/message>/.exec(r.body)?.[1]);
      expect(messages.filter((m) => m === 'accepted')).toHaveLength(1);
      expect(messages.filter((m) => m === 'duplicate: already received')).toHaveLength(9);
      const rows = await inbox();
      expect(rows.map((row) => row.dedupe_key)).toEqual(['MSG-1', '["DUP-2","DELIVERED","0",["SFDUP-2"]]']);
    });

    it('stores many callbacks sent at once each exactly once, and answers each only once its row is committed', async () => {
      const codes = Array.from({ length: 60 }, (_, i) => `PAR-${i}`);
      const committedWhenAnswered = await Promise.all(
        codes.map(async (code, i) => {
          const body = i % 2 === 0 ? jsonCallback({ code }) : xmlCallback({ code });
          const res = await send({ body, contentType: i % 2 === 0 ? 'application/json' : 'application/xml' });
          // Read from the test's own connections: only a committed row is visible there.
          const seen = await q<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE dedupe_key LIKE $1`, [`["${code}",%`]);
          return [res.statusCode, /accepted/.test(res.body), seen[0]?.n];
        }),
      );
      expect(committedWhenAnswered).toEqual(Array(60).fill([200, true, 1]));
      expect(await inbox()).toHaveLength(60);
    });

    it('keeps a new status of the same delivery order as a new entry', async () => {
      await send({ body: xmlCallback({ code: 'SEQ-1', status: 'ACCEPT', confirmType: '1' }) });
      await send({ body: xmlCallback({ code: 'SEQ-1', status: 'DELIVERED' }) });
      expect(await inbox()).toHaveLength(2);
    });

    it('keeps every digit of ids sent as bare JSON numbers', async () => {
      const body =
        '{"deliveryOrder":{"deliveryOrderCode":48291055733129081234,"status":"DELIVERED","outBizCode":4829105573312908123400001}}';
      expect((await send({ body, contentType: 'application/json' })).statusCode).toBe(200);
      const [row] = await inbox();
      expect(row).toMatchObject({ dedupe_key: '4829105573312908123400001', body });
    });
  });

  describe('authentication', () => {
    it('answers an unknown store, a wrong key and a missing key alike with 401, stores nothing, and audits why', async () => {
      const body = jsonCallback({ code: 'AUTH-1' });
      const unknownStore = await send({ store: 'no-such-store', body, remoteAddress: freshAddress() });
      const wrongKey = await send({ key: 'guess', body, remoteAddress: freshAddress() });
      const noKey = await send({ key: null, body, remoteAddress: freshAddress() });
      for (const res of [unknownStore, wrongKey, noKey]) {
        expect(res.statusCode).toBe(401);
        expect(JSON.parse(res.body)).toEqual({
          success: 'false',
          errorcode: 'UNAUTHORIZED',
          errormsg: 'the store and x-ca-key do not match a configured callback receiver',
        });
      }
      expect(await inbox()).toHaveLength(0);
      // Audit rows are written after each answer, so their order is not the requests' order.
      const audit = await refusals();
      expect(audit).toHaveLength(3);
      expect(audit).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ http_status: 401, reason: 'unknown store no-such-store', connection_id: null }),
          expect.objectContaining({ http_status: 401, reason: 'wrong x-ca-key for pilot-main', connection_id: pilotId }),
          expect.objectContaining({ http_status: 401, reason: 'no x-ca-key header', connection_id: pilotId }),
        ]),
      );
      expect(JSON.stringify(hub.logLines())).not.toContain('"guess"');
      expect(JSON.stringify(hub.logLines())).not.toContain(KEY);
    });

    it('blocks an address with 429 after repeated failures, the right key included, while others go on', async () => {
      const attacker = freshAddress();
      const body = jsonCallback({ code: 'RATE-1' });
      for (let i = 0; i < FAILURE_LIMIT; i += 1)
        expect((await send({ key: `guess-${i}`, body, remoteAddress: attacker })).statusCode).toBe(401);
      // Refused before the body is read, so the answer's form follows the Content-Type.
      const blocked = await send({ body, contentType: 'application/json', remoteAddress: attacker });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect(JSON.parse(blocked.body)).toMatchObject({ success: 'false', errorcode: 'RATE_LIMITED' });
      const blockedXml = await send({ body, contentType: 'text/xml', remoteAddress: attacker });
      expect([blockedXml.statusCode, blockedXml.body]).toEqual([429, expect.stringContaining('<code>RATE_LIMITED</code>')]);
      expect((await send({ body, remoteAddress: freshAddress() })).statusCode).toBe(200);
      expect(await inbox()).toHaveLength(1);
      // Four 401 lines and one 429 line for the whole block, not one per request.
      expect((await refusals()).map((r) => r.http_status).sort()).toEqual([401, 401, 401, 401, 429]);
    });

    it('checks a QiMen MD5 signature when the connection asks for one', async () => {
      const body = xmlCallback({ code: 'SIGN-1' });
      const params = { method: 'taobao.qimen.deliveryorder.confirm', app_key: 'k1', customerId: 'C1', timestamp: '2024-09-01 18:30:00' };
      const sign = callbackSignature('md5', 'qimen-secret', params, body);
      const query = `?${new URLSearchParams({ ...params, sign_method: 'md5', sign }).toString()}`;
      // sign_method is itself a signed parameter: the right signature covers it.
      const signed = callbackSignature('md5', 'qimen-secret', { ...params, sign_method: 'md5' }, body);
      const ok = await send({ store: 'signed-wms', body, query: query.replace(sign, signed), remoteAddress: freshAddress() });
      expect(ok.statusCode).toBe(200);
      const tampered = await send({
        store: 'signed-wms',
        body: body.replace('SIGN-1', 'SIGN-2'),
        query: query.replace(sign, signed),
        remoteAddress: freshAddress(),
      });
      const unsigned = await send({ store: 'signed-wms', body, remoteAddress: freshAddress() });
      expect([tampered.statusCode, unsigned.statusCode]).toEqual([401, 401]);
      expect(tampered.body).toContain('<code>UNAUTHORIZED</code>');
      expect(await inbox()).toHaveLength(1);
      expect((await refusals()).map((r) => r.reason).sort()).toEqual(['no sign parameter', 'wrong md5 signature for pilot-signed']);
    });

    it('follows a key change within the store cache period', async () => {
      const body = jsonCallback({ code: 'ROTATE-1' });
      const patch = await hub.inject({
        method: 'PATCH',
        url: '/api/v1/connections/pilot-signed',
        key: hub.adminKey,
        payload: {
          credentials: { caKey: 'ca', callbackKey: 'rotated-key', callbackSecret: 'qimen-secret' },
          options: { carrier: 'x', callbackStores: ['rotated'] },
        },
      });
      expect(patch.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await send({ store: 'rotated', key: 'rotated-key', body, contentType: 'application/json' })).statusCode).toBe(200);
      expect((await send({ store: 'signed-wms', body, remoteAddress: freshAddress() })).statusCode).toBe(401);
    });
  });

  describe('refusing bad input with 400 in the contract format, changing nothing but the audit table', () => {
    it.each([
      ['a wrong content type', { contentType: 'text/plain', body: jsonCallback({ code: 'B-1' }) }, 'INVALID_CONTENT_TYPE', 'json'],
      ['no content type', { contentType: null, body: jsonCallback({ code: 'B-2' }) }, 'INVALID_CONTENT_TYPE', 'json'],
      [
        'a charset other than UTF-8',
        { contentType: 'text/xml; charset=GBK', body: xmlCallback({ code: 'B-3' }) },
        'INVALID_ENCODING',
        'xml',
      ],
      ['an empty body', { contentType: 'application/json', body: '' }, 'EMPTY_BODY', 'json'],
      ['a blank body', { contentType: 'application/xml', body: '  \n ' }, 'EMPTY_BODY', 'xml'],
      [
        'invalid UTF-8',
        { contentType: 'application/xml', body: Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]) },
        'INVALID_ENCODING',
        'xml',
      ],
      [
        'a raw NUL character',
        { body: '<deliveryOrder><deliveryOrderCode>1\u0000</deliveryOrderCode><status>X</status></deliveryOrder>' },
        'INVALID_ENCODING',
        'xml',
      ],
      ['a GBK XML declaration', { body: '<?xml version="1.0" encoding="GBK"?><deliveryOrder/>' }, 'INVALID_ENCODING', 'xml'],
      [
        'a missing deliveryOrderCode',
        { contentType: 'application/json', body: '{"deliveryOrder":{"status":"DELIVERED"}}' },
        'INVALID_BODY',
        'json',
      ],
      [
        'a DOCTYPE',
        { body: '<!DOCTYPE r [<!ENTITY e SYSTEM "http://127.0.0.1:1/x">]><deliveryOrder>&e;</deliveryOrder>' },
        'INVALID_BODY',
        'xml',
      ],
      ['a form body', { contentType: 'application/xml', body: 'deliveryOrderCode=1' }, 'INVALID_BODY', 'xml'],
    ] as const)('refuses %s', async (_case, request, code, format) => {
      const res = await send({ ...request, remoteAddress: freshAddress() });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(format === 'json' ? /^application\/json/ : /^application\/xml/);
      const reason = format === 'json' ? (JSON.parse(res.body) as { errorcode: string; errormsg: string }) : undefined;
      if (reason) expect(reason).toMatchObject({ success: 'false', errorcode: code });
      else expect(res.body).toContain(`<flag>failure</flag><code>${code}</code>`);
      expect(await inbox()).toHaveLength(0);
      expect(await refusals()).toEqual([expect.objectContaining({ http_status: 400, reason_code: code })]);
    });

    it('names the missing field in the answer', async () => {
      const res = await send({ contentType: 'application/json', body: '{"deliveryOrder":{"status":"DELIVERED"}}' });
      expect(JSON.parse(res.body)).toMatchObject({ errormsg: 'deliveryOrder.deliveryOrderCode is required' });
    });

    it('refuses a body over CALLBACK_MAX_BYTES with 413 before reading it', async () => {
      const res = await send({ body: `<request>${' '.repeat(70_000)}</request>`, remoteAddress: freshAddress() });
      expect(res.statusCode).toBe(413);
      expect(res.body).toContain('<code>PAYLOAD_TOO_LARGE</code>');
      expect(await inbox()).toHaveLength(0);
      expect(await refusals()).toEqual([expect.objectContaining({ http_status: 413, reason: 'the body is larger than 65536 bytes' })]);
    });
  });

  describe('when the callback cannot be stored', () => {
    it('answers 503 in the contract format while the database refuses connections, and 200 again once it is back', async () => {
      const body = jsonCallback({ code: 'DOWN-1' });
      // Warm the store cache, as in steady operation.
      expect((await send({ body: jsonCallback({ code: 'WARM-1' }), contentType: 'application/json' })).statusCode).toBe(200);
      const name = new URL(hub.db.url).pathname.slice(1);
      const admin = new Client({ connectionString: process.env.SERAI_TEST_ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
        const res = await send({ body, contentType: 'application/json' });
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        // Callbacks arriving together wait for one commit: each of them is answered 503, none stored.
        const together = await Promise.all(
          Array.from({ length: 20 }, (_, i) => send({ body: jsonCallback({ code: `DOWN-M-${i}` }), contentType: 'application/json' })),
        );
        expect(together.map((r) => r.statusCode)).toEqual(Array(20).fill(503));
        expect(JSON.parse(res.body)).toEqual({
          success: 'false',
          errorcode: 'SERVICE_UNAVAILABLE',
          errormsg: 'temporarily unable to store the callback; retry later',
        });
      } finally {
        await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
        await admin.end();
      }
      expect((await send({ body, contentType: 'application/json' })).statusCode).toBe(200);
      expect((await inbox()).map((row) => row.dedupe_key)).toEqual([
        '["WARM-1","DELIVERED","0",["SFWARM-1"]]',
        '["DOWN-1","DELIVERED","0",["SFDOWN-1"]]',
      ]);
    });

    it('answers 503 for a disabled connection, so the sender retries once it is enabled', async () => {
      await q(`UPDATE connection SET enabled = false WHERE id = $1`, [pilotId]);
      await new Promise((resolve) => setTimeout(resolve, 600));
      try {
        const res = await send({ body: xmlCallback({ code: 'OFF-1' }) });
        expect(res.statusCode).toBe(503);
        expect(res.body).toContain('<code>SERVICE_UNAVAILABLE</code>');
        expect(await inbox()).toHaveLength(0);
      } finally {
        await q(`UPDATE connection SET enabled = true WHERE id = $1`, [pilotId]);
        await new Promise((resolve) => setTimeout(resolve, 600));
      }
    });
  });

  it('is not part of /api/v1: no API key asked, no problem+json', async () => {
    const res = await send({ body: jsonCallback({ code: 'PUB-1' }), contentType: 'application/json' });
    expect(res.statusCode).toBe(200);
    expect((await hub.inject({ method: 'POST', url: '/api/v1/callback/haiku', payload: {} })).statusCode).not.toBe(200);
  });
});

describe('the demo topology maps the callback stores', () => {
  let hub: HubUnderTest;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    const app = hub.app;
    const logger = createLogger({ level: 'silent' });
    await new DemoTopology(
      app.get(TransactionRunner),
      app.get(ConnectionRepository),
      app.get(RouteRepository),
      app.get(CredentialCipher),
      logger,
    ).ensure('http://127.0.0.1:9');
  });
  afterAll(() => hub.close());

  it.each(['haiku', 'samarkand.sfexpress.test'])('accepts callbacks for %s with demo-ca-key into pilot-demo', async (store) => {
    const send = callbackSender(hub.app, { key: 'demo-ca-key', store });
    const res = await send({ body: xmlCallback({ code: `DEMO-${store}` }) });
    expect(res.statusCode).toBe(200);
    const [row] = (await hub.db.dataSource.query(
      `SELECT c.name FROM webhook_inbox i JOIN connection c ON c.id = i.connection_id WHERE i.store = $1`,
      [store],
    )) as { name: string }[];
    expect(row?.name).toBe('pilot-demo');
  });
});
