import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxClock } from '../core/sandbox-clock';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import { signNengmaoRequest } from './nengmao-signature';
import { callNengmao, inspect, nengmaoHeaders, postNengmao } from './testing/nengmao-test-client';

/** One test per documented result code the sandbox produces, each provoking it (brand doc §5). */
describe('Nengmao result codes', () => {
  let sb: SandboxUnderTest;
  let now: () => number;

  beforeAll(async () => {
    sb = await startSandboxUnderTest({ skus: 5 });
    const clock = sb.app.get(SandboxClock);
    now = () => clock.nowMs();
  });

  afterAll(async () => {
    await sb.close();
  });

  async function plantOrder(
    shop = 'nengmao',
    body: Record<string, unknown> = {},
  ): Promise<{ orderSn: string; lines: { sku: string; qty: number }[] }> {
    return inspect(sb, `/_sandbox/${shop}/orders`, body);
  }

  function headersWith(change: Record<string, string | undefined>): Record<string, string> {
    const headers: Record<string, string | undefined> = { ...nengmaoHeaders(now()), ...change };
    return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  }

  describe('authentication', () => {
    it('signs as the lowercase hex MD5 of appKey + timestamp', () => {
      // Reading A of the catalogue (brand §2.3), with the document's example values.
      expect(signNengmaoRequest('userAppkey', '175665600000')).toBe('abe39510f7d72832df1d57619834ad5a');
    });

    it('answers 200 to a correctly signed request', async () => {
      expect((await callNengmao(sb, '/nengmao/api/order/list', {})).errorCode).toBe(200);
    });

    it('answers 401 when the timestamp is missing', async () => {
      const answer = await callNengmao(sb, '/nengmao/api/order/list', {}, headersWith({ timestamp: undefined }));
      expect(answer).toEqual({ errorCode: 401, msg: 'Request parameter timestamp is empty', data: null, total: 0 });
    });

    it('answers 403 when the timestamp is not numeric', async () => {
      expect((await callNengmao(sb, '/tmg/api/order/list', {}, headersWith({ timestamp: '2025-09-01T00:00:00Z' }))).errorCode).toBe(403);
    });

    it('answers 402 when the timestamp is more than 2 minutes from the sandbox clock', async () => {
      const stale = String(now() - 121_000);
      const answer = await callNengmao(
        sb,
        '/nengmao/api/order/list',
        {},
        headersWith({ timestamp: stale, sign: signNengmaoRequest('demo-app-key', stale) }),
      );
      expect(answer.errorCode).toBe(402);
    });

    it('answers 402 to a timestamp in seconds rather than milliseconds', async () => {
      const seconds = String(Math.floor(now() / 1000));
      const answer = await callNengmao(
        sb,
        '/nengmao/api/order/list',
        {},
        headersWith({ timestamp: seconds, sign: signNengmaoRequest('demo-app-key', seconds) }),
      );
      expect(answer.errorCode).toBe(402);
    });

    it('answers 404 when appKey or appSecret is missing', async () => {
      expect((await callNengmao(sb, '/nengmao/api/order/list', {}, headersWith({ appSecret: undefined }))).errorCode).toBe(404);
    });

    it('answers 405 when the appKey is unknown or the appSecret wrong', async () => {
      expect((await callNengmao(sb, '/nengmao/api/order/list', {}, headersWith({ appSecret: 'wrong' }))).errorCode).toBe(405);
    });

    it('answers 409 when the sign is missing', async () => {
      expect((await callNengmao(sb, '/nengmao/api/order/list', {}, headersWith({ sign: undefined }))).errorCode).toBe(409);
    });

    it('answers 407 when the sign does not match', async () => {
      const upper = headersWith({});
      const answer = await callNengmao(sb, '/tmg/api/order/list', {}, { ...upper, sign: upper.sign?.toUpperCase() ?? '' });
      expect(answer.errorCode).toBe(407);
    });
  });

  describe('request format', () => {
    it('answers 414 when the body is not JSON', async () => {
      const response = await postNengmao(sb, '/nengmao/api/order/list', '{"orderStatus": 1,');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        errorCode: 414,
        msg: 'Request Json data format error: the body is not valid JSON',
        data: null,
        total: 0,
      });
    });

    it('answers 415 when the body is JSON of the wrong shape', async () => {
      expect((await callNengmao(sb, '/nengmao/api/order/list', [{ orderStatus: 1 }])).errorCode).toBe(415);
      expect((await callNengmao(sb, '/tmg/api/order/create', { orderSn: '1' })).errorCode).toBe(415);
    });

    it('answers 400 when a parameter is invalid', async () => {
      expect((await callNengmao(sb, '/nengmao/api/order/list', { startCreateTime: '26/03/2020' })).errorCode).toBe(400);
      expect((await callNengmao(sb, '/nengmao/api/order/list', { orderStatus: 9 })).errorCode).toBe(400);
      expect((await callNengmao(sb, '/tmg/api/order/list', { orderStatus: 4 })).errorCode).toBe(400);
    });

    it('answers 400 when pageSize is over the maximum of 100', async () => {
      const answer = await callNengmao(sb, '/nengmao/api/order/list', { pageSize: 101 });
      expect(answer.errorCode).toBe(400);
      expect(answer.msg).toContain('pageSize');
    });
  });

  describe('limits and required parameters', () => {
    it('answers 406 when a stock update lists more than 2000 SKUs', async () => {
      const skuList = Array.from({ length: 2001 }, (_, i) => ({ sku: `S${i}`, stocks: 1 }));
      const answer = await callNengmao(sb, '/nengmao/api/stocks/update', { updateType: 0, skuList });
      expect(answer.errorCode).toBe(406);
      expect(answer.msg).toContain('2000');
    });

    it('answers 406 when a TMG price update lists more than 100 SKUs', async () => {
      const skuList = Array.from({ length: 101 }, () => ({ sku: 'SKU-000001', salePrice: 10 }));
      expect((await callNengmao(sb, '/tmg/api/price/update', { skuList })).errorCode).toBe(406);
    });

    it('answers 406 when a query skuList has more than 100 entries', async () => {
      const skuList = Array.from({ length: 101 }, (_, i) => `S${i}`);
      expect((await callNengmao(sb, '/nengmao/api/stocks/list', { skuList })).errorCode).toBe(406);
    });

    it('answers 406 when a goods upload has more than 100 goods', async () => {
      const goodsList = Array.from({ length: 101 }, () => ({}));
      expect((await callNengmao(sb, '/nengmao/api/goods', { goodsList })).errorCode).toBe(406);
    });

    it('answers 408 when a stock update item has neither sku nor upcCode', async () => {
      expect((await callNengmao(sb, '/nengmao/api/stocks/update', { updateType: 0, skuList: [{ stocks: 3 }] })).errorCode).toBe(408);
    });

    it('answers 408 when a stock query has neither a modification window nor a skuList', async () => {
      expect((await callNengmao(sb, '/nengmao/api/stocks/list', { pageNo: 1 })).errorCode).toBe(408);
    });

    it('answers 410 when a SKU does not exist, and changes nothing', async () => {
      const before = await inspect<{ stocks: number }>(sb, '/_sandbox/nengmao/stocks/SKU-000001');
      const answer = await callNengmao(sb, '/nengmao/api/stocks/update', {
        updateType: 0,
        skuList: [
          { sku: 'SKU-000001', stocks: before.stocks + 7 },
          { sku: 'NO-SUCH-SKU', stocks: 1 },
        ],
      });
      expect(answer.errorCode).toBe(410);
      expect(answer.msg).toContain('NO-SUCH-SKU');
      expect((await inspect<{ stocks: number }>(sb, '/_sandbox/nengmao/stocks/SKU-000001')).stocks).toBe(before.stocks);
    });

    it('answers 413 when goodsList is empty', async () => {
      expect((await callNengmao(sb, '/nengmao/api/goods', { goodsList: [] })).errorCode).toBe(413);
    });

    it('answers 420 when goodSnList and skuList are both given', async () => {
      const answer = await callNengmao(sb, '/nengmao/api/goods/list', { goodSnList: ['G-000001'], skuList: ['SKU-000001'] });
      expect(answer.errorCode).toBe(420);
    });
  });

  describe('orders and returns', () => {
    it('answers 411 when an orderSn does not exist', async () => {
      const answer = await callNengmao(sb, '/nengmao/api/status/confirmation', { orderSnList: ['999999999999999999'] });
      expect(answer.errorCode).toBe(411);
      expect(answer.data).toEqual({
        orderResult: { successList: [], failureList: ['999999999999999999'] },
        returnResult: { successList: [], failureList: [] },
      });
    });

    it('answers 412 when a returnSn does not exist', async () => {
      expect((await callNengmao(sb, '/nengmao/api/status/confirmation', { returnSnList: ['0000'] })).errorCode).toBe(412);
    });

    it('answers 416 when a created order wants more than the stock', async () => {
      await inspect(sb, '/_sandbox/tmg/skus', { sku: 'SCARCE', stocks: 1 });
      const order = tmgOrder('200000000000000416', [{ sku: 'SCARCE', qty: 2 }]);
      expect((await callNengmao(sb, '/tmg/api/order/create', [order])).errorCode).toBe(416);
    });

    it('answers 417 when a created order already exists', async () => {
      const existing = await plantOrder('tmg');
      const order = tmgOrder(existing.orderSn, existing.lines);
      expect((await callNengmao(sb, '/tmg/api/order/create', [order])).errorCode).toBe(417);
    });

    it('answers 418 when a created order has no orderGoods', async () => {
      expect((await callNengmao(sb, '/tmg/api/order/create', [tmgOrder('200000000000000418', [])])).errorCode).toBe(418);
    });

    it('answers 419 when an order is shipped a second time', async () => {
      const order = await plantOrder();
      const ship = {
        shipOrderList: [
          { orderSn: order.orderSn, shipTime: '2026-01-01 10:00:00', expressCompany: 'sf', expressNo: 'SF1', goodsList: order.lines },
        ],
      };
      expect((await callNengmao(sb, '/nengmao/api/order/ship', ship)).errorCode).toBe(200);
      const again = await callNengmao(sb, '/nengmao/api/order/ship', ship);
      expect(again.errorCode).toBe(419);
      expect(again.msg).toContain(order.orderSn);
    });

    it('answers 421 when some orders ship and others have a wrong SKU or quantity', async () => {
      const good = await plantOrder();
      const bad = await plantOrder();
      const answer = await callNengmao(sb, '/nengmao/api/order/ship', {
        shipOrderList: [
          { orderSn: good.orderSn, shipTime: '2026-01-01 10:00:00', goodsList: good.lines },
          { orderSn: bad.orderSn, shipTime: '2026-01-01 10:00:00', goodsList: [{ sku: 'NOT-IN-ORDER', qty: 1 }] },
        ],
      });
      expect(answer.errorCode).toBe(421);
      expect(answer.data).toEqual({ successList: [good.orderSn], failureList: [bad.orderSn] });
    });

    it('answers 422 when no order ships because of a wrong quantity', async () => {
      const order = await plantOrder();
      const line = order.lines[0] ?? { sku: '', qty: 0 };
      const answer = await callNengmao(sb, '/nengmao/api/order/ship', {
        shipOrderList: [{ orderSn: order.orderSn, shipTime: '2026-01-01 10:00:00', goodsList: [{ sku: line.sku, qty: line.qty + 1 }] }],
      });
      expect(answer.errorCode).toBe(422);
      expect(answer.data).toEqual({ successList: [], failureList: [order.orderSn] });
    });

    it('answers 423 when some cancellation answers apply and others do not', async () => {
      const asked = await plantOrder();
      const notAsked = await plantOrder();
      await inspect(sb, `/_sandbox/nengmao/orders/${asked.orderSn}/cancellation-request`, {});
      const answer = await callNengmao(sb, '/nengmao/api/order/cancelConfirm', {
        cancelList: [
          { orderSn: asked.orderSn, status: 10 },
          { orderSn: notAsked.orderSn, status: 10 },
        ],
      });
      expect(answer.errorCode).toBe(423);
      expect(answer.data).toEqual({ successList: [asked.orderSn], failureList: [notAsked.orderSn] });
    });

    it('answers 424 when the order is not awaiting a cancellation confirmation', async () => {
      const order = await plantOrder();
      const answer = await callNengmao(sb, '/nengmao/api/order/cancelConfirm', { cancelList: [{ orderSn: order.orderSn, status: '10' }] });
      expect(answer.errorCode).toBe(424);
    });

    it('answers 424 when the brand cancels an order already shipped', async () => {
      const order = await plantOrder();
      await callNengmao(sb, '/nengmao/api/order/ship', {
        shipOrderList: [{ orderSn: order.orderSn, shipTime: '2026-01-01 10:00:00', goodsList: order.lines }],
      });
      const answer = await callNengmao(sb, '/nengmao/api/order/cancelbybrand', {
        cancelList: [{ orderSn: order.orderSn, status: 10, goodsList: order.lines }],
      });
      expect(answer.errorCode).toBe(424);
    });
  });

  describe('server exceptions', () => {
    it('registers the envelope with injectable 500 codes for both prefixes', () => {
      const registry = sb.app.get(ProviderErrorRegistry);
      for (const provider of ['nengmao', 'tmg']) {
        const shape = registry.get(provider);
        expect(shape?.injectableCodes).toContain('500');
        expect(shape?.render('500', '')).toEqual({
          status: 200,
          body: { errorCode: 500, msg: 'Server-side exception', data: null, total: 0 },
        });
      }
      expect(registry.providerOf('/tmg/api/order/list')).toBe('tmg');
      expect(registry.providerOf('/nengmao/api/order/list')).toBe('nengmao');
    });
  });
});

function tmgOrder(orderSn: string, goods: readonly { sku: string; qty: number }[]): Record<string, unknown> {
  return {
    orderSn,
    orderAccount: 'acc',
    orderAmount: 10,
    shippingFee: 0,
    discountAmountSum: 0,
    consignee: '王伟',
    country: '中国',
    province: '上海市',
    city: '上海市',
    district: '黄浦区',
    address: '南京东路1号',
    zipcode: '200001',
    telephone: '13800000000',
    mobile: '13800000000',
    platform: 'TM',
    paymentSn: '1',
    paymentType: 'alipay',
    createTime: '2026-01-01 10:00:00',
    payTime: '2026-01-01 10:00:05',
    orderGoods: goods.map((g) => ({ upcCode: '', sku: g.sku, internalId: '', saleAmount: 10, tagPrice: 10, qty: g.qty })),
  };
}
