import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { createParty, Instant, Money } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
// Contract tests start the sandbox in-process (its test harness), as nengmao.contract.spec.ts.
import { SandboxUnderTest, startSandboxUnderTest } from '../../../../apps/sandbox/src/testing/sandbox-under-test';
import type { ProviderCallRecord } from '../kernel/provider-call';
import { toNengmaoOrderCreate, toNengmaoReturnCreate } from './nengmao-sandbox.mapper';
import { NengmaoConnectorFactory } from './nengmao-connector.factory';
import type { NengmaoClient } from './nengmao.client';
import { NENGMAO_TMALL_GLOBAL_PROFILE } from './nengmao.profiles';
import type { NengmaoGoodsUploadItem } from './wire/goods-upload';
import { WireDecimal } from './wire/wire-decimal';

/**
 * Every TMALL Global operation of the client against the sandbox's TMG simulator (base URL = the
 * sandbox root, paths `/tmg/api/...`), with effects read back through `/_sandbox/tmg/...`.
 * Tests run in order on one sandbox: the order list comes first, while the shop holds only the
 * 25 seeded orders.
 */
let sb: SandboxUnderTest;
let url: string;
const calls: ProviderCallRecord[] = [];
const http = new HttpService(axios.create() as unknown as ConstructorParameters<typeof HttpService>[0]);
const SKU_COUNT = 4500;

beforeAll(async () => {
  sb = await startSandboxUnderTest({ initialOrders: 25, skus: SKU_COUNT });
  url = await sb.listen();
});
afterAll(() => sb.close());
beforeEach(() => {
  calls.length = 0;
});

const connection = (options: Record<string, unknown>): ConnectionConfig => ({
  name: 'tmg-contract',
  provider: NENGMAO_TMALL_GLOBAL_PROFILE.provider,
  baseUrl: url,
  credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
  options: { timeoutMs: 5000, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...options },
});
const tmg = (options: Record<string, unknown> = {}): NengmaoClient =>
  new NengmaoConnectorFactory(http, NENGMAO_TMALL_GLOBAL_PROFILE).createClient(connection(options), {
    record: (call) => calls.push(call),
  });
const callsTo = (operation: string): ProviderCallRecord[] => calls.filter((call) => call.operation === operation);
const everything = { modifiedFrom: Instant.parse('2000-01-01T00:00:00Z'), modifiedTo: Instant.now().plusMillis(86_400_000) };
const json = async <T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<T> => {
  const answer = await sb.inject({ method, url: path, ...(payload === undefined ? {} : { payload }) });
  if (answer.statusCode >= 300) throw new Error(`${method} ${path}: ${answer.statusCode} ${answer.body}`);
  return answer.json<T>();
};
const stockOf = async (sku: string): Promise<number> => (await json<{ stocks: number }>('GET', `/_sandbox/tmg/stocks/${sku}`)).stocks;
const orderOf = (orderSn: string) => json('GET', `/_sandbox/tmg/orders/${orderSn}`);
const plantOrder = async (sku: string, qty = 1): Promise<string> =>
  String((await json('POST', '/_sandbox/tmg/orders', { lines: [{ sku, qty }] })).orderSn);

let skuCache: Promise<{ skus: string[]; goodsPages: number[] }> | undefined;
/** Every SKU of the shop, read once with goods/list by modify time (pages of 100 goods). */
const catalogue = (): Promise<{ skus: string[]; goodsPages: number[] }> =>
  (skuCache ??= (async () => {
    const skus: string[] = [];
    const goodsPages: number[] = [];
    for await (const page of tmg().goods.list(everything)) {
      goodsPages.push(page.items.length);
      skus.push(...page.items.flatMap((goods) => goods.skuList.map((sku) => sku.sku)));
    }
    return { skus, goodsPages };
  })());

describe('TMALL Global order/list (§6.1)', () => {
  it('walks the 25 new seeded orders in pages of 10, 10 and 5 (pageSize 10), all status 1 and not yet retrieved', async () => {
    const pages: number[] = [];
    const orderSns: string[] = [];
    for await (const page of tmg({ pageSize: 10 }).orders.list({ ...everything, status: 1, orderType: 'Y' })) {
      pages.push(page.items.length);
      orderSns.push(...page.items.map((order) => order.orderSn));
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(new Set(orderSns).size).toBe(25);
    expect(callsTo('order/list').map((call) => (call.requestBody as { pageNo: number }).pageNo)).toEqual([1, 2, 3]);
    expect(await orderOf(orderSns[0])).toMatchObject({ status: 1, orderType: 'Y' });
  });
});

describe('TMALL Global goods (§8.1 upload, §8.2 query)', () => {
  it('lists every goods record by modify time in pages of at most 100, 4,500 SKUs in all', async () => {
    const { skus, goodsPages } = await catalogue();
    const counts = await json<{ goods: number }>('GET', '/_sandbox/tmg/counts');
    expect(skus.length).toBe(SKU_COUNT);
    expect(new Set(skus).size).toBe(SKU_COUNT);
    expect(goodsPages.reduce((sum, n) => sum + n, 0)).toBe(counts.goods);
    expect(goodsPages.slice(0, -1).every((n) => n === 100)).toBe(true);
  });

  it('uploads 150 goods in two calls (100 + 50) and finds them again by goodsSn list and by sku list (>100: two queries each)', async () => {
    const goods: NengmaoGoodsUploadItem[] = Array.from({ length: 150 }, (_, i) => ({
      brand: 'Serai',
      goodsSn: `TMG-UP-${i}`,
      goodsTitle: `上传测试 ${i}`,
      goodsYears: '2024',
      hscode: '33049900',
      weight: '0.2',
      material: '',
      skuList: [
        {
          color: 'white',
          size: '50ml',
          sku: `TMG-UP-${i}-A`,
          marketPrice: WireDecimal.of('120.00'),
          salePrice: WireDecimal.of(`99.${String(i % 100).padStart(2, '0')}`),
          images: 'https://img.example/1.jpg',
          stocks: 7,
        },
      ],
    }));
    const result = await tmg().goods.upload(goods);
    expect([result.outcome.calls, result.outcome.succeeded.length, result.outcome.failed.length]).toEqual([2, 150, 0]);
    expect(callsTo('goods').map((call) => (call.requestBody as { goodsList: unknown[] }).goodsList.length)).toEqual([100, 50]);
    expect(await stockOf('TMG-UP-149-A')).toBe(7);
    expect((await json('GET', '/_sandbox/tmg/prices/TMG-UP-42-A')).salePrice).toBe(99.42);

    calls.length = 0;
    const byGoodsSn = [];
    for await (const page of tmg().goods.list({ goodsSns: goods.map((g) => g.goodsSn) })) byGoodsSn.push(...page.items);
    expect(byGoodsSn.map((g) => g.goodsSn).sort()).toEqual(goods.map((g) => g.goodsSn).sort());
    expect(callsTo('goods/list').map((call) => (call.requestBody as { goodSnList: unknown[] }).goodSnList.length)).toEqual([100, 50]);

    calls.length = 0;
    const bySku = [];
    for await (const page of tmg().goods.list({ skus: goods.map((g) => g.skuList[0].sku) })) bySku.push(...page.items);
    expect(bySku.flatMap((g) => g.skuList.map((s) => [s.sku, s.salePrice])).find(([sku]) => sku === 'TMG-UP-7-A')).toEqual([
      'TMG-UP-7-A',
      '99.07',
    ]);
    expect(bySku.length).toBe(150);
    expect(callsTo('goods/list')).toHaveLength(2);
  });
});

describe('TMALL Global stocks/update (§5.1)', () => {
  it('sets stock with a full update and moves it with an incremental one, as the sandbox then holds', async () => {
    const [a, b] = (await catalogue()).skus;
    expect(
      (
        await tmg().stocks.update('full', [
          { sku: a, stocks: 40 },
          { sku: b, stocks: 0 },
        ])
      ).succeeded,
    ).toEqual([a, b]);
    expect([await stockOf(a), await stockOf(b)]).toEqual([40, 0]);
    expect(callsTo('stocks/update').map((call) => (call.requestBody as { updateType: number }).updateType)).toEqual([0]);

    const moved = await tmg().stocks.update('incremental', [
      { sku: a, stocks: -15 },
      { sku: b, stocks: 5 },
    ]);
    expect(moved).toEqual({ succeeded: [a, b], failed: [], calls: 1 });
    expect([await stockOf(a), await stockOf(b)]).toEqual([25, 5]);
    expect((callsTo('stocks/update')[1].requestBody as { updateType: number }).updateType).toBe(1);
  });

  it('splits 2,500 items into batches of the default 1000 (3 calls) and applies all of them', async () => {
    const skus = (await catalogue()).skus.slice(0, 2500);
    const outcome = await tmg().stocks.update(
      'full',
      skus.map((sku, i) => ({ sku, stocks: (i % 90) + 10 })),
    );
    expect([outcome.calls, outcome.succeeded.length, outcome.failed.length]).toEqual([3, 2500, 0]);
    expect(callsTo('stocks/update').map((call) => (call.requestBody as { skuList: unknown[] }).skuList.length)).toEqual([1000, 1000, 500]);
    expect([await stockOf(skus[0]), await stockOf(skus[999]), await stockOf(skus[1000]), await stockOf(skus[2499])]).toEqual([
      10,
      (999 % 90) + 10,
      (1000 % 90) + 10,
      (2499 % 90) + 10,
    ]);
  });

  it('with stocksPerUpdate raised to 2000 (decision A3), sends 4,500 items in exactly 3 calls, all applied', async () => {
    const skus = (await catalogue()).skus;
    expect(skus.length).toBe(4500);
    const client = tmg({ stocksPerUpdate: 2000 });
    expect(client.settings.limits.stocksPerUpdate).toBe(2000);
    const outcome = await client.stocks.update(
      'full',
      skus.map((sku, i) => ({ sku, stocks: 1000 + i })),
    );
    expect([outcome.calls, outcome.succeeded.length, outcome.failed.length]).toEqual([3, 4500, 0]);
    expect(callsTo('stocks/update').map((call) => (call.requestBody as { skuList: unknown[] }).skuList.length)).toEqual([2000, 2000, 500]);
    expect(callsTo('stocks/update').every((call) => call.outcome === 'success' && call.attempt === 1)).toBe(true);
    for (const i of [0, 1999, 2000, 3999, 4000, 4499]) expect(await stockOf(skus[i])).toBe(1000 + i);
  });
});

describe('TMALL Global price/update (§9.1)', () => {
  it('sends 250 prices in calls of 100, 100 and 50, and the sandbox holds every price to the cent', async () => {
    const skus = (await catalogue()).skus.slice(100, 350);
    const outcome = await tmg().prices.update(
      skus.map((sku, i) => ({ sku, salePrice: WireDecimal.of(`${10 + i}.${i % 2 === 0 ? '05' : '99'}`) })),
    );
    expect([outcome.calls, outcome.succeeded.length, outcome.failed.length]).toEqual([3, 250, 0]);
    expect(callsTo('price/update').map((call) => (call.requestBody as { skuList: unknown[] }).skuList.length)).toEqual([100, 100, 50]);
    const prices = await Promise.all([0, 101, 249].map((i) => json('GET', `/_sandbox/tmg/prices/${skus[i]}`)));
    expect(prices.map((p) => p.salePrice)).toEqual([10.05, 111.99, 259.99]);
  });
});

describe('TMALL Global status/confirmation (§6.3)', () => {
  it('confirms orders: they turn N (retrieved) and leave the list of new orders', async () => {
    const [sku] = (await catalogue()).skus;
    const orderSns = [await plantOrder(sku), await plantOrder(sku)];
    const outcome = await tmg().orders.confirm(orderSns);
    expect(outcome).toEqual({ succeeded: orderSns, failed: [], calls: 1 });
    expect(callsTo('status/confirmation')[0].requestBody).toEqual({ orderSnList: orderSns });
    for (const orderSn of orderSns) expect(await orderOf(orderSn)).toMatchObject({ orderType: 'N', confirmationCount: 1, status: 1 });
    const stillNew: string[] = [];
    for await (const page of tmg().orders.list({ ...everything, status: 1, orderType: 'Y' }))
      stillNew.push(...page.items.map((o) => o.orderSn));
    expect(stillNew.filter((orderSn) => orderSns.includes(orderSn))).toEqual([]);
    const retrieved: string[] = [];
    for await (const page of tmg().orders.list({ ...everything, status: 1, orderType: 'N' }))
      retrieved.push(...page.items.map((o) => o.orderSn));
    expect(retrieved).toEqual(expect.arrayContaining(orderSns));
  });

  it('confirms returns, and an unknown number fails alone (411/412) while the others are confirmed', async () => {
    const [sku] = (await catalogue()).skus;
    const orderSn = await plantOrder(sku);
    const planted = await json('POST', `/_sandbox/tmg/orders/${orderSn}/returns`, { lines: [{ sku, qty: 1 }] });
    const returnSn = String(planted.returnSn);
    const outcome = await tmg().returns.confirm([returnSn, '999999999999999999']);
    expect([outcome.succeeded, outcome.failed.map((f) => [f.key, f.code])]).toEqual([[returnSn], [['999999999999999999', '412']]]);
    expect(await json('GET', `/_sandbox/tmg/returns/${returnSn}`)).toMatchObject({ returnType: 'N', confirmationCount: 1 });
  });
});

describe('TMALL Global order/cancelbybrand (§6.2, and §6.5 on the same URL)', () => {
  it('cancels a whole order by brand (status 3) with the reason as message', async () => {
    const [, sku] = (await catalogue()).skus;
    const orderSn = await plantOrder(sku, 2);
    const outcome = await tmg().orders.cancelByBrand([{ orderSn, status: 10, message: '品牌方缺货取消', goodsList: [{ sku, qty: 2 }] }]);
    expect(outcome).toEqual({ succeeded: [orderSn], failed: [], calls: 1 });
    const order = await orderOf(orderSn);
    expect(order.status).toBe(3);
    expect(order.cancellations).toEqual([expect.objectContaining({ kind: 'brand', status: 10, message: '品牌方缺货取消' })]);
  });

  it('answers "cancelled by Tmall" (§6.5) on the same URL: 10 accepts the request (status 3), 20 refuses it (back to 1)', async () => {
    const [, sku] = (await catalogue()).skus;
    const accepted = await plantOrder(sku);
    const refused = await plantOrder(sku);
    for (const orderSn of [accepted, refused])
      expect(await json('POST', `/_sandbox/tmg/orders/${orderSn}/cancellation-request`, { message: 'Tmall cancel' })).toMatchObject({
        status: 4,
      });
    const outcome = await tmg().orders.cancelByBrand([
      { orderSn: accepted, status: 10, message: 'accepted', goodsList: [{ sku, qty: 1 }] },
      { orderSn: refused, status: 20, message: 'already packed', goodsList: [{ sku, qty: 1 }] },
    ]);
    expect(outcome.succeeded).toEqual([accepted, refused]);
    expect(callsTo('order/cancelbybrand').map((call) => call.url.replace(url, ''))).toEqual(['/tmg/api/order/cancelbybrand']);
    expect([(await orderOf(accepted)).status, (await orderOf(refused)).status]).toEqual([3, 1]);
  });

  it('fails an unknown order number alone (411) and cancels the others', async () => {
    const [, sku] = (await catalogue()).skus;
    const orderSn = await plantOrder(sku);
    const outcome = await tmg().orders.cancelByBrand([
      { orderSn: '888888888888888888', status: 10, goodsList: [{ sku, qty: 1 }] },
      { orderSn, status: 10, goodsList: [{ sku, qty: 1 }] },
    ]);
    expect([outcome.succeeded, outcome.failed.map((f) => [f.key, f.code]), outcome.calls]).toEqual([
      [orderSn],
      [['888888888888888888', '411']],
      2,
    ]);
    expect((await orderOf(orderSn)).status).toBe(3);
  });
});

describe('TMALL Global order/create (§6.4, sandbox only)', () => {
  it('creates an order from a canonical order, takes its quantity from stock, and a repeat is alreadyExisted', async () => {
    const sku = (await catalogue()).skus[10];
    const before = await stockOf(sku);
    const body = toNengmaoOrderCreate({
      source: { connectionName: 'tmg-contract', externalOrderNumber: '120023153050487191' },
      lines: [{ lineId: '1', sku: { sku }, quantity: 2, unitPrice: Money.of('277.19', 'CNY'), discount: Money.of('0.01', 'CNY') }],
      amounts: { items: Money.of('554.38', 'CNY'), discount: Money.of('0.01', 'CNY'), totalPaid: Money.of('554.37', 'CNY') },
      buyer: createParty({ name: '刘婷19921023' }),
      consignee: createParty({ name: '刘大爷', mobile: '15827554247', address: { country: '中国', province: '广东省', city: '广州市' } }),
      payment: { method: 'alipay', paymentNumber: '2017122421001001630262632854' },
      createdAt: Instant.parse('2024-09-01T02:00:00Z'),
      paidAt: Instant.parse('2024-09-01T02:00:05Z'),
    });
    const created = await tmg().orders.create([body]);
    expect(created.alreadyExisted).toBe(false);
    expect(
      created.created.map((o) => [o.orderSn, o.orderAmount, o.createTime, o.orderGoods.map((g) => [g.sku, g.qty, g.saleAmount])]),
    ).toEqual([['120023153050487191', '554.37', '2024-09-01 10:00:00', [[sku, 2, '554.37']]]]);
    expect(await orderOf('120023153050487191')).toMatchObject({ status: 1, orderType: 'Y', lines: [{ sku, qty: 2 }] });
    expect(await stockOf(sku)).toBe(before - 2);

    expect(await tmg().orders.create([body])).toEqual({ created: [], alreadyExisted: true });
    expect(callsTo('order/create').map((call) => (call.responseBody as { errorCode: number }).errorCode)).toEqual([200, 417]);
    expect(await stockOf(sku)).toBe(before - 2);
  });
});

describe('TMALL Global returns (§7.1 list, §7.2 create)', () => {
  it('creates a return from a canonical return (§7.2), reads it back, and a repeat is alreadyExisted', async () => {
    const sku = (await catalogue()).skus[11];
    const orderSn = await plantOrder(sku);
    const body = toNengmaoReturnCreate(
      {
        returnNumber: '9109033548400001',
        lines: [{ sku, quantity: 1, refund: Money.of('570.48', 'CNY') }],
        returnee: createParty({ name: '郭起林', mobile: '18768656789', address: { province: '湖南省', city: '长沙市' } }),
        parcel: { carrierCode: 'tiantian', trackingNumber: '668846337098' },
        requestedAt: Instant.now(),
      },
      { externalOrderNumber: orderSn, returnAccount: 'will3will', courierCodes: { tiantian: '天天快递' } },
    );
    const created = await tmg().returns.create([body]);
    expect(
      created.created.map((r) => [r.returnSn, r.orderSn, r.returnAmount, r.expressCompany, r.goodsList.map((g) => [g.sku, g.goodsAmount])]),
    ).toEqual([['9109033548400001', orderSn, '570.48', '天天快递', [[sku, '570.48']]]]);
    expect(await json('GET', '/_sandbox/tmg/returns/9109033548400001')).toMatchObject({ orderSn, status: 1, returnType: 'Y' });
    expect(await tmg().returns.create([body])).toEqual({ created: [], alreadyExisted: true });
  });

  it('lists returns by modify window over several pages, the planted and the created ones among them', async () => {
    const sku = (await catalogue()).skus[12];
    const planted: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const orderSn = await plantOrder(sku);
      planted.push(String((await json('POST', `/_sandbox/tmg/orders/${orderSn}/returns`, { lines: [{ sku, qty: 1 }] })).returnSn));
    }
    const pages: number[] = [];
    const returnSns: string[] = [];
    for await (const page of tmg({ pageSize: 5 }).returns.list({ ...everything, status: 1, returnType: 'Y' })) {
      pages.push(page.items.length);
      returnSns.push(...page.items.map((r) => r.returnSn));
    }
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(0, -1).every((n) => n === 5)).toBe(true);
    expect(returnSns).toEqual(expect.arrayContaining([...planted, '9109033548400001']));
    expect(new Set(returnSns).size).toBe(returnSns.length);
  });
});
