import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface EntryPage {
  table: string;
  version: number;
  items: { key: string; value: Record<string, unknown> }[];
  page: { nextCursor: string | null };
}

/** The mapping tables over REST: defaults from the documents, ETag/If-Match on changes, validation, history and scopes. */
describe('GET/PUT/DELETE /api/v1/mappings (e2e)', () => {
  let hub: HubUnderTest;
  let writer: string;
  let reader: string;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    writer = await hub.keyWith(['write']);
    reader = await hub.keyWith(['read']);
  });
  afterAll(() => hub.close());

  const etagOf = async (table: string): Promise<string> =>
    String((await hub.inject({ url: `/api/v1/mappings/${table}`, key: reader })).headers.etag);
  const rowCounts = async (): Promise<number[]> =>
    (
      (await hub.db.dataSource.query(
        `SELECT (SELECT count(*) FROM mapping_entry)::int AS e, (SELECT count(*) FROM mapping_history)::int AS h, (SELECT sum(version) FROM mapping_table)::int AS v`,
      )) as { e: number; h: number; v: number }[]
    ).flatMap((r) => [r.e, r.h, r.v]);

  it('lists the three tables, seeded with the documents’ courier codes and statuses', async () => {
    const res = await hub.inject({ url: '/api/v1/mappings', key: reader });
    expect(res.statusCode).toBe(200);
    const tables = res.json<{ items: { name: string; entries: number; etag: string }[] }>().items;
    expect(tables.map((t) => t.name)).toEqual(['courier-codes', 'order-statuses', 'sku-xref']);
    expect(tables.find((t) => t.name === 'courier-codes')?.entries).toBe(11);
    const couriers = await hub.inject({ url: '/api/v1/mappings/courier-codes?limit=200', key: reader });
    expect(couriers.headers.etag).toMatch(/^W\/"\d+"$/);
    const sf = couriers.json<EntryPage>().items.find((e) => e.key === 'sf');
    expect(sf?.value).toMatchObject({ name: 'ShunFeng', nengmao: 'sf' });
    const statuses = (await hub.inject({ url: '/api/v1/mappings/order-statuses?limit=200', key: reader })).json<EntryPage>().items;
    expect(statuses.find((e) => e.key === 'nengmao:4')?.value).toEqual({
      name: 'confirming cancellation',
      canonical: 'cancellation_requested',
    });
    expect(statuses.find((e) => e.key === 'nomad-envoy:TRADE_REFUND')?.value).toEqual({
      name: 'TRADE_REFUND',
      canonical: 'cancellation_requested',
    });
  });

  it('creates and replaces an entry with If-Match, answering the new ETag, and pages in key order', async () => {
    const etag = await etagOf('sku-xref');
    const put = (key: string, value: unknown, tag: string) =>
      hub.inject({ method: 'PUT', url: `/api/v1/mappings/sku-xref/${key}`, key: writer, headers: { 'if-match': tag }, payload: { value } });
    const created = await put('SKU-000001', { merchantGoodsNo: 'M000001', warehouseGoodsNo: 'W000001' }, etag);
    expect(created.statusCode).toBe(201);
    const second = await put('SKU-000002', { merchantGoodsNo: 'M000002' }, String(created.headers.etag));
    expect(second.statusCode).toBe(201);
    const replaced = await put('SKU-000001', { merchantGoodsNo: 'M000001', envoySkuNumber: 'ENV-000001' }, String(second.headers.etag));
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      table: 'sku-xref',
      key: 'SKU-000001',
      value: { merchantGoodsNo: 'M000001', envoySkuNumber: 'ENV-000001' },
    });
    const first = (await hub.inject({ url: '/api/v1/mappings/sku-xref?limit=1', key: reader })).json<EntryPage>();
    expect(first.items.map((e) => e.key)).toEqual(['SKU-000001']);
    const next = (
      await hub.inject({ url: `/api/v1/mappings/sku-xref?limit=1&cursor=${first.page.nextCursor}`, key: reader })
    ).json<EntryPage>();
    expect(next.items.map((e) => e.key)).toEqual(['SKU-000002']);
    expect(next.page.nextCursor).toBeNull();
  });

  it('refuses a change without If-Match (428) or with a stale one (412), changing nothing', async () => {
    const readEarlier = await etagOf('courier-codes');
    const colleague = await hub.inject({
      method: 'PUT',
      url: '/api/v1/mappings/courier-codes/sf',
      key: writer,
      headers: { 'if-match': readEarlier },
      payload: { value: { name: 'ShunFeng', nengmao: 'sf', aliases: ['SF', '顺丰'] } },
    });
    expect(colleague.statusCode).toBe(200);
    expect(colleague.headers.etag).not.toBe(readEarlier);
    const before = await rowCounts();
    const missing = await hub.inject({
      method: 'PUT',
      url: '/api/v1/mappings/courier-codes/sf',
      key: writer,
      payload: { value: { name: 'SF', nengmao: 'x' } },
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ errors: [{ field: 'If-Match', reason: 'is required' }] });
    const stale = await hub.inject({
      method: 'DELETE',
      url: '/api/v1/mappings/courier-codes/sf',
      key: writer,
      headers: { 'if-match': readEarlier },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses invalid keys and values naming each field (400), and taken identifiers (409), changing nothing', async () => {
    const before = await rowCounts();
    const etag = await etagOf('courier-codes');
    const bad = await hub.inject({
      method: 'PUT',
      url: '/api/v1/mappings/courier-codes/Bad%20Code',
      key: writer,
      headers: { 'if-match': etag },
      payload: { value: { nengmao: 'way too long a courier code for nengmao', aliases: 'SF' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['key', 'value.aliases', 'value.name', 'value.nengmao']);
    const notObject = await hub.inject({
      method: 'PUT',
      url: '/api/v1/mappings/courier-codes/sf',
      key: writer,
      headers: { 'if-match': etag },
      payload: { value: 'sf' },
    });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json()).toMatchObject({ errors: [{ field: 'value' }] });
    const taken = await hub.inject({
      method: 'PUT',
      url: '/api/v1/mappings/sku-xref/SKU-000003',
      key: writer,
      headers: { 'if-match': await etagOf('sku-xref') },
      payload: { value: { merchantGoodsNo: 'M000002' } },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ errors: [{ field: 'value.merchantGoodsNo' }] });
    expect((await hub.inject({ url: '/api/v1/mappings/no-such-table', key: reader })).statusCode).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it('removes an entry and shows every change with who made it, newest first', async () => {
    const res = await hub.inject({
      method: 'DELETE',
      url: '/api/v1/mappings/sku-xref/SKU-000002',
      key: writer,
      headers: { 'if-match': await etagOf('sku-xref') },
    });
    expect(res.statusCode).toBe(204);
    const gone = await hub.inject({
      method: 'DELETE',
      url: '/api/v1/mappings/sku-xref/SKU-000002',
      key: writer,
      headers: { 'if-match': await etagOf('sku-xref') },
    });
    expect(gone.statusCode).toBe(404);
    const history = (await hub.inject({ url: '/api/v1/mappings/sku-xref/history', key: reader })).json<{
      items: { key: string; oldValue: unknown; newValue: unknown; changedBy: { keyId: string | null; name: string } }[];
    }>().items;
    expect(history.map((h) => [h.key, h.oldValue === null, h.newValue === null])).toEqual([
      ['SKU-000002', false, true],
      ['SKU-000001', false, false],
      ['SKU-000002', true, false],
      ['SKU-000001', true, false],
    ]);
    expect(history[0]?.changedBy.name).toBe('test-write');
    expect(history[0]?.changedBy.keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(history[1]?.oldValue).toEqual({ merchantGoodsNo: 'M000001', warehouseGoodsNo: 'W000001' });
  });

  it('needs read to look and write to change', async () => {
    expect((await hub.inject({ url: '/api/v1/mappings' })).statusCode).toBe(401);
    const denied = await hub.inject({
      method: 'PUT',
      url: '/api/v1/mappings/courier-codes/sf',
      key: reader,
      headers: { 'if-match': await etagOf('courier-codes') },
      payload: { value: { name: 'ShunFeng', nengmao: 'sf' } },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('exports the entries of a table and its history as CSV and JSON lines, every page, neutralising a formula, and refuses a bad table or cursor before the file starts', async () => {
    const get = (url: string, accept: string) => hub.inject({ url: `/api/v1/mappings/${url}`, key: reader, headers: { accept } });
    const couriers = (await get('courier-codes?limit=200', 'application/json')).json<EntryPage>().items;
    const csv = await get('courier-codes?limit=1', 'text/csv');
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('key,value,updatedAt');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(couriers.map((e) => e.key));
    const lines = await get('courier-codes', 'application/x-ndjson');
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(couriers);

    const formula = '=HYPERLINK(1)';
    const put = await hub.inject({
      method: 'PUT',
      url: `/api/v1/mappings/sku-xref/${encodeURIComponent(formula)}`,
      key: writer,
      headers: { 'if-match': await etagOf('sku-xref') },
      payload: { value: { merchantGoodsNo: 'M-FORMULA' } },
    });
    expect(put.statusCode).toBe(201);
    const entries = (await get('sku-xref', 'text/csv')).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(entries.slice(1).map((r) => r.split(',')[0])).toEqual([`'${formula}`, 'SKU-000001']);
    const history = (await get('sku-xref/history?limit=2', 'text/csv')).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(history[0]).toBe('id,key,oldValue,newValue,tableVersion,changedByKeyId,changedByName,changedAt');
    expect(history.slice(1).map((r) => r.split(',')[1])).toEqual([`'${formula}`, 'SKU-000002', 'SKU-000001', 'SKU-000002', 'SKU-000001']);
    const historyJson = (await get('sku-xref/history?limit=200', 'application/json')).json<{ items: unknown[] }>().items;
    const historyLines = await get('sku-xref/history', 'application/x-ndjson');
    expect(
      historyLines.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(historyJson);

    expect((await get('nothing', 'text/csv')).statusCode).toBe(404);
    expect((await get('sku-xref/history?cursor=Zm9v', 'text/csv')).statusCode).toBe(400);
    expect((await get('sku-xref?cursor=Zm9v_', 'text/csv')).statusCode).toBe(400);
  });
});
