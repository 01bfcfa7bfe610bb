import { Instant } from '@serai/domain';
import { ResponseReader } from '../../kernel/response-reader';
import { loadFixture } from '../fixtures/load-fixture';
import { encodeNengmaoJson, WireDecimal } from '../wire/wire-decimal';
import { readNengmaoEnvelope } from './envelope';
import { buildGoodsListRequest, readGoodsListAnswer } from './goods-list';
import { readGoodsUploadAnswer } from './goods-upload';
import { readCancelByBrandAnswer } from './order-cancel-by-brand';
import { readCancelConfirmAnswer } from './order-cancel-confirm';
import { readOrderCreateAnswer } from './order-create';
import { buildOrderListRequest, readOrder, readOrderListAnswer } from './order-list';
import { readOrderShipAnswer } from './order-ship';
import { readPriceListAnswer } from './price-list';
import { readPriceUpdateAnswer } from './price-update';
import { readReturnCreateAnswer } from './return-create';
import { buildReturnListRequest, readReturn, readReturnListAnswer } from './return-list';
import { buildStatusConfirmationRequest, readStatusConfirmationAnswer } from './status-confirmation';
import { buildStocksListRequest, readStocksListAnswer } from './stocks-list';
import { buildStocksUpdateRequest, readSkuUpdateAnswer } from './stocks-update';

const envelope = (name: string) => readNengmaoEnvelope(loadFixture(name));

describe('every documented answer parses into the wire types', () => {
  it('reads the brand goods answers with their SKUs, amounts as decimal text', () => {
    const [uploaded] = readGoodsUploadAnswer(envelope('brand-goods.response').data);
    expect(uploaded).toMatchObject({ goodsSn: '1VB90065 127', brand: 'nike', weight: '11', createTime: '2018-09-04 16:23:47' });
    expect(uploaded.skuList[0]).toMatchObject({
      sku: 'Branda31869633',
      marketPrice: '900',
      salePrice: '629',
      importFee: '12',
      inventory: 110,
      lockInventory: 0,
      safeValid: true,
    });
    expect(uploaded.fitMeasurement).toEqual([
      { measurementTitle: 'Length', us: '13.0', metric: '33.02' },
      { measurementTitle: 'Strap Length', us: '16.5', metric: '41.91' },
    ]);
    const list = envelope('brand-goods-list.response');
    expect(list.total).toBe(13);
    expect(readGoodsListAnswer(list.data).map((goods) => [goods.goodsSn, goods.skuList.map((sku) => sku.sku)])).toEqual([
      ['121212', ['12345678']],
    ]);
  });

  it('reads TMG goods answers, which say goodsBrand and goodsList instead of brand and skuList', () => {
    const [uploaded] = readGoodsUploadAnswer(envelope('tmg-goods.response').data);
    expect(uploaded.brand).toBe('nike');
    expect(uploaded.skuList.map((sku) => [sku.sku, sku.salePrice, sku.inventory, sku.status])).toEqual([['Branda31869633', '629', 110, 0]]);
    const [listed] = readGoodsListAnswer(envelope('tmg-goods-list.response').data);
    expect(listed).toMatchObject({ goodsSn: '1VB90065 127', brand: 'Fila', goodsTitle: 'Stack 2' });
    expect(listed.skuList[0]).toMatchObject({ sku: '29376-12.0', marketPrice: '0', salePrice: '150', inventory: 1 });
  });

  it('reads stock and price updates: brand answers {} and TMG the updated SKU records', () => {
    expect(readSkuUpdateAnswer(envelope('brand-stocks-update.response').data)).toEqual({ records: [] });
    expect(readPriceUpdateAnswer(envelope('brand-price-update.response').data)).toEqual({ records: [] });
    expect(readSkuUpdateAnswer(envelope('tmg-stocks-update.response').data).records.map((r) => [r.sku, r.inventory, r.goodsSn])).toEqual([
      ['869aa622133', 12, '11211222331'],
    ]);
    expect(readPriceUpdateAnswer(envelope('tmg-price-update.response').data).records.map((r) => [r.sku, r.salePrice])).toEqual([
      ['Branda31869633', '1900'],
    ]);
  });

  it('reads the stock and price lists (brand §6.4 with its stray brace fixed, §6.6 `price`)', () => {
    const stocks = envelope('brand-stocks-list.response');
    expect(stocks.total).toBe(4);
    expect(readStocksListAnswer(stocks.data)[0]).toEqual({ sku: '10009272', stocks: 0, lastModifyTime: '2020-03-17 04:35:19' });
    expect(readPriceListAnswer(envelope('brand-price-list.response').data)).toEqual([
      { sku: '32329221', price: '1900', lastModifyTime: '2020-03-17 04:29:48' },
      { sku: '89849829', price: '2020', lastModifyTime: '2020-03-17 06:01:53' },
    ]);
  });

  it('reads the brand order list with its 18-digit numbers as text and amounts to the cent', () => {
    const answer = envelope('brand-order-list.response');
    expect(answer.total).toBe(57);
    const [order] = readOrderListAnswer(answer.data);
    expect(order).toMatchObject({
      orderSn: '101080953050411111',
      orderAmount: '3810',
      shippingFee: '0',
      discountAmountSum: '300',
      paymentSn: '2020032622001132000011111222',
      orderOriginSn: '1675956925941301266',
      status: '1',
      createTime: '2020-03-26 21:33:33',
    });
    expect(order.orderGoods.map((line) => [line.sku, line.saleAmount, line.tagPrice, line.subOrderTaxFee, line.qty, line.taxFree])).toEqual(
      [
        ['20-2-Q23-TP0001', '1636.57', '1940', '161.82', 1, true],
        ['21-1-008320-E00008', '1830.61', '2170', '181', 1, true],
      ],
    );
  });

  it('reads TMG orders, and the discountSum spelling of the TMG table as the discount', () => {
    const [order] = readOrderListAnswer(envelope('tmg-order-list.response').data);
    expect(order).toMatchObject({ orderSn: '101080953050411111', orderAmount: '554.37', shippingFee: '100', discountAmountSum: '0' });
    expect(order.status).toBeUndefined();
    const renamed = readOrder(
      ResponseReader.of({
        ...(loadFixture('tmg-order-list.response') as { data: Record<string, unknown>[] }).data[0],
        discountAmountSum: undefined,
        discountSum: 12.5,
      }),
    );
    expect(renamed.discountAmountSum).toBe('12.5');
    const [created] = readOrderCreateAnswer(envelope('tmg-order-create.response').data);
    expect(created).toMatchObject({ orderSn: '120023153050487191', orderAmount: '554.37' });
    expect(created.orderGoods[0]).toMatchObject({ sku: '39116-8.0', internalId: '39116' });
  });

  it('reads the per-item results of confirmation, cancellations and ship', () => {
    expect(readStatusConfirmationAnswer(envelope('brand-status-confirmation.response').data)).toEqual({
      orderResult: { successList: ['104587766749540598'], failureList: [] },
      returnResult: { successList: ['9109033548491234'], failureList: [] },
    });
    expect(readStatusConfirmationAnswer(envelope('tmg-status-confirmation.response').data).orderResult.successList).toEqual([
      '104587766749540598',
    ]);
    expect(readCancelByBrandAnswer(envelope('brand-order-cancelbybrand.response').data)).toEqual({
      successList: ['162724553352511111'],
      failureList: [],
    });
    expect(readCancelByBrandAnswer(envelope('tmg-order-cancelbybrand.response').data).successList).toEqual(['162724553352511111']);
    expect(readCancelByBrandAnswer(envelope('tmg-order-cancelled-by-tmall.response').data).successList).toEqual(['162724553352511111']);
    expect(readCancelConfirmAnswer(envelope('brand-order-cancelconfirm.response').data).successList).toEqual([
      '472396610503512365',
      '396526610503512365',
    ]);
    expect(readOrderShipAnswer(envelope('brand-order-ship.response').data)).toEqual({
      successList: ['162724553352511111'],
      failureList: [],
    });
  });

  it('reads failure lists of numbers or of objects with a reason', () => {
    expect(readOrderShipAnswer(ResponseReader.of({ successList: [], failureList: ['1', { orderSn: '2', msg: 'qty' }] }))).toEqual({
      successList: [],
      failureList: [{ key: '1' }, { key: '2', message: 'qty' }],
    });
    expect(readOrderShipAnswer(ResponseReader.of(null))).toEqual({ successList: [], failureList: [] });
  });

  it('reads brand returns from data[] with the expressCompay typo, and from a returnList as the table says', () => {
    const answer = envelope('brand-return-list.response');
    expect(answer.total).toBe(1);
    const [record] = readReturnListAnswer(answer.data, answer.body);
    expect(record).toMatchObject({
      returnSn: '182010102121',
      expressCompany: 'sf',
      expressSn: '1212121',
      returnAmount: '100',
      returnShippingFee: '20',
      remark: 'test',
    });
    expect(record.goodsList).toEqual([{ sku: '1122123', upcCode: '6911212312', goodsAmount: '100', qty: 1, receiveStatus: 0 }]);
    const nested = ResponseReader.of({ returnList: (loadFixture('brand-return-list.response') as { data: unknown[] }).data });
    expect(readReturnListAnswer(nested, ResponseReader.of({})).map((r) => r.returnSn)).toEqual(['182010102121']);
    expect(readReturnListAnswer(ResponseReader.of(null), nested).map((r) => r.returnSn)).toEqual(['182010102121']);
  });

  it('reads TMG returns, whose courier is a Chinese company name', () => {
    const [listed] = readReturnListAnswer(envelope('tmg-return-list.response').data, envelope('tmg-return-list.response').body);
    expect(listed).toMatchObject({
      returnSn: '9109033548491234',
      expressCompany: '天天快递',
      returnAmount: '570.48',
      orderSn: '151120756299491234',
    });
    const [created] = readReturnCreateAnswer(envelope('tmg-return-create.response').data);
    expect(created.goodsList[0]).toEqual({ sku: '74675-10.5', upcCode: '', internalId: '74675', goodsAmount: '570.48', qty: 1 });
  });

  it('reads a return whose qty is a string, as the TMG §7.2 table types it', () => {
    const record = readReturn(
      ResponseReader.of({ returnSn: 'R1', orderSn: 'O1', goodsList: [{ sku: 'S', goodsAmount: '1.50', qty: '2' }] }),
    );
    expect(record.goodsList[0]).toEqual({ sku: 'S', goodsAmount: '1.50', qty: 2 });
  });
});

describe('requests are built as the documents show them', () => {
  const at = (text: string) => Instant.parse(text);

  it('writes order list windows as GMT+8 wall-clock times', () => {
    expect(
      buildOrderListRequest(
        { createdFrom: at('2020-03-26T08:23:47Z'), createdTo: at('2020-03-27T08:23:47Z'), status: 1, orderType: 'Y' },
        1,
        1,
      ),
    ).toEqual(loadFixture('brand-order-list.request'));
  });

  it('rebuilds the §4 request-example body, sending orderStatus as the number the table types (the example sends "2")', () => {
    const built = buildOrderListRequest(
      { createdFrom: at('2025-09-09T16:00:00Z'), createdTo: at('2025-09-10T16:00:00Z'), status: 2, orderType: 'Y' },
      1,
      100,
    );
    expect({ ...built, orderStatus: String(built.orderStatus), pageNo: undefined, pageSize: undefined }).toEqual({
      ...(loadFixture('brand-request-example-code.request') as object),
      pageNo: undefined,
      pageSize: undefined,
    });
  });

  it('rebuilds the goods, stocks, return and confirmation request examples', () => {
    expect(
      buildGoodsListRequest(
        {
          createdFrom: at('2018-01-04T08:23:47Z'),
          createdTo: at('2018-10-24T08:23:47Z'),
          modifiedFrom: at('2018-01-04T08:23:47Z'),
          modifiedTo: at('2018-10-24T08:23:47Z'),
          goodsSns: ['121212', 'abc1111'],
          skus: ['12345678', '2345678'],
        },
        1,
        1,
      ),
    ).toEqual(loadFixture('brand-goods-list.request'));
    expect(
      buildStocksListRequest(
        {
          modifiedFrom: at('2019-01-04T08:23:47Z'),
          modifiedTo: at('2020-05-20T08:23:47Z'),
          skus: ['10009272', '10333383', '11634854', '13037544'],
        },
        1,
        100,
      ),
    ).toEqual(loadFixture('brand-stocks-list.request'));
    expect(
      buildReturnListRequest(
        { createdFrom: at('2018-04-10T08:23:47Z'), createdTo: at('2018-04-15T08:23:47Z'), status: 1, returnType: 'Y' },
        1,
        10,
      ),
    ).toEqual(loadFixture('brand-return-list.request'));
    expect(buildStatusConfirmationRequest(['104587766749540598'], ['9109033548491234'])).toEqual(
      loadFixture('brand-status-confirmation.request'),
    );
    expect(
      buildStocksUpdateRequest('full', [
        { sku: '869aa622133', internalId: '', stocks: 12 },
        { sku: '869aa622134', internalId: '', stocks: 0 },
      ]),
    ).toEqual(loadFixture('brand-stocks-update.request'));
  });

  it('writes amounts as exact JSON number literals, never through a float', () => {
    const text = encodeNengmaoJson({ skuList: [{ sku: 'Branda31869633', internalId: '121212', salePrice: WireDecimal.of('1900') }] });
    expect(JSON.parse(text)).toEqual(loadFixture('tmg-price-update.request'));
    expect(encodeNengmaoJson({ a: WireDecimal.of('0.10'), b: WireDecimal.of('12345678901234567.89') })).toBe(
      '{"a":0.10,"b":12345678901234567.89}',
    );
    expect(() => WireDecimal.of('1e3')).toThrow(RangeError);
  });

  it('reads the envelope strictly: a body without errorCode is not an answer', () => {
    expect(() => readNengmaoEnvelope({ msg: 'ok' })).toThrow(/errorCode should be an integer/);
    expect(() => readNengmaoEnvelope(undefined)).toThrow(/should be a JSON object/);
  });
});
