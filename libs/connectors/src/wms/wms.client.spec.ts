import { join } from 'node:path';
import { Money, Product } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
import { collectCalls, ReplayServer, sendJson, startReplayServer, testHttpService, fixturesIn } from '../kernel/testing/replay-server';
import { WmsConnector } from './wms.capabilities';
import { WmsConnectorFactory } from './wms.factory';
import { signWmsRequest } from './wms.signer';

const { fixtureJson } = fixturesIn(join(__dirname, 'fixtures'));

const ok = (extra: Record<string, unknown> = {}) => ({ errorCode: '', errorMsg: '', state: 'success', ...extra });
const fail = (code: string, message: string) => ({ errorCode: code, errorMsg: message, state: 'fail' });
const NOW = 1_700_000_000_000;

const PRODUCT = Product.create({
  id: 'G-1',
  titles: { en: 'Cream' },
  skus: [
    { sku: 'SKU-NEW', titles: { en: 'Cream new' }, prices: { sale: Money.of('10.00', 'CNY') } },
    { sku: 'SKU-OLD', titles: { en: 'Cream old' }, prices: { sale: Money.of('12.00', 'CNY') } },
    { sku: 'SKU-BAD', titles: { en: 'Cream bad' }, prices: { sale: Money.of('1.00', 'CNY') } },
  ],
}).toSnapshot();

describe('WMS client against a local HTTP server', () => {
  let server: ReplayServer;
  const trace = collectCalls();

  beforeAll(async () => {
    server = await startReplayServer('/wms');
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    trace.calls.length = 0;
  });

  function connector(options: Record<string, unknown> = {}): WmsConnector {
    const connection: ConnectionConfig = {
      name: 'wms-demo',
      provider: 'wms',
      baseUrl: server.baseUrl,
      credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
      options: { timeoutMs: 300, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, ...options },
    };
    return new WmsConnectorFactory(testHttpService()).create(connection, trace, undefined, () => NOW);
  }

  it('signs as ADR 0005 says: SERVICE_TYPE in the query, appKey/timestamp/sign over the exact body (known answer)', async () => {
    server.handle((_request, response) => sendJson(response, 200, ok({ total: 0, result: [] })));
    await connector().client.querySkusPage({}, 1, 5);
    const request = server.requests[0]!;
    expect(request.url.pathname).toBe('/wms/api/v1/sku');
    expect(request.url.searchParams.get('SERVICE_TYPE')).toBe('QUERY_SIMPLE_LIST_SKU');
    expect(request.body).toBe('{"page":1,"pageSize":5}');
    expect(request.headers).toMatchObject({
      appkey: 'demo-app-key',
      timestamp: '1700000000000',
      sign: '6f55f912e84fc05b79a9b46fc2685239d4ebde63d67e33264c62bc8e80977cd1',
    });
    expect(JSON.stringify(trace.calls)).not.toContain('demo-app-secret');
  });

  it.each([
    ['header', (r: { headers: Record<string, unknown>; url: URL; body: string }) => r.headers['service-type']],
    [
      'body',
      (r: { headers: Record<string, unknown>; url: URL; body: string }) => (JSON.parse(r.body) as { SERVICE_TYPE: string }).SERVICE_TYPE,
    ],
  ] as const)('can carry SERVICE_TYPE in the %s instead, still signing what is sent', async (placement, read) => {
    server.handle((_request, response) => sendJson(response, 200, ok()));
    await connector({ serviceTypePlacement: placement }).catalogSink.setSkuEnabled('sku1', false);
    const request = server.requests[0]!;
    expect(read(request)).toBe('UPDATE_SKU_STATUS');
    expect(request.url.searchParams.get('SERVICE_TYPE')).toBeNull();
    expect(request.headers.sign).toBe(
      signWmsRequest({
        appKey: 'demo-app-key',
        appSecret: 'demo-app-secret',
        timestamp: String(NOW),
        serviceType: 'UPDATE_SKU_STATUS',
        body: request.body,
      }),
    );
  });

  it('sends every documented query filter and pages until the total', async () => {
    const all = Array.from({ length: 450 }, (_, i) => ({ sku: `s${i}`, title: `t${i}`, type: 'SINGLE', enable: 1 }));
    server.handle((request, response) => {
      const body = JSON.parse(request.body) as { page: number; pageSize: number };
      sendJson(response, 200, ok({ total: all.length, result: all.slice((body.page - 1) * body.pageSize, body.page * body.pageSize) }));
    });
    const sizes: number[] = [];
    for await (const page of connector({ pageSize: 200 }).client.querySkus({
      skus: ['123', '456'],
      titles: ['abc'],
      categoryName1: 'Skincare',
      customFields: [{ customFieldId: 3, value: '张三' }],
    }))
      sizes.push(page.length);
    expect(sizes).toEqual([200, 200, 50]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      page: 1,
      pageSize: 200,
      categoryName1: 'Skincare',
      skus: ['123', '456'],
      titles: ['abc'],
      skuCustomFieldValueSOList: [{ customFieldId: 3, value: '张三' }],
    });
    expect(server.requests).toHaveLength(3);
  });

  it('publishes: inserts a new SKU, updates one that already exists, reports one refused', async () => {
    server.handle((request, response) => {
      const serviceType = request.url.searchParams.get('SERVICE_TYPE');
      const sku = (JSON.parse(request.body) as { sku: string }).sku;
      if (serviceType === 'INSERT_SKU_INFO' && sku === 'SKU-OLD')
        return sendJson(response, 200, fail('SKU_ALREADY_EXISTS', 'The sku already exists'));
      if (sku === 'SKU-BAD') return sendJson(response, 200, fixtureJson('data-input-error.response.json'));
      sendJson(response, 200, ok());
    });
    const outcome = await connector().catalogSink.publishProduct(PRODUCT);
    expect(outcome).toEqual({
      succeeded: ['SKU-NEW', 'SKU-OLD'],
      failed: [
        {
          key: 'SKU-BAD',
          code: 'DATA_INPUT_ERROR',
          message: expect.stringContaining('The input of Params is incorrect'),
          retryable: false,
        },
      ],
      calls: 4,
    });
    expect(server.requests.map((r) => `${r.url.searchParams.get('SERVICE_TYPE')} ${(JSON.parse(r.body) as { sku: string }).sku}`)).toEqual([
      'INSERT_SKU_INFO SKU-NEW',
      'INSERT_SKU_INFO SKU-OLD',
      'UPDATE_SKU_INFO SKU-OLD',
      'INSERT_SKU_INFO SKU-BAD',
    ]);
  });

  describe('failures', () => {
    it('does not retry a 401 and names the code', async () => {
      server.handle((_request, response) => sendJson(response, 401, fail('AUTH_SIGN_INVALID', 'The sign does not match')));
      await expect(connector().client.querySkusPage({}, 1)).rejects.toMatchObject({
        code: 'AUTH_SIGN_INVALID',
        httpStatus: 401,
        retryable: false,
        meaning: 'auth',
      });
      expect(server.requests).toHaveLength(1);
    });

    it('does not retry a 403 without an envelope', async () => {
      server.handle((_request, response) => sendJson(response, 403, 'forbidden'));
      await expect(connector().client.querySkusPage({}, 1)).rejects.toMatchObject({ httpStatus: 403, retryable: false });
      expect(server.requests).toHaveLength(1);
    });

    it('retries HTTP 5xx and a SYSTEM_ERROR envelope on idempotent calls', async () => {
      server.handle((_request, response) => sendJson(response, 503, 'busy'));
      await expect(connector().client.querySkusPage({}, 1)).rejects.toMatchObject({ httpStatus: 503, retryable: true });
      expect(server.requests).toHaveLength(3);
      server.requests.length = 0;
      server.handle((_request, response) =>
        server.requests.length < 2 ? sendJson(response, 200, fail('REQUEST_LIMIT', 'slow down')) : sendJson(response, 200, ok()),
      );
      await expect(connector().client.setSkuEnabled('sku1', true)).resolves.toBeUndefined();
      expect(server.requests).toHaveLength(2);
    });

    it('times out a server that does not answer', async () => {
      server.handle(() => undefined);
      await expect(
        connector({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 100 }).client.querySkusPage({}, 1),
      ).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    });

    it('reports a malformed body as invalid_response', async () => {
      server.handle((_request, response) => sendJson(response, 200, '<html>oops</html>'));
      await expect(connector({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).client.querySkusPage({}, 1)).rejects.toMatchObject({
        kind: 'invalid_response',
      });
    });
  });
});
