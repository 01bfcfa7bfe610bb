import { productBody, putRoutes } from '../support/catalogue-fixtures';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Problem {
  status: number;
  type: string;
  errors?: { field: string; reason: string }[];
}

/**
 * The products API, every operation with its success and each error: bad input is a 400 naming
 * the field (and, for what a provider requires, the provider and its limit) with nothing stored or
 * sent; unknown ids 404; a stale If-Match 412; keys and scopes 401/403. No provider is called here:
 * the routes point at connections nothing listens on, and no delivery runs.
 */
describe('products API (e2e)', () => {
  let hub: HubUnderTest;
  let created: { productId: string; version: number };
  const post = (payload: unknown, key = hub.adminKey) => hub.inject({ method: 'POST', url: '/api/v1/products', key, payload });
  const problem = (res: { json<T>(): T }) => res.json<Problem>();
  const unchanged = async (work: () => Promise<void>): Promise<void> => {
    const before = [await hub.db.count('product'), await hub.db.count('sku'), await hub.db.count('outbox_event')];
    await work();
    expect([await hub.db.count('product'), await hub.db.count('sku'), await hub.db.count('outbox_event')]).toEqual(before);
  };

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    for (const [name, provider, options, credentials] of [
      ['wms-demo', 'wms', { version: 'v1' }, { appKey: 'k', appSecret: 's' }],
      ['pilot-demo', 'nomad-pilot', { carrier: 'samarkand.sfexpress.test' }, { caKey: 'k' }],
      ['tmg-demo', 'nengmao-tmall-global', {}, { appKey: 'k', appSecret: 's' }],
    ] as const) {
      const res = await hub.inject({
        method: 'POST',
        url: '/api/v1/connections',
        key: hub.adminKey,
        payload: { name, provider, baseUrl: 'http://127.0.0.1:9', options, credentials },
      });
      expect(res.statusCode).toBe(201);
    }
    await putRoutes(hub, [
      { name: 'products-to-wms', eventTypes: ['ProductPublished'], connection: 'wms-demo', capability: 'catalogSink.publishProduct' },
      { name: 'products-to-pilot', eventTypes: ['ProductPublished'], connection: 'pilot-demo', capability: 'catalogSink.publishProduct' },
      { name: 'products-to-tmg', eventTypes: ['ProductPublished'], connection: 'tmg-demo', capability: 'catalogSink.publishProduct' },
    ]);
  });
  afterAll(() => hub.close());

  it('POST stores the product and its ProductPublished event in one go and answers 202 with a pending publication per system', async () => {
    const res = await post(productBody('PR-1', ['PR-1-A', 'PR-1-B']));
    expect(res.statusCode).toBe(202);
    created = res.json();
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers.location).toBe(`/api/v1/products/${created.productId}`);
    expect(res.json()).toEqual(
      expect.objectContaining({
        code: 'PR-1',
        version: 1,
        publications: ['pilot-demo', 'tmg-demo', 'wms-demo'].map((connection) =>
          expect.objectContaining({ connection, state: 'pending', reason: null, delivery: null }),
        ),
      }),
    );
    const events = (await hub.db.dataSource.query(`SELECT event_type, aggregate_id, payload FROM outbox_event`)) as unknown[];
    expect(events).toEqual([
      { event_type: 'ProductPublished', aggregate_id: 'PR-1', payload: { productId: 'PR-1', skus: ['PR-1-A', 'PR-1-B'] } },
    ]);
  });

  it('GET one answers the product as stored, units kept, with its ETag; GET publications lists each system', async () => {
    const res = await hub.inject({ url: `/api/v1/products/${created.productId}`, key: hub.adminKey });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    const body = res.json<{ code: string; skus: Record<string, unknown>[] }>();
    expect(body.code).toBe('PR-1');
    expect(body.skus[0]).toEqual(
      expect.objectContaining({
        sku: 'PR-1-A',
        netWeight: { value: '250', unit: 'g' },
        customs: { hsCode: '3305900000', originCountry: 'GB', customsUnit: '142', taxRate: '0.091' },
        prices: { sale: '158.40', market: '198.00', currency: 'CNY' },
        enabled: true,
      }),
    );
    const publications = await hub.inject({ url: `/api/v1/products/${created.productId}/publications`, key: hub.adminKey });
    expect(publications.json<{ data: { connection: string }[] }>().data.map((p) => p.connection)).toEqual([
      'pilot-demo',
      'tmg-demo',
      'wms-demo',
    ]);
  });

  it('keeps the SKUs in the order given (the first stands for the product where a provider wants one value)', async () => {
    const res = await post(productBody('PR-ORDER', ['PR-ORDER-B', 'PR-ORDER-A', 'PR-ORDER-C']));
    const id = res.json<{ productId: string }>().productId;
    const got = (await hub.inject({ url: `/api/v1/products/${id}`, key: hub.adminKey })).json<{ skus: { sku: string }[] }>();
    expect(got.skus.map((s) => s.sku)).toEqual(['PR-ORDER-B', 'PR-ORDER-A', 'PR-ORDER-C']);
    await hub.db.dataSource.query(`DELETE FROM product WHERE id = $1`, [id]);
    await hub.db.dataSource.query(`DELETE FROM outbox_event WHERE aggregate_id = 'PR-ORDER'`);
  });

  it('GET the list filters by code, sku, barcode, brand and category, and pages with a cursor', async () => {
    expect((await post(productBody('PR-2', ['PR-2-A'], { brand: 'Other', category: 'Beauty > Skin' }))).statusCode).toBe(202);
    expect((await post(productBody('PR-3', ['PR-3-A']))).statusCode).toBe(202);
    const codes = async (query: string): Promise<string[]> =>
      (await hub.inject({ url: `/api/v1/products${query}`, key: hub.adminKey }))
        .json<{ data: { code: string }[] }>()
        .data.map((p) => p.code);
    expect(await codes('?sku=PR-2-A')).toEqual(['PR-2']);
    expect(await codes('?brand=Other')).toEqual(['PR-2']);
    expect(await codes('?category=Beauty%20%3E%20Hair%20care')).toEqual(['PR-3', 'PR-1']);
    expect(await codes('?barcode=5060000000011')).toEqual(['PR-1']);
    expect(await codes('?code=PR-3')).toEqual(['PR-3']);
    const first = (await hub.inject({ url: '/api/v1/products?limit=2', key: hub.adminKey })).json<{
      data: { code: string }[];
      page: { nextCursor: string };
    }>();
    expect(first.data.map((p) => p.code)).toEqual(['PR-3', 'PR-2']);
    const next = (await hub.inject({ url: `/api/v1/products?limit=2&cursor=${first.page.nextCursor}`, key: hub.adminKey })).json<{
      data: { code: string }[];
      page: { nextCursor: string | null };
    }>();
    expect(next).toEqual({ data: [expect.objectContaining({ code: 'PR-1' })], page: { limit: 2, nextCursor: null } });
    const badCursor = await hub.inject({ url: '/api/v1/products?cursor=nope', key: hub.adminKey });
    expect(problem(badCursor).errors?.[0]?.field).toBe('cursor');
    const badLimit = await hub.inject({ url: '/api/v1/products?limit=1000', key: hub.adminKey });
    expect(problem(badLimit).errors?.[0]?.field).toBe('limit');
  });

  it('exports the filtered list as CSV and JSON lines, every page, and refuses a bad cursor before the file starts', async () => {
    const csv = await hub.inject({
      url: '/api/v1/products?category=Beauty%20%3E%20Hair%20care',
      key: hub.adminKey,
      headers: { accept: 'text/csv' },
    });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('id,code,titleZh,titleEn,brand,category,skus,barcodes,version,publishedAt,createdAt,updatedAt');
    expect(rows.slice(1).map((r) => r.split(',')[1])).toEqual(['PR-3', 'PR-1']);
    const lines = await hub.inject({ url: '/api/v1/products?limit=1', key: hub.adminKey, headers: { accept: 'application/x-ndjson' } });
    // `limit` does not cut an export.
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { code: string }).code),
    ).toEqual(expect.arrayContaining(['PR-3', 'PR-2', 'PR-1']));
    const bad = await hub.inject({ url: '/api/v1/products?cursor=nope', key: hub.adminKey, headers: { accept: 'text/csv' } });
    expect(problem(bad).errors?.[0]?.field).toBe('cursor');
  });

  it('refuses malformed fields with 400 naming each one, storing nothing', async () => {
    await unchanged(async () => {
      const body = productBody('PR-BAD', ['PR-BAD-A']) as { skus: Record<string, unknown>[] };
      const sku = body.skus[0] ?? {};
      const cases: [Record<string, unknown>, string][] = [
        [{ ...body, skus: [{ ...sku, prices: { sale: 158.4, currency: 'CNY' } }] }, 'skus.0.prices.sale'],
        [{ ...body, skus: [{ ...sku, prices: { sale: '1', currency: 'yuan' } }] }, 'skus.0.prices.currency'],
        [{ ...body, skus: [] }, 'skus'],
        [{ ...body, skus: [{ ...sku, grossWeight: { value: '1', unit: 'stone' } }] }, 'skus.0.grossWeight.unit'],
        [{ ...body, code: 'has space' }, 'code'],
        [{ ...body, colour: 'red' }, 'colour'],
      ];
      for (const [payload, field] of cases) {
        const res = await post(payload);
        expect(res.statusCode).toBe(400);
        expect(problem(res).errors?.map((e) => e.field.replace(/\[(\d+)\]/g, '.$1'))).toContain(field);
      }
    });
  });

  it('refuses what the canonical model refuses (net above gross, a bad HS code, a SKU twice) with 400 naming the field', async () => {
    await unchanged(async () => {
      const body = productBody('PR-BAD', ['PR-BAD-A', 'PR-BAD-B']) as { skus: Record<string, unknown>[] };
      const [a = {}, b = {}] = body.skus;
      const heavyNet = await post({ ...body, skus: [{ ...a, netWeight: { value: '2', unit: 'kg' } }, b] });
      expect(problem(heavyNet).errors).toEqual([{ field: 'skus[0].netWeight', reason: 'must not exceed the gross weight' }]);
      const hs = await post({ ...body, skus: [a, { ...b, customs: { hsCode: '12', customsUnit: '142', originCountry: 'GB' } }] });
      expect(problem(hs).errors?.[0]?.field).toBe('skus[1].customs.hsCode');
      const twice = await post({ ...body, skus: [a, { ...b, sku: 'PR-BAD-A' }] });
      expect(problem(twice).errors?.[0]).toEqual({ field: 'skus[1].sku', reason: 'duplicates SKU PR-BAD-A' });
    });
  });

  it('refuses what a routed provider requires or limits, naming the field, the connection and the provider’s limit, before any call', async () => {
    await unchanged(async () => {
      const body = productBody('PR-BAD', ['PR-BAD-A']) as { skus: Record<string, unknown>[] };
      const sku = body.skus[0] ?? {};
      const noCustoms = await post({ ...body, skus: [{ ...sku, customs: { originCountry: 'GB' } }] });
      expect(noCustoms.statusCode).toBe(400);
      expect(problem(noCustoms).errors).toEqual(
        expect.arrayContaining([
          { field: 'skus[0].customs.hsCode', reason: expect.stringContaining('pilot-demo (Nomad Pilot freight-forward product') as string },
          { field: 'skus[0].customs.customsUnit', reason: expect.stringContaining('customsUnitCodePackage') as string },
        ]),
      );
      const longBrand = await post({ ...body, brand: 'B'.repeat(51) });
      expect(problem(longBrand).errors).toEqual([
        { field: 'brand', reason: 'must be at most 50 characters for wms-demo (WMS SKU API limit), got 51' },
      ]);
      const noBarcode = await post({ ...body, skus: [{ ...sku, barcodes: [] }] });
      expect(problem(noBarcode).errors?.[0]).toEqual(expect.objectContaining({ field: 'skus[0].barcodes' }));
      const noWeight = await post({ ...body, skus: [{ ...sku, grossWeight: undefined }] });
      expect(
        problem(noWeight)
          .errors?.map((e) => e.reason)
          .join(' '),
      ).toMatch(/wms-demo \(WMS SKU API: weight, required\)/);
    });
  });

  it('answers 409 for a code or a SKU another product has', async () => {
    await unchanged(async () => {
      expect((await post(productBody('PR-1', ['PR-9-A']))).statusCode).toBe(409);
      const taken = await post(productBody('PR-9', ['PR-1-A']));
      expect(taken.statusCode).toBe(409);
      expect(taken.json<{ detail: string }>().detail).toContain('PR-1-A');
    });
  });

  it('PUT replaces and republishes with If-Match; a stale ETag is 412 and a changed code 400, changing nothing', async () => {
    const url = `/api/v1/products/${created.productId}`;
    const stale = await hub.inject({
      method: 'PUT',
      url,
      key: hub.adminKey,
      headers: { 'if-match': 'W/"7"' },
      payload: productBody('PR-1', ['PR-1-A']),
    });
    expect(stale.statusCode).toBe(412);
    expect(problem(stale).type).toMatch(/precondition-failed$/);
    const renamed = await hub.inject({ method: 'PUT', url, key: hub.adminKey, payload: productBody('PR-NEW', ['PR-1-A']) });
    expect(problem(renamed).errors?.[0]?.field).toBe('code');
    const badTag = await hub.inject({
      method: 'PUT',
      url,
      key: hub.adminKey,
      headers: { 'if-match': 'yesterday' },
      payload: productBody('PR-1', ['PR-1-A']),
    });
    expect(problem(badTag).errors?.[0]?.field).toBe('If-Match');
    expect((await hub.inject({ url, key: hub.adminKey })).headers.etag).toBe('W/"1"');

    const ok = await hub.inject({
      method: 'PUT',
      url,
      key: hub.adminKey,
      headers: { 'if-match': 'W/"1"' },
      payload: productBody('PR-1', ['PR-1-A'], { description: 'New formula' }),
    });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toEqual(
      expect.objectContaining({
        version: 2,
        publications: expect.arrayContaining([expect.objectContaining({ productVersion: 2 })]) as unknown,
      }),
    );
    // The SKU no longer listed is gone from the product.
    const after = (await hub.inject({ url, key: hub.adminKey })).json<{ description: string; skus: { sku: string }[] }>();
    expect(after.description).toBe('New formula');
    expect(after.skus.map((s) => s.sku)).toEqual(['PR-1-A']);
  });

  it('answers 404 for an unknown product or SKU on every operation', async () => {
    const missing = '7d1e3f5a-0000-4b2c-8d9e-000000000001';
    expect((await hub.inject({ url: `/api/v1/products/${missing}`, key: hub.adminKey })).statusCode).toBe(404);
    expect((await hub.inject({ url: '/api/v1/products/not-a-uuid', key: hub.adminKey })).statusCode).toBe(404);
    expect((await hub.inject({ url: `/api/v1/products/${missing}/publications`, key: hub.adminKey })).statusCode).toBe(404);
    expect(
      (await hub.inject({ method: 'PUT', url: `/api/v1/products/${missing}`, key: hub.adminKey, payload: productBody('PR-X', ['PR-X-A']) }))
        .statusCode,
    ).toBe(404);
    expect((await hub.inject({ method: 'POST', url: `/api/v1/products/${missing}/skus/A/disable`, key: hub.adminKey })).statusCode).toBe(
      404,
    );
    expect(
      (await hub.inject({ method: 'POST', url: `/api/v1/products/${created.productId}/skus/NOPE/enable`, key: hub.adminKey })).statusCode,
    ).toBe(404);
  });

  it('documents every products, prices and returns operation in the OpenAPI document', async () => {
    const doc = (await hub.inject({ url: '/docs-json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const operations = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(operations('/api/v1/products')).toEqual(['get', 'post']);
    expect(operations('/api/v1/products/{id}')).toEqual(['get', 'put']);
    expect(operations('/api/v1/products/{id}/publications')).toEqual(['get']);
    expect(operations('/api/v1/products/{id}/skus/{sku}/enable')).toEqual(['post']);
    expect(operations('/api/v1/products/{id}/skus/{sku}/disable')).toEqual(['post']);
    expect(operations('/api/v1/prices')).toEqual(['get', 'put']);
    expect(operations('/api/v1/returns')).toEqual(['get']);
    expect(operations('/api/v1/returns/{id}')).toEqual(['get']);
  });

  it('needs a key (401), the write scope to publish or switch (403), and the read scope to look', async () => {
    const reader = await hub.keyWith(['read']);
    expect((await hub.inject({ url: '/api/v1/products' })).statusCode).toBe(401);
    expect((await post(productBody('PR-Z', ['PR-Z-A']), reader)).statusCode).toBe(403);
    expect(
      (await hub.inject({ method: 'POST', url: `/api/v1/products/${created.productId}/skus/PR-1-A/disable`, key: reader })).statusCode,
    ).toBe(403);
    expect((await hub.inject({ url: '/api/v1/products', key: reader })).statusCode).toBe(200);
    expect((await hub.inject({ url: '/api/v1/products', key: await hub.keyWith(['pii']) })).statusCode).toBe(403);
  });
});
