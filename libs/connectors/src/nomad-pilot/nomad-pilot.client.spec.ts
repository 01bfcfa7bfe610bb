import { join } from 'node:path';
import { Instant, Money, Product, Weight } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import { collectCalls, ReplayServer, sendJson, startReplayServer, testHttpService, fixturesIn } from '../kernel/testing/replay-server';
import { NomadPilotConnector } from './nomad-pilot.capabilities';
import { NomadPilotConnectorFactory } from './nomad-pilot.factory';

const { fixtureJson } = fixturesIn(join(__dirname, 'fixtures'));

function pkg(n: number, status = 'SHIPPED', shippedAt = '2024-09-01T10:00:00.000Z'): Record<string, unknown> {
  return {
    deliveryOrderCode: `TM${n}`,
    deliveryOrderId: `D${n}`,
    status,
    trackingReference: `SF${String(n).padStart(12, '0')}`,
    logisticsCode: 'SF',
    shippedAt,
    items: [{ skuNumber: 'SKU-A', quantity: 1 }],
  };
}

const list = (data: unknown[], total: number) => ({ code: 200, message: 'Success', data, total });
const inventory = (products: unknown[]) => ({ code: 200, message: 'Success', connectorResponses: [], products, purchases: [] });

const PRODUCT = Product.create({
  id: 'GOODS-100',
  titles: { zh: '面霜', en: 'Face cream' },
  brand: 'Percy & Reed',
  skus: [
    {
      sku: 'SKU-A',
      barcodes: ['6901234567892'],
      titles: { zh: '面霜 50ml' },
      netWeight: Weight.of('0.25', 'kg'),
      customs: { hsCode: '3304990000', originCountry: 'GB', customsUnit: '142' },
      prices: { sale: Money.of('129.90', 'CNY') },
    },
    { sku: 'SKU-NOBAR', titles: { en: 'No barcode' }, prices: { sale: Money.of('1.00', 'CNY') } },
  ],
}).toSnapshot();

describe('Nomad Pilot client against a local HTTP server', () => {
  let server: ReplayServer;
  const trace = collectCalls();

  beforeAll(async () => {
    server = await startReplayServer('/pilot');
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    trace.calls.length = 0;
  });

  function connector(
    options: Record<string, unknown> = {},
    credentials: Record<string, string> = { caKey: 'demo-ca-key' },
  ): NomadPilotConnector {
    const connection: ConnectionConfig = {
      name: 'pilot-demo',
      provider: 'nomad-pilot',
      baseUrl: server.baseUrl,
      credentials,
      options: {
        carrier: 'samarkand.sfexpress.test',
        stage: 'TEST',
        timeoutMs: 300,
        retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
        ...options,
      },
    };
    return new NomadPilotConnectorFactory(testHttpService()).create(connection, trace, {}, () => Instant.parse('2024-09-01T12:00:00Z'));
  }

  it('replays the carriers example and tests the connection by finding our carrier', async () => {
    server.handle((_request, response) => sendJson(response, 200, fixtureJson('query-carrier.response-200.json')));
    await expect(connector().client.queryCarriers()).resolves.toEqual([]);
    await expect(connector().testConnection()).resolves.toMatchObject({
      ok: false,
      message: expect.stringContaining('not among the 0 carriers'),
    });
    server.handle((_request, response) =>
      sendJson(response, 200, list([{ carrier: 'samarkand.sfexpress.test', logisticsCode: 'SF' }, 'samarkand.ems.test'], 2)),
    );
    await expect(connector().client.queryCarriers()).resolves.toEqual([
      { carrier: 'samarkand.sfexpress.test', logisticsCode: 'SF' },
      { carrier: 'samarkand.ems.test' },
    ]);
    await expect(connector().testConnection()).resolves.toMatchObject({ ok: true });
    expect(server.requests[0]!.url.pathname).toBe('/pilot/carriers/');
    expect(server.requests[0]!.headers).toMatchObject({ 'x-ca-key': 'demo-ca-key', 'x-ca-stage': 'TEST' });
  });

  it('pulls SHIPPED packages over many pages until the total, with the documented query names', async () => {
    const all = Array.from({ length: 23 }, (_, i) => pkg(i + 1));
    server.handle((request, response) => {
      const pageNo = Number(request.url.searchParams.get('page_no'));
      const size = Number(request.url.searchParams.get('page_size'));
      sendJson(response, 200, list(all.slice((pageNo - 1) * size, pageNo * size), all.length));
    });
    const window = { from: Instant.parse('2024-09-01T00:00:00Z'), to: Instant.parse('2024-09-02T00:00:00Z') };
    const pages: string[][] = [];
    for await (const page of connector({ pageSize: 10 }).shipmentSource.pullShipments(window))
      pages.push(page.map((s) => s.externalOrderNumber));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    const query = Object.fromEntries(server.requests[0]!.url.searchParams);
    // The window reaches back 14 days: created_range filters creation, and packages ship after they are created.
    expect(query).toEqual({
      status: 'SHIPPED',
      page_no: '1',
      page_size: '10',
      created_range: '2024-08-18T00:00:00.000Z/2024-09-02T00:00:00.000Z',
    });
  });

  it('keeps only the packages shipped inside the window', async () => {
    server.handle((_request, response) => sendJson(response, 200, list([pkg(1, 'SHIPPED', '2024-08-20T00:00:00Z'), pkg(2)], 2)));
    const window = { from: Instant.parse('2024-09-01T00:00:00Z'), to: Instant.parse('2024-09-02T00:00:00Z') };
    const shipped: string[] = [];
    for await (const page of connector().shipmentSource.pullShipments(window)) shipped.push(...page.map((s) => s.externalOrderNumber));
    expect(shipped).toEqual(['TM2']);
  });

  it('sends more than 100 tracking numbers as batches of at most 100, paging inside each batch', async () => {
    const keys = Array.from({ length: 250 }, (_, i) => `SF${String(i).padStart(12, '0')}`);
    server.handle((request, response) => {
      const body = JSON.parse(request.body) as { itemKeys: string[]; pageNo: number; pageSize: number };
      const found = body.itemKeys.map((key, i) => ({ ...pkg(i), trackingReference: key }));
      sendJson(response, 200, list(found.slice((body.pageNo - 1) * body.pageSize, body.pageNo * body.pageSize), found.length));
    });
    const seen: string[] = [];
    for await (const page of connector().client.queryWaybills([...keys, keys[0]!]))
      seen.push(...page.map((p) => p.trackingReference ?? ''));
    const bodies = server.requests.map(
      (r) => JSON.parse(r.body) as { operation: string; itemKeys: string[]; pageNo: number; pageSize: number },
    );
    expect(bodies.map((b) => [b.itemKeys.length, b.pageNo, b.pageSize])).toEqual([
      [100, 1, 100],
      [100, 1, 100],
      [50, 1, 100],
    ]);
    expect(bodies.every((b) => b.operation === 'QUERY_WAYBILL')).toBe(true);
    expect(seen).toEqual(keys);
  });

  it('replays the freight-forward request example shape for QUERY_PRODUCT', async () => {
    server.handle((_request, response) => sendJson(response, 200, list([fixtureJson('freight-forward-product.request.json')], 1)));
    const products: unknown[] = [];
    for await (const page of connector().client.queryFreightForwardProducts(['12508742'])) products.push(...page);
    expect(products).toMatchObject([{ skuNumber: '12508742', netWeight: '0.25' }]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ operation: 'QUERY_PRODUCT', itemKeys: ['12508742'], pageNo: 1, pageSize: 100 });
  });

  it('pulls sellable inventory until a short page, with the stock filters', async () => {
    const products = Array.from({ length: 12 }, (_, i) => ({
      merchantGoodsNo: `M${i}`,
      totalNum: '5',
      usableNum: '4',
      stockStatus: 'GOOD',
      stockType: 'NORMAL',
    }));
    server.handle((request, response) => {
      const pageNo = Number(request.url.searchParams.get('page_no'));
      sendJson(response, 200, inventory(products.slice((pageNo - 1) * 10, pageNo * 10)));
    });
    const figures: number[] = [];
    for await (const page of connector({ pageSize: 10 }).inventorySource.pullInventory()) figures.push(...page.map((f) => f.available));
    expect(figures).toHaveLength(12);
    expect(Object.fromEntries(server.requests[0]!.url.searchParams)).toEqual({
      stock_status: 'GOOD',
      stock_type: 'NORMAL',
      page_no: '1',
      page_size: '10',
    });
  });

  it('publishes a product: registers, updates when already registered, and reports a SKU it cannot send', async () => {
    server.handle((request, response) => {
      if (request.method === 'POST')
        sendJson(response, 400, { code: 400, message: 'Invalid input: product SKU-A is already registered', products: [], purchases: [] });
      else if (request.url.pathname.startsWith('/pilot/inventory/')) sendJson(response, 200, inventory([{ merchantGoodsNo: 'SKU-A' }]));
      else sendJson(response, 200, list([], 1));
    });
    const outcome = await connector().catalogSink.publishProduct(PRODUCT);
    expect(outcome.succeeded).toEqual(['SKU-A']);
    expect(outcome.failed).toEqual([
      { key: 'SKU-NOBAR', code: 'MISSING_FIELD', message: 'SKU SKU-NOBAR lacks barcodes', retryable: false },
    ]);
    expect(outcome.calls).toBe(3);
    expect(server.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /pilot/inventory/product/samarkand.sfexpress.test',
      'PUT /pilot/inventory/product/samarkand.sfexpress.test',
      'PUT /pilot/freight-forward/product/samarkand.sfexpress.test',
    ]);
    expect(server.requests[2]!.body).toContain('"netWeight":0.25');
  });

  it('creates and queries a (deprecated) purchase order', async () => {
    server.handle((_request, response) => sendJson(response, 200, fixtureJson('inventory-purchase-get.response-200.json')));
    const created = await connector().client.createPurchaseOrder({ warehouseGoodsNo: 'W1', purchaseOrderNo: 'PO-1', goodsNum: 5 });
    const queried = await connector().client.queryPurchaseOrder('PO-1');
    expect(created.purchases[0]?.warehousePurchaseNo).toBe('string');
    expect(queried.purchases).toHaveLength(1);
    expect(server.requests[1]!.url.searchParams.get('purchase_order_no')).toBe('PO-1');
  });

  describe('failures', () => {
    it.each([401, 403])('does not retry HTTP %i', async (status) => {
      server.handle((_request, response) =>
        sendJson(response, status, { code: status, message: 'Forbidden: the x-ca-key is not valid', data: [], total: 0 }),
      );
      const error: unknown = await connector()
        .client.queryCarriers()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ retryable: false, httpStatus: status });
      expect(server.requests).toHaveLength(1);
    });

    it('retries the documented 500 "Failed" answer and reports it retryable', async () => {
      server.handle((_request, response) => sendJson(response, 500, fixtureJson('query-freight-forward.response-500.json')));
      await expect(connector().client.queryFreightForwardPage('ALL', 1)).rejects.toMatchObject({ retryable: true, httpStatus: 500 });
      expect(server.requests).toHaveLength(3);
    });

    it('never retries a register, whose repetition the 3PL refuses', async () => {
      server.handle((_request, response) => sendJson(response, 502, 'bad gateway'));
      await expect(
        connector().client.registerInventoryProduct({ merchantGoodsNo: 'M', platformGoodsNo: 'P', barcodes: 'B' }),
      ).rejects.toMatchObject({ retryable: true });
      expect(server.requests).toHaveLength(1);
    });

    it('times out a server that does not answer', async () => {
      server.handle(() => undefined);
      await expect(
        connector({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 100 }).client.queryCarriers(),
      ).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    });

    it('reports a malformed body as invalid_response', async () => {
      server.handle((_request, response) => sendJson(response, 200, '{"code":200,"data":[{"deliveryOrderCode":'));
      await expect(
        connector({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).client.queryFreightForwardPage('ALL', 1),
      ).rejects.toMatchObject({ kind: 'invalid_response' });
    });
  });
});
