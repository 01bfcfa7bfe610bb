import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import { callNengmao, expectSameShape, inspect, postNengmao } from './testing/nengmao-test-client';

/**
 * Replays every request example of the two documents against the sandbox (after planting the orders, returns and
 * SKUs the example names) and checks each answer against the documented response example's shape.
 */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as unknown;
}

function brandPlant(path: string): string {
  return `/_sandbox/nengmao${path}`;
}

function tmgPlant(path: string): string {
  return `/_sandbox/tmg${path}`;
}

describe('the documented examples, replayed', () => {
  let sb: SandboxUnderTest;

  beforeAll(async () => {
    sb = await startSandboxUnderTest();
  });

  afterAll(async () => {
    await sb.close();
  });

  describe('brand API', () => {
    it('answers the 6.1 goods upload example in the documented shape', async () => {
      const answer = await callNengmao(sb, '/nengmao/api/goods', fixture('brand-goods.request'));
      expect(answer.errorCode).toBe(200);
      expectSameShape(answer, fixture('brand-goods.response'));
    });

    it('refuses the 6.2 goods query example with 420, since it sends goodSnList and skuList together', async () => {
      const answer = await callNengmao(sb, '/nengmao/api/goods/list', fixture('brand-goods-list.request'));
      expect(answer.errorCode).toBe(420);
    });

    it('answers the 6.2 goods query example without skuList in the documented shape', async () => {
      await callNengmao(sb, '/nengmao/api/goods', {
        goodsList: [{ ...(fixture('brand-goods.request') as { goodsList: Record<string, unknown>[] }).goodsList[0], goodsSn: '121212' }],
      });
      const request = { ...(fixture('brand-goods-list.request') as Record<string, unknown>) };
      delete request.skuList;
      delete request.startCreateTime;
      delete request.endCreateTime;
      delete request.startModifyTime;
      delete request.endModifyTime;
      const answer = await callNengmao(sb, '/nengmao/api/goods/list', request);
      expect(answer.errorCode).toBe(200);
      expect(answer.data).toHaveLength(1);
      expectSameShape(answer, fixture('brand-goods-list.response'));
    });

    it('answers the 6.3 stock update example in the documented shape', async () => {
      await inspect(sb, brandPlant('/skus'), { sku: '869aa622133' });
      await inspect(sb, brandPlant('/skus'), { sku: '869aa622134' });
      const answer = await callNengmao(sb, '/nengmao/api/stocks/update', fixture('brand-stocks-update.request'));
      expectSameShape(answer, fixture('brand-stocks-update.response'));
    });

    it('answers the 6.4 stock query example in the documented shape', async () => {
      for (const sku of ['10009272', '10333383', '11634854', '13037544']) {
        await inspect(sb, brandPlant('/skus'), { sku, stocks: 0, modifyTime: '2020-03-17 04:35:19' });
      }
      const answer = await callNengmao(sb, '/nengmao/api/stocks/list', fixture('brand-stocks-list.request'));
      expect(answer.total).toBe(4);
      expectSameShape(answer, fixture('brand-stocks-list.response'));
    });

    it('answers the 6.5 price update example in the documented shape', async () => {
      await inspect(sb, brandPlant('/skus'), { sku: 'Branda31869633', salePrice: '629' });
      const answer = await callNengmao(sb, '/nengmao/api/price/update', fixture('brand-price-update.request'));
      expectSameShape(answer, fixture('brand-price-update.response'));
      expect((await inspect(sb, brandPlant('/prices/Branda31869633'))).salePrice).toBe(1900);
    });

    it('answers the 6.6 price query example in the documented shape', async () => {
      await inspect(sb, brandPlant('/skus'), { sku: '32329221', salePrice: '1900.00', modifyTime: '2020-03-10 04:29:48' });
      await inspect(sb, brandPlant('/skus'), { sku: '89849829', salePrice: '2020.00', modifyTime: '2020-03-12 06:01:53' });
      const answer = await callNengmao(sb, '/nengmao/api/price/list', fixture('brand-price-list.request'));
      expect(answer.data).toEqual([
        { sku: '32329221', price: 1900, lastModifyTime: '2020-03-10 04:29:48' },
        { sku: '89849829', price: 2020, lastModifyTime: '2020-03-12 06:01:53' },
      ]);
      expectSameShape(answer, fixture('brand-price-list.response'));
    });

    it('answers the 7.1 order list example in the documented shape', async () => {
      await inspect(sb, brandPlant('/orders'), { orderSn: '101080953050411111', createTime: '2020-03-26 21:33:33' });
      const answer = await callNengmao(sb, '/nengmao/api/order/list', fixture('brand-order-list.request'));
      expect(answer.total).toBe(1);
      expectSameShape(answer, fixture('brand-order-list.response'));
    });

    it('answers the request of the §4 example code (orderStatus sent as the string "2")', async () => {
      const order = await inspect<{ orderSn: string; lines: { sku: string; qty: number }[] }>(sb, brandPlant('/orders'), {
        createTime: '2025-09-10 12:00:00',
      });
      const shipped = await callNengmao(sb, '/nengmao/api/order/ship', {
        shipOrderList: [
          { orderSn: order.orderSn, shipTime: '2025-09-10 18:00:00', expressCompany: 'sf', expressNo: 'SF100', goodsList: order.lines },
        ],
      });
      expect(shipped.errorCode).toBe(200);
      const answer = await callNengmao(sb, '/nengmao/api/order/list', fixture('brand-request-example-code.request'));
      expect(answer.total).toBe(1);
      expectSameShape(answer, fixture('brand-order-list.response'));
    });

    it('answers the 7.2 confirmation example in the documented shape', async () => {
      await inspect(sb, brandPlant('/orders'), { orderSn: '104587766749540598' });
      await inspect(sb, brandPlant('/orders/104587766749540598/returns'), { returnSn: '9109033548491234' });
      const answer = await callNengmao(sb, '/nengmao/api/status/confirmation', fixture('brand-status-confirmation.request'));
      expect(answer).toEqual(fixture('brand-status-confirmation.response'));
    });

    it('answers the 7.3 brand cancellation example in the documented shape', async () => {
      await inspect(sb, brandPlant('/skus'), { sku: '3840438387414', internalId: '11122211221' });
      await inspect(sb, brandPlant('/orders'), { orderSn: '162724553352511111', lines: [{ sku: '3840438387414', qty: 1 }] });
      const answer = await callNengmao(sb, '/nengmao/api/order/cancelbybrand', fixture('brand-order-cancelbybrand.request'));
      expect(answer).toEqual(fixture('brand-order-cancelbybrand.response'));
    });

    it('answers the 7.4 cancellation confirmation example as documented, both answers in successList', async () => {
      for (const orderSn of ['472396610503512365', '396526610503512365']) {
        await inspect(sb, brandPlant('/orders'), { orderSn });
        await inspect(sb, brandPlant(`/orders/${orderSn}/cancellation-request`), {});
      }
      const answer = await callNengmao(sb, '/nengmao/api/order/cancelConfirm', fixture('brand-order-cancelconfirm.request'));
      expect(answer).toEqual(fixture('brand-order-cancelconfirm.response'));
    });

    it('answers the 7.5 ship example in the documented shape', async () => {
      await inspect(sb, brandPlant('/skus'), { sku: '5221414_580_50' });
      await inspect(sb, brandPlant('/orders'), { orderSn: '811010000207', lines: [{ sku: '5221414_580_50', qty: 1 }] });
      const answer = await callNengmao(sb, '/nengmao/api/order/ship', fixture('brand-order-ship.request'));
      expect(answer.data).toEqual({ successList: ['811010000207'], failureList: [] });
      expectSameShape(answer, fixture('brand-order-ship.response'));
    });

    it('answers 414 to the 8.1 return list example as printed (`"returnType": Y` is not JSON)', async () => {
      const printed = JSON.stringify(fixture('brand-return-list.request')).replace('"returnType":"Y"', '"returnType":Y');
      const answer = await callNengmao(sb, '/nengmao/api/return/list', printed);
      expect(answer.errorCode).toBe(414);
    });

    it('answers the 8.1 return list example (returnType quoted) in the documented shape', async () => {
      const order = await inspect<{ orderSn: string }>(sb, brandPlant('/orders'), { createTime: '2018-04-09 10:00:00' });
      await inspect(sb, brandPlant(`/orders/${order.orderSn}/returns`), { returnSn: '182010102121', createTime: '2018-04-12 10:00:00' });
      const answer = await callNengmao(sb, '/nengmao/api/return/list', fixture('brand-return-list.request'));
      expect(answer.total).toBe(1);
      expectSameShape(answer, fixture('brand-return-list.response'));
    });
  });

  describe('TMALL Global API', () => {
    it('answers the 5.1 stock update example in the documented shape', async () => {
      await inspect(sb, tmgPlant('/skus'), { sku: '869aa622133', goodsSn: '11211222331' });
      const answer = await callNengmao(sb, '/tmg/api/stocks/update', fixture('tmg-stocks-update.request'));
      expectSameShape(answer, fixture('tmg-stocks-update.response'));
      expect((answer.data as { inventory: number }[])[0]?.inventory).toBe(12);
    });

    it('answers the 6.1 order list example in the documented shape', async () => {
      await inspect(sb, tmgPlant('/orders'), {
        orderSn: '101080953050411111',
        createTime: '2018-07-04 17:14:20',
        modifyTime: '2018-07-04 17:14:20',
      });
      const answer = await callNengmao(sb, '/tmg/api/order/list', fixture('tmg-order-list.request'));
      expect(answer.total).toBe(1);
      expectSameShape(answer, fixture('tmg-order-list.response'));
    });

    it('answers the 6.2 brand cancellation example in the documented shape', async () => {
      await inspect(sb, tmgPlant('/skus'), { sku: '3840438387414' });
      await inspect(sb, tmgPlant('/orders'), { orderSn: '162724553352511111', lines: [{ sku: '3840438387414', qty: 1 }] });
      const answer = await callNengmao(sb, '/tmg/api/order/cancelbybrand', fixture('tmg-order-cancelbybrand.request'));
      expect(answer).toEqual(fixture('tmg-order-cancelbybrand.response'));
    });

    it('answers the 7.2 return create example in the documented shape (before 6.3, which confirms that return)', async () => {
      await inspect(sb, tmgPlant('/skus'), { sku: '74675-10.5', internalId: '74675' });
      await inspect(sb, tmgPlant('/orders'), { orderSn: '151120756299491234', lines: [{ sku: '74675-10.5', qty: 1 }] });
      const answer = await callNengmao(sb, '/tmg/api/return/create', fixture('tmg-return-create.request'));
      expect(answer).toEqual(fixture('tmg-return-create.response'));
    });

    it('answers the 6.3 confirmation example in the documented shape', async () => {
      await inspect(sb, tmgPlant('/orders'), { orderSn: '104587766749540598' });
      const answer = await callNengmao(sb, '/tmg/api/status/confirmation', fixture('tmg-status-confirmation.request'));
      expect(answer).toEqual(fixture('tmg-status-confirmation.response'));
    });

    it('answers the 6.4 order create example in the documented shape, filling internalId', async () => {
      await inspect(sb, tmgPlant('/skus'), { sku: '39116-8.0', internalId: '39116', stocks: 3 });
      const answer = await callNengmao(sb, '/tmg/api/order/create', fixture('tmg-order-create.request'));
      expect(answer).toEqual(fixture('tmg-order-create.response'));
      expect((await inspect(sb, tmgPlant('/stocks/39116-8.0'))).stocks).toBe(2);
    });

    it('answers the 6.5 "cancelled by Tmall" example (same URL) in the documented shape', async () => {
      const other = await startSandboxUnderTest();
      try {
        await inspect(other, tmgPlant('/skus'), { sku: '3840438387414' });
        await inspect(other, tmgPlant('/orders'), { orderSn: '162724553352511111', lines: [{ sku: '3840438387414', qty: 1 }] });
        await inspect(other, tmgPlant('/orders/162724553352511111/cancellation-request'), {});
        const answer = await callNengmao(other, '/tmg/api/order/cancelbybrand', fixture('tmg-order-cancelled-by-tmall.request'));
        expect(answer).toEqual(fixture('tmg-order-cancelled-by-tmall.response'));
        expect((await inspect(other, tmgPlant('/orders/162724553352511111'))).status).toBe(3);
      } finally {
        await other.close();
      }
    });

    it('answers the 7.1 return list example in the documented shape', async () => {
      const order = await inspect<{ orderSn: string }>(sb, tmgPlant('/orders'), { createTime: '2018-01-01 10:00:00' });
      await inspect(sb, tmgPlant(`/orders/${order.orderSn}/returns`), {
        createTime: '2018-02-01 10:00:00',
        modifyTime: '2018-02-01 10:00:00',
      });
      const answer = await callNengmao(sb, '/tmg/api/return/list', fixture('tmg-return-list.request'));
      expect(answer.total).toBe(1);
      expectSameShape(answer, fixture('tmg-return-list.response'));
    });

    it('answers the 8.1 goods upload example in the documented shape', async () => {
      const answer = await callNengmao(sb, '/tmg/api/goods', fixture('tmg-goods.request'));
      expect(answer.errorCode).toBe(200);
      expectSameShape(answer, fixture('tmg-goods.response'));
    });

    it('answers the 8.2 goods query example (both lists, allowed here) in the documented shape', async () => {
      await inspect(sb, tmgPlant('/skus'), { sku: '12345678', goodsSn: '121212', status: 0, modifyTime: '2018-05-01 10:00:00' });
      const answer = await callNengmao(sb, '/tmg/api/goods/list', fixture('tmg-goods-list.request'));
      expect(answer.total).toBe(1);
      expectSameShape(answer, fixture('tmg-goods-list.response'));
    });

    it('answers the 9.1 price update example in the documented shape', async () => {
      await inspect(sb, tmgPlant('/skus'), { sku: 'Branda31869633', goodsSn: 'Brand1194122331' });
      const answer = await callNengmao(sb, '/tmg/api/price/update', fixture('tmg-price-update.request'));
      expectSameShape(answer, fixture('tmg-price-update.response'));
      expect((answer.data as { salePrice: number }[])[0]?.salePrice).toBe(1900);
    });
  });

  it('answers over HTTP 200 with a JSON body for every example (the code is in the body)', async () => {
    const response = await postNengmao(sb, '/nengmao/api/order/list', {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
  });
});
