import { CallTraceWriter } from '@serai/engine';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { connectCatalogueProviders, deliverEverything, productBody, putRoutes } from '../support/catalogue-fixtures';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Publication {
  connection: string;
  state: string;
  reason: string | null;
  providerIds: Record<string, string>;
  delivery: { id: string; state: string } | null;
}

/**
 * Catalogue, end to end (flow 6): a product published once through the API reaches the Nengmao
 * goods, the WMS SKU master and Pilot's freight-forward and inventory products (read back from
 * the sandbox's inspection endpoints); one failing system leaves the others done and its own
 * publication failed with the reason; publishing again changes nothing twice.
 */
describe('catalogue: a product published once reaches every system (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  const sb = async <T = Record<string, unknown>>(url: string): Promise<{ status: number; body: T }> => {
    const res = await sandbox.inject({ url });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const publications = async (id: string): Promise<Record<string, Publication>> => {
    const res = await hub.inject({ url: `/api/v1/products/${id}/publications`, key: hub.adminKey });
    expect(res.statusCode).toBe(200);
    return Object.fromEntries(res.json<{ data: Publication[] }>().data.map((p) => [p.connection, p]));
  };
  const publish = async (payload: Record<string, unknown>) => {
    const res = await hub.inject({ method: 'POST', url: '/api/v1/products', key: hub.adminKey, payload });
    expect(res.statusCode).toBe(202);
    return res.json<{ productId: string; version: number; publications: Publication[] }>();
  };

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 5 });
    const url = await sandbox.listen();
    // API only: the test drives the dispatcher and the delivery worker itself, step by step.
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    await connectCatalogueProviders(hub, url);
    await putRoutes(hub, [
      {
        name: 'products-to-nengmao',
        eventTypes: ['ProductPublished'],
        connection: 'nengmao-demo',
        capability: 'catalogSink.publishProduct',
      },
      { name: 'products-to-wms', eventTypes: ['ProductPublished'], connection: 'wms-demo', capability: 'catalogSink.publishProduct' },
      { name: 'products-to-pilot', eventTypes: ['ProductPublished'], connection: 'pilot-demo', capability: 'catalogSink.publishProduct' },
      { name: 'sku-switches-to-wms', eventTypes: ['SkuEnabledChanged'], connection: 'wms-demo', capability: 'catalogSink.setSkuEnabled' },
    ]);
  });
  afterAll(async () => {
    await hub.close();
    await sandbox.close();
  });

  it('answers 202 with a pending publication per routed system, then every system holds the product', async () => {
    const published = await publish(productBody('PR-DRY', ['PR-DRY-100', 'PR-DRY-200']));
    expect(published.version).toBe(1);
    expect(published.publications.map((p) => [p.connection, p.state])).toEqual([
      ['nengmao-demo', 'pending'],
      ['pilot-demo', 'pending'],
      ['wms-demo', 'pending'],
    ]);
    // Nothing has been sent yet: the publication travels through the outbox.
    expect((await sb('/_sandbox/nengmao/goods/PR-DRY')).status).toBe(404);

    await deliverEverything(hub);

    const states = await publications(published.productId);
    for (const name of ['nengmao-demo', 'wms-demo', 'pilot-demo']) {
      expect(states[name]).toEqual(
        expect.objectContaining({ state: 'done', reason: null, providerIds: { 'PR-DRY-100': 'accepted', 'PR-DRY-200': 'accepted' } }),
      );
    }
    const goods = await sb<{ skus: string[]; wire: { brand: string; goodsTitle: string; weight: string } }>(
      '/_sandbox/nengmao/goods/PR-DRY',
    );
    expect(goods.body.skus.sort()).toEqual(['PR-DRY-100', 'PR-DRY-200']);
    expect(goods.body.wire).toEqual(expect.objectContaining({ brand: 'Percy & Reed', goodsTitle: '干洗喷雾' }));
    const price = await sb<{ salePrice: string }>('/_sandbox/nengmao/prices/PR-DRY-200');
    expect(Number(price.body.salePrice)).toBe(158.4);

    const wms = await sb<{ info: Record<string, unknown> }>('/_sandbox/wms/skus/PR-DRY-100');
    expect(wms.status).toBe(200);
    expect(wms.body.info).toEqual(
      expect.objectContaining({ sku: 'PR-DRY-100', barcode: '5060000000010', brand: 'Percy & Reed', weightUnit: 'KG', enable: 1 }),
    );
    // 250 g net, converted exactly.
    expect(Number(wms.body.info.netWeight)).toBe(0.25);

    const freight = await sb<Record<string, unknown>>('/_sandbox/pilot/products/PR-DRY-200');
    expect(freight.body).toEqual(
      expect.objectContaining({ skuNumber: 'PR-DRY-200', barcode: '5060000000011', hsCode: '3305900000', countryOfOrigin: 'GB' }),
    );
    const stock = await sb<{ merchantGoodsNo: string }>('/_sandbox/pilot/stock/PR-DRY-200');
    expect(stock.status).toBe(200);
    expect(stock.body.merchantGoodsNo).toBe('PR-DRY-200');

    // Each system's ids are bound to the canonical product and SKUs.
    const refs = (await hub.db.dataSource.query(
      `SELECT entity_type, count(*)::int AS n FROM external_ref GROUP BY entity_type ORDER BY entity_type`,
    )) as { entity_type: string; n: number }[];
    expect(refs).toEqual([
      { entity_type: 'product', n: 3 },
      { entity_type: 'sku', n: 6 },
    ]);
    // Every provider call is traced against the product it published.
    await hub.app.get(CallTraceWriter).flush();
    const traced = (await hub.db.dataSource.query(
      `SELECT DISTINCT operation FROM provider_call WHERE entity_type = 'product' AND entity_id = 'PR-DRY' ORDER BY operation`,
    )) as { operation: string }[];
    expect(traced.length).toBeGreaterThanOrEqual(3);
  });

  it('publishing the same product again is idempotent: nothing is created twice anywhere', async () => {
    const list = await hub.inject({ url: '/api/v1/products?code=PR-DRY', key: hub.adminKey });
    const [product] = list.json<{ data: { id: string; version: number }[] }>().data;
    if (!product) throw new Error('the product is not listed');
    const before = {
      nengmao: (await sb<{ goods: number }>('/_sandbox/nengmao/counts')).body.goods,
      wms: (await sb<{ skus: string[] }>('/_sandbox/wms/skus')).body.skus.length,
      pilot: (await sb<unknown[]>('/_sandbox/pilot/stock')).body.length,
      refs: await hub.db.count('external_ref'),
    };
    const again = await hub.inject({
      method: 'PUT',
      url: `/api/v1/products/${product.id}`,
      key: hub.adminKey,
      headers: { 'if-match': `W/"${product.version}"` },
      payload: productBody('PR-DRY', ['PR-DRY-100', 'PR-DRY-200']),
    });
    expect(again.statusCode).toBe(202);
    expect(again.headers.etag).toBe(`W/"${product.version + 1}"`);
    await deliverEverything(hub);
    // The same event delivered twice (a replay) is harmless too.
    await hub.db.dataSource.query(
      `UPDATE delivery SET state = 'pending', next_attempt_at = now() WHERE capability = 'catalogSink.publishProduct'`,
    );
    await deliverEverything(hub);

    expect(Object.values(await publications(product.id)).map((p) => p.state)).toEqual(['done', 'done', 'done']);
    expect((await sb<{ goods: number }>('/_sandbox/nengmao/counts')).body.goods).toBe(before.nengmao);
    expect((await sb<{ skus: string[] }>('/_sandbox/wms/skus')).body.skus).toHaveLength(before.wms);
    expect((await sb<unknown[]>('/_sandbox/pilot/stock')).body).toHaveLength(before.pilot);
    expect(await hub.db.count('external_ref')).toBe(before.refs);
  });

  it('a failing system leaves the others done and its own publication failed with the provider’s reason', async () => {
    await sandbox.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: {
        rules: [
          { id: 'wms-refuses', provider: 'wms', kind: 'provider-error', rate: 1, codes: ['DATA_INPUT_ERROR'], message: 'title is illegal' },
        ],
      },
    });
    try {
      const published = await publish(productBody('PR-GEL', ['PR-GEL-1']));
      await deliverEverything(hub);
      const states = await publications(published.productId);
      expect(states['nengmao-demo']?.state).toBe('done');
      expect(states['pilot-demo']?.state).toBe('done');
      expect(states['wms-demo']).toEqual(
        expect.objectContaining({ state: 'failed', delivery: expect.objectContaining({ state: 'dead' }) }),
      );
      expect(states['wms-demo']?.reason).toMatch(/PR-GEL-1: DATA_INPUT_ERROR .*title is illegal/);
      expect((await sb('/_sandbox/wms/skus/PR-GEL-1')).status).toBe(404);
      expect((await sb('/_sandbox/nengmao/goods/PR-GEL')).status).toBe(200);
    } finally {
      await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    }
  });

  it('disabling a SKU switches it off in the WMS (UPDATE_SKU_STATUS), and disabling it again sends nothing', async () => {
    const list = await hub.inject({ url: '/api/v1/products?sku=PR-DRY-100', key: hub.adminKey });
    const id = list.json<{ data: { id: string }[] }>().data[0]?.id ?? '';
    const off = await hub.inject({ method: 'POST', url: `/api/v1/products/${id}/skus/PR-DRY-100/disable`, key: hub.adminKey });
    expect(off.statusCode).toBe(202);
    expect(off.json()).toEqual(expect.objectContaining({ sku: 'PR-DRY-100', enabled: false, changed: true, targets: ['wms-demo'] }));
    await deliverEverything(hub);
    expect((await sb<{ info: { enable: number } }>('/_sandbox/wms/skus/PR-DRY-100')).body.info.enable).toBe(0);
    const product = await hub.inject({ url: `/api/v1/products/${id}`, key: hub.adminKey });
    expect(product.json<{ skus: { sku: string; enabled: boolean }[] }>().skus.find((s) => s.sku === 'PR-DRY-100')?.enabled).toBe(false);

    const deliveries = await hub.db.count('delivery');
    const again = await hub.inject({ method: 'POST', url: `/api/v1/products/${id}/skus/PR-DRY-100/disable`, key: hub.adminKey });
    expect(again.json()).toEqual(expect.objectContaining({ changed: false, targets: [] }));
    await deliverEverything(hub);
    expect(await hub.db.count('delivery')).toBe(deliveries);

    await hub.inject({ method: 'POST', url: `/api/v1/products/${id}/skus/PR-DRY-100/enable`, key: hub.adminKey });
    await deliverEverything(hub);
    expect((await sb<{ info: { enable: number } }>('/_sandbox/wms/skus/PR-DRY-100')).body.info.enable).toBe(1);
  });
});
