import { createSkuRef, Instant, Money, Product, Weight } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
import { SandboxClock } from '../../../../apps/sandbox/src/core/sandbox-clock';
import { SandboxUnderTest, startSandboxUnderTest } from '../../../../apps/sandbox/src/testing/sandbox-under-test';
import { collectCalls, testHttpService } from '../kernel/testing/replay-server';
import { NomadPilotConnector } from './nomad-pilot.capabilities';
import { NomadPilotConnectorFactory } from './nomad-pilot.factory';

function pilotConnector(
  baseUrl: string,
  trace: ReturnType<typeof collectCalls>,
  options: Record<string, unknown> = {},
): NomadPilotConnector {
  const connection: ConnectionConfig = {
    name: 'pilot-contract',
    provider: 'nomad-pilot',
    baseUrl,
    credentials: { caKey: 'demo-ca-key' },
    options: { carrier: 'samarkand.sfexpress.test', timeoutMs: 2_000, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, ...options },
  };
  return new NomadPilotConnectorFactory(testHttpService()).create(connection, trace);
}

describe('Nomad Pilot connector against the sandbox (contract)', () => {
  let sandbox: SandboxUnderTest;
  let baseUrl: string;
  const trace = collectCalls();
  const tracking: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest();
    baseUrl = `${await sandbox.listen()}/pilot`;
    for (let n = 1; n <= 3; n += 1) {
      const code = `PT-${n}`;
      await sandbox.inject({
        method: 'POST',
        url: '/_sandbox/pilot/packages',
        payload: { deliveryOrderCode: code, store: 'samarkand.youzan.test', lines: [{ sku: 'X-UNSTOCKED', quantity: n }] },
      });
      const shipped = await sandbox.inject({
        method: 'POST',
        url: `/_sandbox/pilot/packages/${code}/status`,
        payload: { status: n === 3 ? 'PACKED' : 'SHIPPED' },
      });
      tracking.push(shipped.json<{ trackingReference: string }>().trackingReference);
    }
  });
  afterAll(() => sandbox.close());

  function connector(
    credentials: Record<string, string> = { caKey: 'demo-ca-key' },
    options: Record<string, unknown> = {},
  ): NomadPilotConnector {
    const connection: ConnectionConfig = {
      name: 'pilot-contract',
      provider: 'nomad-pilot',
      baseUrl,
      credentials,
      options: {
        carrier: 'samarkand.sfexpress.test',
        stage: 'TEST',
        timeoutMs: 2_000,
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
        ...options,
      },
    };
    return new NomadPilotConnectorFactory(testHttpService()).create(connection, trace);
  }

  it('passes the connection test: the carrier is listed', async () => {
    await expect(connector().testConnection()).resolves.toMatchObject({ ok: true });
  });

  it('pulls the shipped packages of a window as canonical shipments', async () => {
    const window = { from: Instant.now().plusMillis(-3_600_000), to: Instant.now().plusMillis(3_600_000) };
    const shipments = [];
    for await (const page of connector({ caKey: 'demo-ca-key' }, { pageSize: 1 }).shipmentSource.pullShipments(window))
      shipments.push(...page);
    expect(shipments.map((s) => [s.externalOrderNumber, s.status, s.trackingNumber, s.carrierCode])).toEqual([
      ['PT-1', 'shipped', tracking[0], 'SF'],
      ['PT-2', 'shipped', tracking[1], 'SF'],
    ]);
    expect(shipments[1]?.lines).toEqual([{ sku: 'X-UNSTOCKED', quantity: 2 }]);
  });

  it('queries waybills by more than 100 tracking numbers in batches', async () => {
    const keys = [...Array.from({ length: 140 }, (_, i) => `SF-NONE-${i}`), ...tracking];
    const before = trace.calls.length;
    const found: string[] = [];
    for await (const page of connector().client.queryWaybills(keys)) found.push(...page.map((p) => p.deliveryOrderCode));
    expect(found.sort()).toEqual(['PT-1', 'PT-2', 'PT-3']);
    expect(trace.calls.length - before).toBe(2);
  });

  it('pulls the 3PL stock of every seeded SKU over several pages', async () => {
    const figures = [];
    for await (const page of connector({ caKey: 'demo-ca-key' }, { pageSize: 10 }).inventorySource.pullInventory()) figures.push(...page);
    expect(figures).toHaveLength(20);
    for (const figure of figures) expect(figure.onHand).toBe(figure.available + figure.reserved);
  });

  it('publishes a new product twice: registered, then updated, and its customs data queryable', async () => {
    const product = Product.create({
      id: 'GOODS-CT',
      titles: { zh: '合同测试面霜', en: 'Contract cream' },
      brand: 'Percy & Reed',
      skus: [
        {
          sku: 'SKU-CT-1',
          barcodes: ['6909999000011'],
          netWeight: Weight.of('0.25', 'kg'),
          titles: { zh: '合同测试面霜' },
          customs: { hsCode: '3304990000', originCountry: 'GB', customsUnit: '142', taxRate: '0.091' },
          prices: { sale: Money.of('99.00', 'CNY'), market: Money.of('158.40', 'CNY') },
        },
      ],
    }).toSnapshot();
    await expect(connector().catalogSink.publishProduct(product)).resolves.toMatchObject({ succeeded: ['SKU-CT-1'], failed: [], calls: 2 });
    await expect(connector().catalogSink.publishProduct(product)).resolves.toMatchObject({ succeeded: ['SKU-CT-1'], failed: [], calls: 3 });
    const products = [];
    for await (const page of connector().client.queryFreightForwardProducts(['SKU-CT-1'])) products.push(...page);
    expect(products).toMatchObject([{ skuNumber: 'SKU-CT-1', rrpCny: '158.4', taxRate: '9.1', netWeight: '0.25' }]);
  });

  it('creates a (deprecated) purchase order and reads it back', async () => {
    const [first] = await connector().client.queryInventoryProductsPage({ page_no: 1, page_size: 1 });
    const created = await connector().client.createPurchaseOrder({
      warehouseGoodsNo: first!.warehouseGoodsNo!,
      purchaseOrderNo: 'PO-CT-1',
      goodsNum: 5,
    });
    expect(created.purchases[0]).toMatchObject({ poOrderStatus: 'CREATED', warehouseGoodsNo: first!.warehouseGoodsNo });
    const queried = await connector().client.queryPurchaseOrder('PO-CT-1');
    expect(queried.purchases[0]?.poItems[0]?.numApplication).toBe('5');
  });

  it('is refused without retries with an unknown key, and as invalid input for an unknown carrier', async () => {
    const before = trace.calls.length;
    await expect(connector({ caKey: 'wrong' }).client.queryCarriers()).rejects.toMatchObject({ httpStatus: 403, retryable: false });
    expect(trace.calls.length - before).toBe(1);
    await expect(
      connector({ caKey: 'demo-ca-key' }, { carrier: 'no.such.carrier' }).client.queryFreightForwardPage('ALL', 1),
    ).rejects.toMatchObject({
      httpStatus: 400,
      code: 'INVALID_INPUT',
    });
  });

  it('retries injected 503s and reports a malformed answer as invalid_response', async () => {
    await sandbox.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: { rules: [{ id: 'p-503', provider: 'pilot', kind: 'server-error', rate: 1, status: 503 }] },
    });
    try {
      await expect(connector().client.queryCarriers()).rejects.toMatchObject({ httpStatus: 503, retryable: true });
      await sandbox.inject({
        method: 'PUT',
        url: '/_sandbox/faults',
        payload: { rules: [{ id: 'p-bad', provider: 'pilot', kind: 'malformed', rate: 1, mode: 'truncated' }] },
      });
      await expect(connector().client.queryFreightForwardPage('ALL', 1)).rejects.toMatchObject({ kind: 'invalid_response' });
    } finally {
      await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    }
  });

  it('lists the one configured carrier when filtered by its name, and finds an inventory product by its warehouse number', async () => {
    await expect(connector().client.queryCarriers('samarkand.sfexpress.test')).resolves.toMatchObject([
      { carrier: 'samarkand.sfexpress.test' },
    ]);
    const [first] = await connector().client.queryInventoryProductsPage({ page_no: 2, page_size: 1 });
    const found = await connector().client.queryInventoryProductsPage({ warehouse_goods_no: first!.warehouseGoodsNo });
    expect(found.map((p) => p.merchantGoodsNo)).toEqual([first!.merchantGoodsNo]);
  });

  it('has called every client operation against the sandbox at least once', () => {
    const called = new Set(trace.calls.map((call) => call.operation));
    expect(
      [
        'query-carrier',
        'query-freight-forward',
        'freight-forward:QUERY_WAYBILL',
        'freight-forward:QUERY_PRODUCT',
        'update-freight-forward-product',
        'query-inventory-product',
        'register-inventory-product',
        'update-inventory-product',
        'query-purchase-order',
        'create-purchase-order',
      ].filter((operation) => !called.has(operation)),
    ).toEqual([]);
  });
});

describe('Nomad Pilot inbound (purchase) orders against the sandbox (contract)', () => {
  let sandbox: SandboxUnderTest;
  let baseUrl: string;
  const trace = collectCalls();

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest();
    baseUrl = `${await sandbox.listen()}/pilot`;
  });
  afterAll(() => sandbox.close());

  async function stockOf(warehouseGoodsNo: string): Promise<{ totalNum?: string; usableNum?: string }> {
    const [product] = await pilotConnector(baseUrl, trace).client.queryInventoryProductsPage({ warehouse_goods_no: warehouseGoodsNo });
    return { totalNum: product?.totalNum, usableNum: product?.usableNum };
  }

  it('creates an inbound order, finds it by purchase_order_no, and the stock rises by its quantity one package step later', async () => {
    const client = pilotConnector(baseUrl, trace).client;
    const [product] = await client.queryInventoryProductsPage({ page_no: 1, page_size: 1 });
    const warehouseGoodsNo = product!.warehouseGoodsNo!;
    const sku = createSkuRef({ sku: product!.merchantGoodsNo!, itemNumbers: { warehouseGoodsNo } });
    const before = await stockOf(warehouseGoodsNo);

    const created = await client.createInboundOrder({ purchaseOrderNo: 'PO-IN-1', sku, quantity: 7, supplierNo: 'SUP-1' });
    expect(created).toMatchObject({ warehouseGoodsNo, supplierNo: 'SUP-1', status: 'CREATED', requested: 7, received: 0 });
    expect(created.completedAt).toBeUndefined();
    await expect(client.findInboundOrder('PO-IN-1')).resolves.toMatchObject({ status: 'CREATED', requested: 7, received: 0 });
    await expect(stockOf(warehouseGoodsNo)).resolves.toEqual(before);

    sandbox.app.get(SandboxClock).advance(sandbox.settings.packageStepMs);

    const received = await client.findInboundOrder('PO-IN-1');
    expect(received).toMatchObject({
      warehousePurchaseNo: created.warehousePurchaseNo,
      status: 'COMPLETED',
      storageStatus: 'STORED',
      requested: 7,
      received: 7,
      lines: [{ merchantGoodsNo: sku.sku, condition: 'good', requested: 7, received: 7, qualified: 7, unqualified: 0 }],
    });
    expect(received?.completedAt).toBeDefined();
    await expect(stockOf(warehouseGoodsNo)).resolves.toEqual({
      totalNum: String(Number(before.totalNum) + 7),
      usableNum: String(Number(before.usableNum) + 7),
    });
  });

  it('keeps defective goods out of the stock: received as unqualified, stock unchanged', async () => {
    const client = pilotConnector(baseUrl, trace).client;
    const [product] = await client.queryInventoryProductsPage({ page_no: 2, page_size: 1 });
    const warehouseGoodsNo = product!.warehouseGoodsNo!;
    const before = await stockOf(warehouseGoodsNo);
    await client.createInboundOrder({
      purchaseOrderNo: 'PO-IN-2',
      sku: createSkuRef({ sku: product!.merchantGoodsNo!, itemNumbers: { warehouseGoodsNo } }),
      quantity: 3,
      condition: 'defective',
    });
    sandbox.app.get(SandboxClock).advance(sandbox.settings.packageStepMs);
    await expect(client.findInboundOrder('PO-IN-2')).resolves.toMatchObject({
      received: 3,
      lines: [{ condition: 'defective', qualified: 0, unqualified: 3 }],
    });
    await expect(stockOf(warehouseGoodsNo)).resolves.toEqual(before);
  });

  it('answers undefined for a purchase order number the 3PL does not hold', async () => {
    await expect(pilotConnector(baseUrl, trace).client.findInboundOrder('PO-NONE')).resolves.toBeUndefined();
  });

  it('refuses a second create of the same purchase order number as invalid input, without retrying', async () => {
    const client = pilotConnector(baseUrl, trace).client;
    const [product] = await client.queryInventoryProductsPage({ page_no: 1, page_size: 1 });
    const before = trace.calls.length;
    await expect(
      client.createInboundOrder({
        purchaseOrderNo: 'PO-IN-1',
        sku: createSkuRef({ sku: 'again', itemNumbers: { warehouseGoodsNo: product!.warehouseGoodsNo! } }),
        quantity: 1,
      }),
    ).rejects.toMatchObject({ httpStatus: 400, code: 'INVALID_INPUT', retryable: false });
    expect(trace.calls.length - before).toBe(1);
  });
});
