import { OrderRepository, TransactionRunner } from '@serai/persistence';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import { buildOrder } from '../support/order-builder';
import { callbackJson, callbackXml, insertReceivedCallback } from '../support/pilot-callbacks';

interface Callback {
  id: string;
  store: string;
  connection: string | null;
  state: string;
  attempts: number;
  lastError: string | null;
  externalOrderNumber: string | null;
  headers: Record<string, string>;
  outcome: Record<string, unknown> | null;
  body?: string;
}

interface Page {
  data: Callback[];
  page: { limit: number; nextCursor: string | null };
}

/** The callbacks API on an API-only hub (no loops): what it lists is what the test put there. */
describe('the callbacks API', () => {
  let hub: HubUnderTest;
  let readKey: string;
  let writeKey: string;
  const ids: Record<string, string> = {};
  const ORDER = 'NM-API-0001';

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    readKey = await hub.keyWith(['read']);
    writeKey = await hub.keyWith(['write']);
    const created = await hub.inject({
      method: 'POST',
      url: '/api/v1/connections',
      key: writeKey,
      payload: {
        name: 'pilot-demo',
        provider: 'nomad-pilot',
        baseUrl: 'http://127.0.0.1:9/pilot',
        credentials: { caKey: 'demo-ca-key' },
        options: { carrier: 'samarkand.sfexpress.test' },
      },
    });
    expect(created.statusCode).toBe(201);
    const [{ id: pilotId }] = (await hub.db.dataSource.query(`SELECT id FROM connection WHERE name = 'pilot-demo'`)) as [{ id: string }];
    const m = hub.db.dataSource.manager;
    const shipped = { deliveryOrderCode: ORDER, status: 'DELIVERED', outBizCode: 'api-1', expressCode: 'SF300000000001' };
    ids.waiting = await insertReceivedCallback(m, {
      store: 'haiku',
      connectionId: pilotId,
      dedupeKey: 'api-1',
      format: 'xml',
      body: callbackXml(shipped),
    });
    ids.other = await insertReceivedCallback(m, {
      store: 'samarkand.sfexpress.test',
      connectionId: pilotId,
      dedupeKey: 'api-2',
      format: 'json',
      body: callbackJson({ ...shipped, outBizCode: 'api-2', status: 'ACCEPT' }),
    });
    // A receiver that forgot to mask a header must still not leak it through the API.
    await m.query(`UPDATE webhook_inbox SET headers = '{"x-ca-key": "demo-ca-key", "content-type": "application/xml"}' WHERE id = $1`, [
      ids.waiting,
    ]);
  });

  afterAll(() => hub.close());

  const list = async (query: string, key = readKey) => hub.inject({ url: `/api/v1/callbacks${query}`, key });

  it('lists callbacks newest first with their state, and masks secrets in their headers', async () => {
    const response = await list('');
    expect(response.statusCode).toBe(200);
    const page = response.json<Page>();
    expect(page.data.map((c) => [c.id, c.store, c.state, c.connection])).toEqual([
      [ids.other, 'samarkand.sfexpress.test', 'received', 'pilot-demo'],
      [ids.waiting, 'haiku', 'received', 'pilot-demo'],
    ]);
    expect(page.data[1]?.headers).toEqual({ 'x-ca-key': '[REDACTED]', 'content-type': 'application/xml' });
    expect(response.body).not.toContain('demo-ca-key');
    expect(page.data[0]).not.toHaveProperty('body');
  });

  it('filters by state and store, and pages with an opaque cursor', async () => {
    expect((await list('?store=haiku')).json<Page>().data.map((c) => c.id)).toEqual([ids.waiting]);
    expect((await list('?state=failed,processed')).json<Page>().data).toEqual([]);
    const first = (await list('?limit=1')).json<Page>();
    expect(first.data.map((c) => c.id)).toEqual([ids.other]);
    const second = (await list(`?limit=1&cursor=${first.page.nextCursor ?? ''}`)).json<Page>();
    expect(second.data.map((c) => c.id)).toEqual([ids.waiting]);
    expect(second.page.nextCursor).toBeNull();
  });

  it('exports the filtered callbacks as CSV and JSON lines, every page, neutralising a formula, and refuses a forged cursor before the file starts', async () => {
    await hub.db.dataSource.query(`UPDATE webhook_inbox SET last_error = '=HYPERLINK("http://evil")' WHERE id = $1`, [ids.other]);
    const csv = await hub.inject({ url: '/api/v1/callbacks?limit=1', key: readKey, headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.body).not.toContain('demo-ca-key');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe(
      'id,store,connection,dedupeKey,contentType,bodyFormat,state,attempts,failures,lastError,externalOrderNumber,receivedAt,processedAt,nextAttemptAt,sourceAddress,headers,outcome',
    );
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual([ids.other, ids.waiting]);
    expect(rows[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const lines = await hub.inject({ url: '/api/v1/callbacks?store=haiku', key: readKey, headers: { accept: 'application/x-ndjson' } });
    expect(lines.statusCode).toBe(200);
    expect(lines.body).not.toContain('demo-ca-key');
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Callback).id),
    ).toEqual([ids.waiting]);
    const forged = await hub.inject({ url: '/api/v1/callbacks?cursor=Zm9v', key: readKey, headers: { accept: 'text/csv' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('cursor');
    await hub.db.dataSource.query(`UPDATE webhook_inbox SET last_error = NULL WHERE id = $1`, [ids.other]);
  });

  it('refuses bad filters and ids with a problem naming the field', async () => {
    const badState = await list('?state=lost');
    expect(badState.statusCode).toBe(400);
    expect(badState.body).toContain('state');
    expect((await list('?cursor=not-ours')).statusCode).toBe(400);
    const badId = await hub.inject({ url: '/api/v1/callbacks/abc', key: readKey });
    expect(badId.statusCode).toBe(400);
    expect(badId.body).toContain('id');
    expect((await hub.inject({ url: '/api/v1/callbacks/999999', key: readKey })).statusCode).toBe(404);
  });

  it('shows one callback with its raw body', async () => {
    const response = await hub.inject({ url: `/api/v1/callbacks/${ids.waiting}`, key: readKey });
    expect(response.statusCode).toBe(200);
    expect(response.json<Callback>().body).toContain(`<deliveryOrderCode>${ORDER}</deliveryOrderCode>`);
  });

  it('reprocesses a callback now with scope write: waiting for its order, then applied once the order exists', async () => {
    expect((await hub.inject({ method: 'POST', url: `/api/v1/callbacks/${ids.waiting}/reprocess`, key: readKey })).statusCode).toBe(403);
    expect((await hub.inject({ method: 'POST', url: `/api/v1/callbacks/${ids.waiting}/reprocess` })).statusCode).toBe(401);

    const waiting = await hub.inject({ method: 'POST', url: `/api/v1/callbacks/${ids.waiting}/reprocess`, key: writeKey });
    expect(waiting.statusCode).toBe(200);
    expect(waiting.json<Callback>()).toMatchObject({ state: 'waiting_for_order', externalOrderNumber: ORDER, attempts: 1 });
    expect((await list('?state=waiting_for_order')).json<Page>().data.map((c) => c.id)).toEqual([ids.waiting]);

    const order = buildOrder({ source: { connectionName: 'nengmao-demo', externalOrderNumber: ORDER } });
    order.acknowledge();
    order.markForwarded();
    await hub.app.get(TransactionRunner).run((m) => hub.app.get(OrderRepository).insert(m, order));
    const applied = await hub.inject({ method: 'POST', url: `/api/v1/callbacks/${ids.waiting}/reprocess`, key: writeKey });
    expect(applied.json<Callback>()).toMatchObject({ state: 'processed', lastError: null, outcome: { orderStatus: { after: 'shipped' } } });
    const again = await hub.inject({ method: 'POST', url: `/api/v1/callbacks/${ids.waiting}/reprocess`, key: writeKey });
    expect(again.json<Callback>()).toMatchObject({ state: 'processed', outcome: { parcels: [{ action: 'ignored', reason: 'repeated' }] } });
    expect(await hub.db.count('shipment')).toBe(1);
    expect((await hub.inject({ method: 'POST', url: '/api/v1/callbacks/999999/reprocess', key: writeKey })).statusCode).toBe(404);
  });
});
