import { Money, Product, Weight } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
import { SandboxUnderTest, startSandboxUnderTest } from '../../../../apps/sandbox/src/testing/sandbox-under-test';
import { collectCalls, testHttpService } from '../kernel/testing/replay-server';
import { WmsConnector } from './wms.capabilities';
import { WmsConnectorFactory } from './wms.factory';
import type { ServiceTypePlacement } from './wms.transport';

describe('WMS connector against the sandbox (contract)', () => {
  let sandbox: SandboxUnderTest;
  let baseUrl: string;
  const trace = collectCalls();

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest();
    baseUrl = `${await sandbox.listen()}/wms`;
  });
  afterAll(() => sandbox.close());

  function connector(options: Record<string, unknown> = {}, appSecret = 'demo-app-secret'): WmsConnector {
    const connection: ConnectionConfig = {
      name: 'wms-contract',
      provider: 'wms',
      baseUrl,
      credentials: { appKey: 'demo-app-key', appSecret },
      options: { timeoutMs: 2_000, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, ...options },
    };
    return new WmsConnectorFactory(testHttpService()).create(connection, trace);
  }

  const product = (enabled: boolean) =>
    Product.create({
      id: 'G-CT',
      titles: { zh: '合同测试面霜' },
      brand: 'Samarkand Naturals',
      category: 'Skincare > Face',
      skus: [
        {
          sku: 'WMS-CT-1',
          barcodes: ['6909999000028'],
          titles: { zh: '合同测试面霜 50ml' },
          netWeight: Weight.of('0.45', 'kg'),
          grossWeight: Weight.of('0.5', 'kg'),
          prices: { sale: Money.of('259.90', 'CNY') },
          enabled,
        },
      ],
    }).toSnapshot();

  it('passes the connection test', async () => {
    await expect(connector().testConnection()).resolves.toMatchObject({ ok: true });
  });

  it('lists every seeded SKU over several pages', async () => {
    const sizes: number[] = [];
    for await (const page of connector({ pageSize: 7 }).client.querySkus()) sizes.push(page.length);
    expect(sizes).toEqual([7, 7, 6]);
  });

  it('reads the SKU master as canonical records for the wms-skus stream (code, title, barcode when set, enabled)', async () => {
    const planted = await sandbox.inject({
      method: 'POST',
      url: '/_sandbox/wms/skus',
      payload: {
        sku: 'XREF-1',
        title: 'Cross-reference probe',
        type: 'SINGLE',
        barcode: ' 6900000000042 ',
        weight: '1.25',
        netWeight: 1.1,
        weightUnit: 'KG',
        length: 10,
        width: 10,
        height: 10,
        dimensionUnit: 'CM',
        enable: 0,
      },
    });
    expect(planted.statusCode).toBe(201);
    const records = [];
    for await (const page of connector({ pageSize: 50 }).skuSource.pullSkus()) records.push(...page);
    const listed = (await sandbox.inject({ url: '/_sandbox/wms/skus' })).json<{ skus: string[] }>().skus;
    expect(records.map((r) => r.sku)).toEqual(listed);
    expect(records.find((r) => r.sku === 'XREF-1')).toEqual({
      sku: 'XREF-1',
      title: 'Cross-reference probe',
      barcode: '6900000000042',
      enabled: false,
    });
  });

  it('inserts a new SKU, then publishing it again updates it (duplicate on insert becomes an update)', async () => {
    await expect(connector().catalogSink.publishProduct(product(true))).resolves.toEqual({ succeeded: ['WMS-CT-1'], failed: [], calls: 1 });
    await expect(connector().catalogSink.publishProduct(product(false))).resolves.toEqual({
      succeeded: ['WMS-CT-1'],
      failed: [],
      calls: 2,
    });
    const page = await connector().client.querySkusPage({ skus: ['WMS-CT-1'] }, 1);
    expect(page.items[0]).toMatchObject({
      sku: 'WMS-CT-1',
      title: '合同测试面霜 50ml',
      enable: 0,
      price: '259.9',
      weight: '0.5',
      categoryName2: 'Face',
    });
  });

  it.each(['query', 'header', 'body'] as ServiceTypePlacement[])('enables a SKU with SERVICE_TYPE in the %s', async (placement) => {
    await connector({ serviceTypePlacement: placement }).catalogSink.setSkuEnabled('WMS-CT-1', placement !== 'body');
    const page = await connector().client.querySkusPage({ skus: ['WMS-CT-1'] }, 1);
    expect(page.items[0]?.enable).toBe(placement !== 'body' ? 1 : 0);
  });

  it('refuses a status change of an unknown SKU as not found, without retrying', async () => {
    await expect(connector().client.setSkuEnabled('NO-SUCH-SKU', true)).rejects.toMatchObject({
      code: 'SKU_NOT_EXIST',
      meaning: 'not_found',
      retryable: false,
    });
  });

  it('is refused with a wrong secret (401) and an unknown version (404), without retries', async () => {
    const before = trace.calls.length;
    await expect(connector({}, 'wrong-secret').client.querySkusPage({}, 1)).rejects.toMatchObject({
      code: 'AUTH_SIGN_INVALID',
      httpStatus: 401,
      retryable: false,
    });
    await expect(connector({ version: 'v9' }).client.querySkusPage({}, 1)).rejects.toMatchObject({
      code: 'VERSION_NOT_SUPPORTED',
      httpStatus: 404,
      retryable: false,
    });
    expect(trace.calls.length - before).toBe(2);
  });

  it('refuses a page larger than 200 before sending it', () => {
    expect(() => connector({ pageSize: 201 })).toThrow(/pageSize must be 1 to 200/);
  });

  it('retries injected SYSTEM_ERROR answers and reports them retryable', async () => {
    await sandbox.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: { rules: [{ id: 'w-sys', provider: 'wms', kind: 'provider-error', rate: 1, codes: ['SYSTEM_ERROR'] }] },
    });
    try {
      const before = trace.calls.length;
      await expect(connector().client.querySkusPage({}, 1)).rejects.toMatchObject({ code: 'SYSTEM_ERROR', retryable: true });
      expect(trace.calls.length - before).toBe(2);
    } finally {
      await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    }
  });
});
