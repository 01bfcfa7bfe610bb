import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { Instant, Money, Product } from '@serai/domain';
import type { ConnectionConfig, ProviderConnector } from '@serai/engine/ports';
// Contract tests start the sandbox in-process (its test harness); only this spec reaches into apps/.
import { SandboxUnderTest, startSandboxUnderTest } from '../../../../apps/sandbox/src/testing/sandbox-under-test';
import type { ProviderCallRecord } from '../kernel/provider-call';
import { ProviderError } from '../kernel/provider-error';
import { NengmaoConnectorFactory } from './nengmao-connector.factory';
import type { NengmaoClient } from './nengmao.client';
import { NENGMAO_BRAND_PROFILE, NENGMAO_TMALL_GLOBAL_PROFILE, NengmaoProfile } from './nengmao.profiles';
import { WireDecimal } from './wire/wire-decimal';

/**
 * Contract tests: the connector against the sandbox's Nengmao simulators (apps/sandbox/src/nengmao),
 * in-process over real HTTP. Brand base URL `<url>/nengmao`; TMG paths carry `/tmg` themselves,
 * so its base URL is the bare `<url>`.
 */
let sb: SandboxUnderTest;
let url: string;
const calls: ProviderCallRecord[] = [];
const http = new HttpService(axios.create() as unknown as ConstructorParameters<typeof HttpService>[0]);

beforeAll(async () => {
  sb = await startSandboxUnderTest({ initialOrders: 250, skus: 2500 });
  url = await sb.listen();
});
afterAll(() => sb.close());
afterEach(async () => {
  await sb.inject({ method: 'DELETE', url: '/_sandbox/faults' });
});

const connection = (profile: NengmaoProfile, options: Record<string, unknown> = {}, appSecret = 'demo-app-secret'): ConnectionConfig => ({
  name: `${profile.provider}-contract`,
  provider: profile.provider,
  baseUrl: profile.provider === 'nengmao-brand' ? `${url}/nengmao` : url,
  credentials: { appKey: 'demo-app-key', appSecret },
  options: { timeoutMs: 2000, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...options },
});
const trace = { record: (call: ProviderCallRecord) => calls.push(call) };
const connectorFor = (profile: NengmaoProfile, options?: Record<string, unknown>): ProviderConnector =>
  new NengmaoConnectorFactory(http, profile).create(connection(profile, options), trace);
const clientFor = (profile: NengmaoProfile, options?: Record<string, unknown>): NengmaoClient =>
  new NengmaoConnectorFactory(http, profile).createClient(connection(profile, options), trace);
const everything = { from: Instant.parse('2000-01-01T00:00:00Z'), to: Instant.now().plusMillis(86_400_000) };
const json = async (method: 'GET' | 'POST', path: string, payload?: unknown): Promise<Record<string, unknown>> => {
  const answer = await sb.inject({ method, url: path, ...(payload === undefined ? {} : { payload }) });
  if (answer.statusCode >= 300) throw new Error(`${method} ${path}: ${answer.statusCode} ${answer.body}`);
  return answer.json();
};
const all = async <T>(pages: AsyncIterable<readonly T[]> | readonly (readonly T[])[]): Promise<T[]> => {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
};
const knownSkus = new Map<string, Promise<string[]>>();
/** Every SKU of the shop, read once with goods/list (13 pages of goods) and reused. */
const skusOf = (client: NengmaoClient): Promise<string[]> => {
  const key = client.settings.profile.provider;
  const cached = knownSkus.get(key);
  if (cached !== undefined) return cached;
  const loading = (async () => {
    const skus: string[] = [];
    for await (const page of client.goods.list({ modifiedFrom: everything.from, modifiedTo: everything.to }))
      skus.push(...page.items.flatMap((goods) => goods.skuList.map((sku) => sku.sku)));
    return skus;
  })();
  knownSkus.set(key, loading);
  return loading;
};
const plantOrder = async (shop: 'nengmao' | 'tmg', sku: string, qty = 1): Promise<string> =>
  String((await json('POST', `/_sandbox/${shop}/orders`, { lines: [{ sku, qty }] })).orderSn);

describe('Nengmao brand connector against the sandbox', () => {
  it('connects with the demo credentials and reports a wrong secret as the provider’s 405', async () => {
    expect(await connectorFor(NENGMAO_BRAND_PROFILE).testConnection()).toMatchObject({ ok: true, providerCode: '200' });
    const wrong = new NengmaoConnectorFactory(http, NENGMAO_BRAND_PROFILE).create(
      connection(NENGMAO_BRAND_PROFILE, {}, 'not-the-secret'),
      trace,
    );
    expect(await wrong.testConnection()).toMatchObject({ ok: false, providerCode: '405' });
  });

  it('pulls every new order over several pages into canonical orders, then acknowledges them', async () => {
    const connector = connectorFor(NENGMAO_BRAND_PROFILE);
    const pages: number[] = [];
    const orders = [];
    for await (const page of connector.orderSource?.pullNewOrders(everything) ?? []) {
      pages.push(page.length);
      orders.push(...page);
    }
    expect(pages).toEqual([100, 100, 50]);
    expect(new Set(orders.map((o) => o.order.source.externalOrderNumber)).size).toBe(250);
    expect(orders.every((o) => o.sourceStatus === '1' && o.order.amounts.totalPaid.currency === 'CNY' && o.order.lines.length > 0)).toBe(
      true,
    );
    const acknowledged = await connector.orderSource?.acknowledgeOrders(orders.map((o) => o.order.source.externalOrderNumber));
    expect([acknowledged?.succeeded.length, acknowledged?.failed.length, acknowledged?.calls]).toEqual([250, 0, 1]);
    expect((await json('GET', '/_sandbox/nengmao/counts')).ordersAwaitingRetrieval).toBe(0);
    expect(await all(connector.orderSource?.pullNewOrders(everything) ?? [])).toEqual([]);
  });

  it('pushes stock for 2,500 SKUs in batches of 1000 and reads it back', async () => {
    const client = clientFor(NENGMAO_BRAND_PROFILE);
    const skus = await skusOf(client);
    expect(skus.length).toBe(2500);
    const outcome = await connectorFor(NENGMAO_BRAND_PROFILE).inventorySink?.pushStock(
      skus.map((sku, i) => ({ sku, quantity: i % 50 })),
      'full',
    );
    expect([outcome?.calls, outcome?.succeeded.length, outcome?.failed.length]).toEqual([3, 2500, 0]);
    const stocks = [];
    for await (const page of client.stocks.list({ skus: skus.slice(0, 250) })) stocks.push(...page.items);
    expect(stocks.map((s) => s.stocks)).toEqual(skus.slice(0, 250).map((_, i) => i % 50));
  });

  it('isolates an unknown SKU in a stock push and updates the others', async () => {
    const skus = (await skusOf(clientFor(NENGMAO_BRAND_PROFILE))).slice(0, 10);
    const outcome = await connectorFor(NENGMAO_BRAND_PROFILE).inventorySink?.pushStock(
      [...skus, 'NO-SUCH-SKU'].map((sku) => ({ sku, quantity: 7 })),
      'full',
    );
    expect([outcome?.succeeded.length, outcome?.failed.map((f) => [f.key, f.code])]).toEqual([10, [['NO-SUCH-SKU', '410']]]);
  });

  it('pushes sale prices and reads them back from price/list to the cent', async () => {
    const skus = (await skusOf(clientFor(NENGMAO_BRAND_PROFILE))).slice(0, 3);
    const outcome = await connectorFor(NENGMAO_BRAND_PROFILE).priceSink?.pushPrices(
      skus.map((sku) => ({ sku, kind: 'sale' as const, amount: Money.of('123.45', 'CNY') })),
    );
    expect(outcome?.succeeded).toEqual(skus);
    const prices = [];
    for await (const page of clientFor(NENGMAO_BRAND_PROFILE).prices.list({ skus })) prices.push(...page.items);
    expect(prices.map((p) => p.price)).toEqual(['123.45', '123.45', '123.45']);
  });

  it('confirms a shipment with the mapped courier, and a second confirmation is success', async () => {
    const [sku] = await skusOf(clientFor(NENGMAO_BRAND_PROFILE));
    const orderSn = await plantOrder('nengmao', sku, 2);
    const sink = connectorFor(NENGMAO_BRAND_PROFILE).shipmentSink;
    const shipment = {
      externalOrderNumber: orderSn,
      carrierCode: 'sf',
      trackingNumber: 'SF1234567890',
      shippedAt: Instant.now(),
      lines: [{ sku, quantity: 2 }],
    };
    await sink?.confirmShipment(shipment);
    await sink?.confirmShipment(shipment);
    const order = await json('GET', `/_sandbox/nengmao/orders/${orderSn}`);
    expect(order).toMatchObject({ status: 2, shipCalls: 2 });
    expect(order.shipments).toEqual([expect.objectContaining({ expressCompany: 'sf', expressNo: 'SF1234567890' })]);
  });

  it('sees a buyer’s cancellation request among changed orders and accepts it', async () => {
    const [sku] = await skusOf(clientFor(NENGMAO_BRAND_PROFILE));
    const orderSn = await plantOrder('nengmao', sku);
    await json('POST', `/_sandbox/nengmao/orders/${orderSn}/cancellation-request`, { message: 'buyer changed mind' });
    const connector = connectorFor(NENGMAO_BRAND_PROFILE);
    const changed = await all(connector.orderSource?.pullChangedOrders(everything) ?? []);
    expect(changed.find((o) => o.order.source.externalOrderNumber === orderSn)).toMatchObject({
      sourceStatus: '4',
      cancellationRequested: true,
    });
    await connector.cancellationSink?.answerCancellation(orderSn, true, 'ok');
    expect(await json('GET', `/_sandbox/nengmao/orders/${orderSn}`)).toMatchObject({ status: 3 });
  });

  it('cancels by brand with the lines and the reason as message', async () => {
    const [sku] = await skusOf(clientFor(NENGMAO_BRAND_PROFILE));
    const orderSn = await plantOrder('nengmao', sku);
    await connectorFor(NENGMAO_BRAND_PROFILE).cancellationSink?.cancelByBrand(orderSn, 'out_of_stock', [{ sku, quantity: 1 }]);
    const order = await json('GET', `/_sandbox/nengmao/orders/${orderSn}`);
    expect(order).toMatchObject({ status: 3 });
    expect(order.cancellations).toEqual([expect.objectContaining({ kind: 'brand', status: 10, message: '品牌方缺货取消' })]);
  });

  it('pulls approved returns and acknowledges them', async () => {
    const [sku] = await skusOf(clientFor(NENGMAO_BRAND_PROFILE));
    const orderSn = await plantOrder('nengmao', sku);
    const planted = await json('POST', `/_sandbox/nengmao/orders/${orderSn}/returns`, { lines: [{ sku, qty: 1 }] });
    const connector = connectorFor(NENGMAO_BRAND_PROFILE);
    const returns = await all(connector.returnSource?.pullReturns(everything) ?? []);
    const mine = returns.find((r) => r.returnRequest.returnNumber === planted.returnSn);
    expect(mine).toMatchObject({ externalOrderNumber: orderSn, returnRequest: { status: 'approved', lines: [{ sku, quantity: 1 }] } });
    expect((await connector.returnSource?.acknowledgeReturns([String(planted.returnSn)]))?.succeeded).toEqual([planted.returnSn]);
  });

  it('publishes a product and finds it with goods/list', async () => {
    const product = Product.create({
      id: 'CONTRACT-1',
      titles: { zh: '合同测试面霜' },
      brand: 'Serai',
      skus: [
        {
          sku: 'CONTRACT-1-A',
          titles: { zh: '合同测试面霜' },
          attributes: { color: 'white', size: '50ml' },
          prices: { sale: Money.of('88.80', 'CNY') },
        },
      ],
    }).toSnapshot();
    expect(await connectorFor(NENGMAO_BRAND_PROFILE).catalogSink?.publishProduct(product)).toEqual({
      succeeded: ['CONTRACT-1-A'],
      failed: [],
      calls: 1,
    });
    const found = [];
    for await (const page of clientFor(NENGMAO_BRAND_PROFILE).goods.list({ goodsSns: ['CONTRACT-1'] })) found.push(...page.items);
    expect(found.map((goods) => [goods.goodsSn, goods.skuList.map((sku) => [sku.sku, sku.salePrice])])).toEqual([
      ['CONTRACT-1', [['CONTRACT-1-A', '88.8']]],
    ]);
  });

  it('retries injected 503s and fails retryably when they persist; reads a non-JSON body as an invalid response', async () => {
    await json('POST', '/_sandbox/faults', { provider: 'nengmao', kind: 'server-error', status: 503, rate: 1 });
    const error = await all(connectorFor(NENGMAO_BRAND_PROFILE).orderSource?.pullNewOrders(everything) ?? []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'http', code: '503', retryable: true });
    await sb.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    await json('POST', '/_sandbox/faults', { provider: 'nengmao', kind: 'malformed', mode: 'non-json', rate: 1 });
    const garbled = await all(connectorFor(NENGMAO_BRAND_PROFILE, { retryAttempts: 1 }).orderSource?.pullNewOrders(everything) ?? []).catch(
      (e: unknown) => e,
    );
    expect(garbled).toMatchObject({ kind: 'invalid_response' });
  });

  it('answers the provider’s own server exception as retryable', async () => {
    await json('POST', '/_sandbox/faults', { provider: 'nengmao', kind: 'provider-error', codes: ['500'], rate: 1 });
    const error = await all(connectorFor(NENGMAO_BRAND_PROFILE, { retryAttempts: 2 }).orderSource?.pullNewOrders(everything) ?? []).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'provider', code: '500', retryable: true });
  });
});

describe('Nengmao TMALL Global connector against the sandbox', () => {
  it('pulls new TMG orders over several pages by modify time', async () => {
    const orders = await all(connectorFor(NENGMAO_TMALL_GLOBAL_PROFILE).orderSource?.pullNewOrders(everything) ?? []);
    expect(orders.length).toBeGreaterThanOrEqual(250);
    expect(orders.every((o) => o.sourceStatus === '1')).toBe(true);
  });

  it('creates an order on the sandbox (order/create), and a repeated create is "already existed"', async () => {
    const client = clientFor(NENGMAO_TMALL_GLOBAL_PROFILE);
    const [sku] = await skusOf(client);
    const order = {
      orderSn: '120023153050487191',
      orderAccount: 'contract',
      orderAmount: WireDecimal.of('554.37'),
      shippingFee: WireDecimal.of('0'),
      discountAmountSum: WireDecimal.of('0'),
      consignee: '刘大爷',
      country: '中国',
      province: '广东省',
      city: '广州市',
      district: '越秀区',
      address: '黄花岗街道',
      zipcode: '510180',
      telephone: '15827554247',
      mobile: '',
      platform: 'TM',
      paymentSn: '2017122421001001630262632854',
      paymentType: 'alipay',
      createTime: '2024-09-01 10:00:00',
      payTime: '2024-09-01 10:00:05',
      orderGoods: [{ sku, upcCode: '', saleAmount: WireDecimal.of('554.37'), tagPrice: WireDecimal.of('554.37'), qty: 1 }],
    };
    const created = await client.orders.create([order]);
    expect(created.created.map((o) => [o.orderSn, o.orderAmount])).toEqual([['120023153050487191', '554.37']]);
    expect(await client.orders.create([order])).toEqual({ created: [], alreadyExisted: true });
  });

  it('sends 250 prices in three calls of at most 100 (§9.1)', async () => {
    const skus = (await skusOf(clientFor(NENGMAO_TMALL_GLOBAL_PROFILE))).slice(0, 250);
    const outcome = await connectorFor(NENGMAO_TMALL_GLOBAL_PROFILE).priceSink?.pushPrices(
      skus.map((sku) => ({ sku, kind: 'sale' as const, amount: Money.of('10.10', 'CNY') })),
    );
    expect([outcome?.calls, outcome?.succeeded.length, outcome?.failed.length]).toEqual([3, 250, 0]);
  });

  it('has no shipment sink and no stocks/list, as its document', async () => {
    expect(connectorFor(NENGMAO_TMALL_GLOBAL_PROFILE).shipmentSink).toBeUndefined();
    await expect(
      all(
        (async function* () {
          for await (const page of clientFor(NENGMAO_TMALL_GLOBAL_PROFILE).stocks.list({ skus: ['A'] })) yield page.items;
        })(),
      ),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});
