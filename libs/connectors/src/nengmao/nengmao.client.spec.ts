import { createHash } from 'node:crypto';
import { Instant } from '@serai/domain';
import { ProviderError } from '../kernel/provider-error';
import { FakeNengmaoServer, ok, refused } from './fixtures/fake-nengmao.server';
import { loadFixture } from './fixtures/load-fixture';
import { NENGMAO_BRAND_PROFILE, NENGMAO_TMALL_GLOBAL_PROFILE } from './nengmao.profiles';
import type { NengmaoOrder } from './wire/order-list';
import { WireDecimal } from './wire/wire-decimal';

const server = new FakeNengmaoServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.reset());

let clock = 1_756_656_000_000;
const ticking = () => (clock += 7);
const brandClient = (options: Record<string, unknown> = {}) =>
  server
    .factory(NENGMAO_BRAND_PROFILE, ticking)
    .createClient(server.connection(NENGMAO_BRAND_PROFILE, options), { record: (call) => server.calls.push(call) });
const tmgClient = (options: Record<string, unknown> = {}) =>
  server
    .factory(NENGMAO_TMALL_GLOBAL_PROFILE, ticking)
    .createClient(server.connection(NENGMAO_TMALL_GLOBAL_PROFILE, options), { record: (call) => server.calls.push(call) });

const exampleOrder = (loadFixture('brand-order-list.response') as { data: Record<string, unknown>[] }).data[0];
const orders = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ ...exampleOrder, orderSn: `10108095305041${String(from + i).padStart(4, '0')}` }));
const collect = async <T>(pages: AsyncIterable<{ items: readonly T[] }>): Promise<T[][]> => {
  const out: T[][] = [];
  for await (const page of pages) out.push([...page.items]);
  return out;
};
const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
};

describe('NengmaoClient requests', () => {
  it('posts the documented path with appKey, appSecret, timestamp (epoch ms), sign and format headers', async () => {
    server.on('/nengmao/api/order/list', () => loadFixture('brand-order-list.response'));
    const [page] = await collect(
      brandClient().orders.list({ createdFrom: Instant.parse('2020-03-26T08:23:47Z'), status: 1, orderType: 'Y' }),
    );
    expect(page.map((order: NengmaoOrder) => order.orderSn)).toEqual(['101080953050411111']);
    const [request] = server.requests('/nengmao/api/order/list');
    const timestamp = String(request.headers.timestamp);
    expect(timestamp).toMatch(/^\d{13}$/);
    expect(request.headers).toMatchObject({
      appkey: 'demo-app-key',
      appsecret: 'demo-app-secret',
      sign: createHash('md5').update(`demo-app-key${timestamp}`).digest('hex'),
      format: 'JSON',
    });
    expect(request.body).toEqual({ startCreateTime: '2020-03-26 16:23:47', orderStatus: 1, orderType: 'Y', pageNo: 1, pageSize: 100 });
  });

  it('uses the TMG paths, which carry their own /tmg prefix', async () => {
    server.on('/tmg/api/order/list', () => loadFixture('tmg-order-list.response'));
    await collect(tmgClient().orders.list({ status: 1 }));
    expect(server.seen.map((request) => request.path)).toEqual(['/tmg/api/order/list']);
  });

  it('refuses an operation the connection’s document does not have, without calling', async () => {
    const error = await failure(collect(tmgClient().stocks.list({ skus: ['A'] })));
    expect([error.code, error.retryable, server.seen.length]).toEqual(['UNSUPPORTED', false, 0]);
  });

  it('keeps the secret and personal data out of the call trace', async () => {
    server.on('/nengmao/api/order/list', () => loadFixture('brand-order-list.response'));
    await collect(brandClient().orders.list());
    const trace = JSON.stringify(server.calls);
    expect(trace).not.toContain('demo-app-secret');
    expect(trace).not.toContain('胡轩');
    expect(server.calls.map((call) => [call.operation, call.outcome, call.attempt])).toEqual([['order/list', 'success', 1]]);
  });
});

describe('NengmaoClient pagination', () => {
  it('walks pages of 100 until the short last page', async () => {
    const all = orders(250);
    server.on('/nengmao/api/order/list', (request) => {
      const { pageNo, pageSize } = request.body as { pageNo: number; pageSize: number };
      return ok(all.slice((pageNo - 1) * pageSize, pageNo * pageSize), all.length);
    });
    const pages = await collect(brandClient().orders.list());
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(server.requests('/nengmao/api/order/list').map((request) => (request.body as { pageNo: number }).pageNo)).toEqual([1, 2, 3]);
  });

  it('stops on an empty page when the provider gives no total, and at the total when it does', async () => {
    server.on('/nengmao/api/order/list', (request) =>
      (request.body as { pageNo: number }).pageNo <= 2 ? ok(orders(10, (request.body as { pageNo: number }).pageNo * 10)) : ok([]),
    );
    expect((await collect(brandClient({ pageSize: 10 }).orders.list())).map((page) => page.length)).toEqual([10, 10]);
    expect(server.seen.length).toBe(3);
    server.reset();
    server.on('/nengmao/api/order/list', () => ok(orders(10), 20));
    expect((await collect(brandClient({ pageSize: 10 }).orders.list())).length).toBe(2);
    expect(server.seen.length).toBe(2);
  });

  it('splits a SKU query longer than 100 into several queries', async () => {
    server.on('/nengmao/api/stocks/list', (request) => {
      const { skuList, pageNo } = request.body as { skuList: string[]; pageNo: number };
      return ok(pageNo === 1 ? skuList.map((sku) => ({ sku, stocks: 1 })) : [], skuList.length);
    });
    const skus = Array.from({ length: 230 }, (_, i) => `S${i}`);
    const pages = await collect(brandClient().stocks.list({ skus }));
    expect(pages.map((page) => page.length)).toEqual([100, 100, 30]);
    expect(server.requests('/nengmao/api/stocks/list').map((request) => (request.body as { skuList: string[] }).skuList.length)).toEqual([
      100, 100, 30,
    ]);
  });

  it('never combines goodSnList and skuList on the brand API (error 420)', async () => {
    server.on('/nengmao/api/goods/list', () => ok([]));
    await collect(brandClient().goods.list({ goodsSns: ['G1'], skus: ['S1'] }));
    expect(server.seen.map((request) => Object.keys(request.body as object).filter((key) => key.endsWith('List')))).toEqual([
      ['goodSnList'],
      ['skuList'],
    ]);
  });
});

describe('NengmaoClient batching', () => {
  const stockItems = (count: number) => Array.from({ length: count }, (_, i) => ({ sku: `SKU-${i}`, stocks: i % 7 }));

  it('sends 4,500 stock items in 3 calls at a 2000 limit and merges successList / failureList', async () => {
    server.on('/nengmao/api/stocks/update', (request) => {
      const skus = (request.body as { skuList: { sku: string }[] }).skuList.map((item) => item.sku);
      return ok({ successList: skus.slice(1), failureList: [skus[0]] });
    });
    const outcome = await brandClient({ stocksPerUpdate: 2000 }).stocks.update('full', stockItems(4500));
    expect(server.requests('/nengmao/api/stocks/update').map((request) => (request.body as { skuList: unknown[] }).skuList.length)).toEqual(
      [2000, 2000, 500],
    );
    expect([outcome.calls, outcome.succeeded.length, outcome.failed.map((f) => f.key)]).toEqual([
      3,
      4497,
      ['SKU-0', 'SKU-2000', 'SKU-4000'],
    ]);
    expect((server.seen[0].body as { updateType: number }).updateType).toBe(0);
  });

  it('keeps to 1000 per call by default, the limit error 406 states', async () => {
    server.on('/nengmao/api/stocks/update', () => ok({}));
    const outcome = await brandClient().stocks.update('incremental', stockItems(4500));
    expect([outcome.calls, outcome.succeeded.length, outcome.failed.length]).toEqual([5, 4500, 0]);
    expect((server.seen[0].body as { updateType: number }).updateType).toBe(1);
  });

  it('sends TMG prices 100 at a time (§9.1)', async () => {
    server.on('/tmg/api/price/update', () => loadFixture('tmg-price-update.response'));
    const outcome = await tmgClient().prices.update(
      Array.from({ length: 250 }, (_, i) => ({ sku: `P${i}`, salePrice: WireDecimal.of('19.90') })),
    );
    expect([outcome.calls, outcome.succeeded.length]).toEqual([3, 250]);
    expect(server.seen[0].text).toContain('"salePrice":19.90');
  });

  it('isolates unknown SKUs (410) by halving the batch, so the others still update', async () => {
    server.on('/nengmao/api/stocks/update', (request) =>
      (request.body as { skuList: { sku: string }[] }).skuList.some((item) => item.sku === 'SKU-5') ? refused(410) : ok({}),
    );
    const outcome = await brandClient().stocks.update('full', stockItems(8));
    expect(outcome.succeeded).toHaveLength(7);
    expect(outcome.failed).toEqual([{ key: 'SKU-5', code: '410', message: expect.stringContaining('refused 410'), retryable: false }]);
  });

  it('treats 419 "already shipped" as success and sends the rest of the batch again', async () => {
    server.on('/nengmao/api/order/ship', (request) => {
      const sns = (request.body as { shipOrderList: { orderSn: string }[] }).shipOrderList.map((order) => order.orderSn);
      return sns.includes('A') ? refused(419, { successList: [], failureList: ['A'] }) : ok({ successList: sns, failureList: [] });
    });
    const ship = (orderSn: string) => ({
      orderSn,
      shipTime: '2018-11-01 12:53:58',
      expressCompany: 'sf',
      expressNo: '1',
      goodsList: [{ sku: 'S', qty: 1 }],
    });
    const outcome = await brandClient().orders.ship([ship('A'), ship('B')]);
    expect([outcome.succeeded, outcome.failed, outcome.calls]).toEqual([['A', 'B'], [], 2]);
  });

  it('reads a partial ship (421) per order', async () => {
    server.on('/nengmao/api/order/ship', () => refused(421, { successList: ['A'], failureList: ['B'] }));
    const ship = (orderSn: string) => ({ orderSn, shipTime: '2018-11-01 12:53:58', goodsList: [{ sku: 'S', qty: 1 }] });
    const outcome = await brandClient().orders.ship([ship('A'), ship('B')]);
    expect(outcome.succeeded).toEqual(['A']);
    expect(outcome.failed).toEqual([{ key: 'B', code: '421', message: 'refused 421', retryable: false }]);
  });

  it('drops unknown orders (411) from a confirmation and confirms the others', async () => {
    server.on('/nengmao/api/status/confirmation', (request) => {
      const sns = (request.body as { orderSnList: string[] }).orderSnList;
      return sns.includes('X')
        ? refused(411, { orderResult: { successList: [], failureList: ['X'] } })
        : loadFixture('brand-status-confirmation.response');
    });
    const outcome = await brandClient().orders.confirm(['104587766749540598', 'X']);
    expect(outcome.succeeded).toEqual(['104587766749540598']);
    expect(outcome.failed.map((f) => [f.key, f.code])).toEqual([['X', '411']]);
  });

  it('answers cancellations per order: 423 partial, 424 none', async () => {
    server.on('/nengmao/api/order/cancelConfirm', (request) =>
      (request.body as { cancelList: unknown[] }).cancelList.length === 2
        ? refused(423, { successList: ['A'], failureList: ['B'] })
        : refused(424),
    );
    const partial = await brandClient().orders.confirmCancellation([
      { orderSn: 'A', status: 10 },
      { orderSn: 'B', status: 10 },
    ]);
    expect([partial.succeeded, partial.failed.map((f) => f.code)]).toEqual([['A'], ['423']]);
    const none = await brandClient().orders.confirmCancellation([{ orderSn: 'C', status: 20 }]);
    expect([none.succeeded, none.failed.map((f) => [f.key, f.code])]).toEqual([[], [['C', '424']]]);
  });

  it('reports a repeated order create (417) as already existing', async () => {
    server.on('/tmg/api/order/create', () => refused(417));
    expect(await tmgClient().orders.create([])).toEqual({ created: [], alreadyExisted: true });
  });
});

describe('NengmaoClient errors', () => {
  it('does not retry an authentication refusal (405) and throws it as not retryable', async () => {
    server.on('/nengmao/api/order/list', () => refused(405));
    const error = await failure(collect(brandClient().orders.list()));
    expect([error.kind, error.code, error.retryable, server.seen.length]).toEqual(['provider', '405', false, 1]);
  });

  it('throws a credentials refusal of a batch write instead of failing every item', async () => {
    server.on('/nengmao/api/stocks/update', () => refused(407));
    const error = await failure(brandClient().stocks.update('full', [{ sku: 'A', stocks: 1 }]));
    expect([error.code, error.retryable]).toEqual(['407', false]);
  });

  it('retries HTTP 5xx on reads with a fresh timestamp and sign each attempt', async () => {
    server.on('/nengmao/api/order/list', (_request, index) =>
      index < 2 ? server.raw(503, 'busy') : loadFixture('brand-order-list.response'),
    );
    const pages = await collect(brandClient().orders.list());
    expect(pages[0]).toHaveLength(1);
    const attempts = server.requests('/nengmao/api/order/list');
    expect(new Set(attempts.map((request) => request.headers.timestamp)).size).toBe(3);
    for (const request of attempts)
      expect(request.headers.sign).toBe(
        createHash('md5')
          .update(`demo-app-key${String(request.headers.timestamp)}`)
          .digest('hex'),
      );
  });

  it('gives up after the attempts with a retryable error', async () => {
    server.on('/nengmao/api/order/list', () => server.raw(502, 'bad gateway'));
    const error = await failure(collect(brandClient().orders.list()));
    expect([error.kind, error.code, error.retryable, server.seen.length]).toEqual(['http', '502', true, 3]);
  });

  it('retries the provider’s own server exception (500+) like a 5xx', async () => {
    server.on('/nengmao/api/order/list', (_request, index) => (index === 0 ? refused(503) : ok([])));
    await collect(brandClient().orders.list());
    expect(server.seen.length).toBe(2);
  });

  it('does not retry writes that are not idempotent (incremental stock), but fails their items as retryable', async () => {
    server.on('/nengmao/api/stocks/update', () => refused(500));
    const outcome = await brandClient().stocks.update('incremental', [{ sku: 'A', stocks: 1 }]);
    expect(server.seen.length).toBe(1);
    expect(outcome.failed).toEqual([{ key: 'A', code: '500', message: expect.stringContaining('refused 500'), retryable: true }]);
  });

  it('stops sending the rest of a batch once the provider is failing', async () => {
    server.on('/nengmao/api/stocks/update', () => refused(500));
    const outcome = await brandClient({ retryAttempts: 1, stocksPerUpdate: 2 }).stocks.update(
      'full',
      [1, 2, 3, 4, 5].map((i) => ({ sku: `S${i}`, stocks: i })),
    );
    expect([server.seen.length, outcome.calls, outcome.failed.length, outcome.failed.every((f) => f.retryable)]).toEqual([1, 1, 5, true]);
  });

  it('times out a request that gets no answer', async () => {
    server.on('/nengmao/api/order/ship', () => 'hang');
    const outcome = await brandClient({ timeoutMs: 150 }).orders.ship([
      { orderSn: 'A', shipTime: '2024-09-01 10:00:00', goodsList: [{ sku: 'S', qty: 1 }] },
    ]);
    expect(outcome.failed.map((f) => [f.code, f.retryable])).toEqual([['TIMEOUT', true]]);
    expect(server.seen.length).toBe(1);
  });

  it('reads a malformed body as an invalid response', async () => {
    server.on('/nengmao/api/order/list', () => server.raw(200, '<html>gateway</html>'));
    const error = await failure(collect(brandClient({ retryAttempts: 1 }).orders.list()));
    expect([error.kind, error.code]).toEqual(['invalid_response', 'INVALID_RESPONSE']);
  });

  it('reads an answer missing documented fields as an invalid response, naming the field', async () => {
    server.on('/nengmao/api/order/list', () => ok([{ orderSn: '1', orderGoods: [] }]));
    const error = await failure(collect(brandClient({ retryAttempts: 1 }).orders.list()));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('$.data[0].orderAmount');
  });
});
