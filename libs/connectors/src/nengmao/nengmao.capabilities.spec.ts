import { Instant, Money, Product } from '@serai/domain';
import type { ProviderConnector } from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import { FakeNengmaoServer, ok, refused } from './fixtures/fake-nengmao.server';
import { loadFixture } from './fixtures/load-fixture';
import { NENGMAO_BRAND_PROFILE, NENGMAO_TMALL_GLOBAL_PROFILE } from './nengmao.profiles';

const server = new FakeNengmaoServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.reset());

const NOW = Date.parse('2024-09-01T02:00:00Z');
const brand = (options: Record<string, unknown> = {}): ProviderConnector =>
  server.factory(NENGMAO_BRAND_PROFILE, () => NOW).create(server.connection(NENGMAO_BRAND_PROFILE, options), { record: () => undefined });
const tmg = (): ProviderConnector =>
  server
    .factory(NENGMAO_TMALL_GLOBAL_PROFILE, () => NOW)
    .create(server.connection(NENGMAO_TMALL_GLOBAL_PROFILE), { record: () => undefined });
const window = { from: Instant.parse('2020-03-26T00:00:00Z'), to: Instant.parse('2020-03-27T00:00:00Z') };
const all = async <T>(pages: AsyncIterable<readonly T[]> | readonly (readonly T[])[]): Promise<T[]> => {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
};

describe('Nengmao capabilities', () => {
  it('pulls new orders as orderType Y, status 1, in a GMT+8 create window, mapped to canonical orders', async () => {
    server.on('/nengmao/api/order/list', () => loadFixture('brand-order-list.response'));
    const orders = await all(brand().orderSource?.pullNewOrders(window) ?? []);
    expect(orders.map((o) => [o.order.source.externalOrderNumber, o.order.amounts.totalPaid.amount, o.sourceStatus])).toEqual([
      ['101080953050411111', '3810.00', '1'],
    ]);
    expect(server.seen[0].body).toEqual({
      startCreateTime: '2020-03-26 08:00:00',
      endCreateTime: '2020-03-27 08:00:00',
      orderStatus: 1,
      orderType: 'Y',
      pageNo: 1,
      pageSize: 100,
    });
  });

  it('pulls TMG orders by modify time, the only window its order list has', async () => {
    server.on('/tmg/api/order/list', () => loadFixture('tmg-order-list.response'));
    const [order] = await all(tmg().orderSource?.pullNewOrders(window) ?? []);
    expect(order.order.lines[0].unitPrice.amount).toBe('554.37');
    expect(server.seen[0].body).toMatchObject({
      startModifyTime: '2020-03-26 08:00:00',
      endModifyTime: '2020-03-27 08:00:00',
      orderStatus: 1,
    });
  });

  it('pulls changed orders status by status, cancellation requests first, retrieved and not', async () => {
    server.on('/nengmao/api/order/list', (request) => {
      const body = request.body as { orderStatus: number; orderType: string };
      return body.orderStatus === 4 && body.orderType === 'N'
        ? ok([{ ...(loadFixture('brand-order-list.response') as { data: object[] }).data[0], status: '4' }])
        : ok([]);
    });
    const changed = await all(brand().orderSource?.pullChangedOrders(window) ?? []);
    expect(changed.map((o) => [o.sourceStatus, o.cancellationRequested])).toEqual([['4', true]]);
    const asked = server.seen.map((request) => request.body as { orderStatus: number; orderType: string });
    expect(asked.slice(0, 2).map((body) => [body.orderStatus, body.orderType])).toEqual([
      [4, 'N'],
      [4, 'Y'],
    ]);
    expect(asked).toHaveLength(14);
  });

  it('acknowledges orders and returns through status/confirmation', async () => {
    server.on('/nengmao/api/status/confirmation', () => loadFixture('brand-status-confirmation.response'));
    const connector = brand();
    expect((await connector.orderSource?.acknowledgeOrders(['104587766749540598']))?.succeeded).toEqual(['104587766749540598']);
    expect((await connector.returnSource?.acknowledgeReturns(['9109033548491234']))?.succeeded).toEqual(['9109033548491234']);
    expect(server.seen.map((request) => request.body)).toEqual([
      { orderSnList: ['104587766749540598'] },
      { returnSnList: ['9109033548491234'] },
    ]);
  });

  it('confirms a shipment with the mapped courier code, and confirming it again is success', async () => {
    server.on('/nengmao/api/order/ship', (_request, index) =>
      index === 0
        ? ok({ successList: ['811010000207'], failureList: [] })
        : refused(419, { successList: [], failureList: ['811010000207'] }),
    );
    const shipment = {
      externalOrderNumber: '811010000207',
      carrierCode: 'deppon',
      trackingNumber: '51241003103688',
      shippedAt: Instant.parse('2018-11-01T04:53:58Z'),
      lines: [{ sku: '5221414_580_50', quantity: 1 }],
    };
    const sink = brand().shipmentSink;
    await sink?.confirmShipment(shipment);
    await sink?.confirmShipment(shipment);
    expect(server.seen[0].body).toEqual({
      shipOrderList: [
        {
          orderSn: '811010000207',
          shipTime: '2018-11-01 12:53:58',
          expressCompany: 'dbl',
          expressNo: '51241003103688',
          goodsList: [{ sku: '5221414_580_50', qty: 1 }],
        },
      ],
    });
  });

  it('throws a refused shipment with the provider’s code', async () => {
    server.on('/nengmao/api/order/ship', () => refused(422, { successList: [], failureList: ['1'] }));
    const shipment = {
      externalOrderNumber: '1',
      carrierCode: 'sf',
      trackingNumber: 'T',
      shippedAt: Instant.parse('2024-09-01T00:00:00Z'),
      lines: [{ sku: 'S', quantity: 9 }],
    };
    await expect(brand().shipmentSink?.confirmShipment(shipment)).rejects.toMatchObject({ code: '422', retryable: false });
  });

  it('offers no shipment sink on TMG, whose document has no order/ship', () => {
    expect(tmg().shipmentSink).toBeUndefined();
    expect(brand().shipmentSink).toBeDefined();
  });

  it('answers cancellation requests through cancelConfirm (10/20) and cancels by brand with the reason as message', async () => {
    server.on('/nengmao/api/order/cancelConfirm', () => loadFixture('brand-order-cancelconfirm.response'));
    server.on('/nengmao/api/order/cancelbybrand', () => loadFixture('brand-order-cancelbybrand.response'));
    const sink = brand().cancellationSink;
    await sink?.answerCancellation('472396610503512365', true, '取消成功');
    await sink?.cancelByBrand('162724553352511111', 'out_of_stock', [{ sku: '3840438387414', quantity: 1 }]);
    expect(server.seen.map((request) => request.body)).toEqual([
      { cancelList: [{ orderSn: '472396610503512365', status: 10, message: '取消成功' }] },
      {
        cancelList: [
          { orderSn: '162724553352511111', status: 10, message: '品牌方缺货取消', goodsList: [{ sku: '3840438387414', qty: 1 }] },
        ],
      },
    ]);
  });

  it('refuses a brand cancellation without lines, and a TMG cancellation answer, without calling', async () => {
    await expect(brand().cancellationSink?.cancelByBrand('1', 'out_of_stock')).rejects.toMatchObject({
      code: 'LINES_REQUIRED',
      retryable: false,
    });
    const error = await tmg()
      .cancellationSink?.answerCancellation('1', true)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED', retryable: false });
    expect(server.seen).toHaveLength(0);
  });

  it('pushes stock with the connection’s batch size as its maximum', async () => {
    server.on('/nengmao/api/stocks/update', () => ok({}));
    const connector = brand({ stocksPerUpdate: 2000 });
    expect(connector.inventorySink?.maxBatchSize).toBe(2000);
    expect(brand().inventorySink?.maxBatchSize).toBe(1000);
    const outcome = await connector.inventorySink?.pushStock([{ sku: 'A', quantity: 3 }], 'full');
    expect(outcome).toEqual({ succeeded: ['A'], failed: [], calls: 1 });
    expect(server.seen[0].body).toEqual({ updateType: 0, skuList: [{ sku: 'A', stocks: 3 }] });
  });

  it('publishes a product as a goods upload and answers per SKU', async () => {
    server.on('/nengmao/api/goods', () => loadFixture('brand-goods.response'));
    const product = Product.create({
      id: 'G1',
      titles: { en: 'Cream' },
      brand: 'Serai',
      skus: [{ sku: 'G1-A', titles: { en: 'Cream' }, prices: { sale: Money.of('9.90', 'CNY') } }],
    }).toSnapshot();
    expect(await brand().catalogSink?.publishProduct(product)).toEqual({ succeeded: ['G1-A'], failed: [], calls: 1 });
    expect(server.seen[0].text).toContain('"marketPrice":9.90,"salePrice":9.90');
  });

  it('pushes sale prices and refuses the kinds Nengmao has no field for', async () => {
    server.on('/tmg/api/price/update', () => loadFixture('tmg-price-update.response'));
    const sink = tmg().priceSink;
    expect(sink?.maxBatchSize).toBe(100);
    const outcome = await sink?.pushPrices([
      { sku: 'Branda31869633', kind: 'sale', amount: Money.of('1900', 'CNY') },
      { sku: 'X', kind: 'cost', amount: Money.of('1', 'CNY') },
    ]);
    expect([outcome?.succeeded, outcome?.failed.map((f) => [f.key, f.code]), outcome?.calls]).toEqual([
      ['Branda31869633'],
      [['X', 'UNSUPPORTED_PRICE_KIND']],
      1,
    ]);
  });

  it('pulls returns approved and not yet retrieved, in the brand create window, dated when read', async () => {
    server.on('/nengmao/api/return/list', () => loadFixture('brand-return-list.response'));
    const [sourced] = await all(brand().returnSource?.pullReturns(window) ?? []);
    expect(sourced).toMatchObject({ externalOrderNumber: '1223123', returnRequest: { returnNumber: '182010102121', status: 'approved' } });
    expect(sourced.returnRequest.requestedAt.epochMillis).toBe(NOW);
    expect(server.seen[0].body).toEqual({
      startCreateTime: '2020-03-26 08:00:00',
      endCreateTime: '2020-03-27 08:00:00',
      returnStatus: 1,
      returnType: 'Y',
      pageNo: 1,
      pageSize: 100,
    });
  });

  it('tests the connection with one cheap authenticated read, and reports a refusal without throwing', async () => {
    server.on('/nengmao/api/order/list', (_request, index) => (index === 0 ? ok([], 0) : refused(405)));
    expect(await brand().testConnection()).toMatchObject({ ok: true, providerCode: '200' });
    expect(await brand().testConnection()).toMatchObject({ ok: false, providerCode: '405' });
    expect(server.seen[0].body).toEqual({ orderType: 'N', pageNo: 1, pageSize: 1 });
  });

  it('refuses a connection without credentials when it is built', () => {
    const connection = { ...server.connection(NENGMAO_BRAND_PROFILE), credentials: {} };
    expect(() => server.factory(NENGMAO_BRAND_PROFILE).create(connection, { record: () => undefined })).toThrow(
      /credentials.appKey is required/,
    );
    expect(() =>
      server
        .factory(NENGMAO_BRAND_PROFILE)
        .create(server.connection(NENGMAO_BRAND_PROFILE, { stocksPerUpdate: 5000 }), { record: () => undefined }),
    ).toThrow(/stocksPerUpdate must be an integer between 1 and 2000/);
  });
});
