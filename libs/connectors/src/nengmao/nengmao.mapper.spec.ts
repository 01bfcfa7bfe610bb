import { Instant, Money, Order, Return } from '@serai/domain';
import { loadFixture } from './fixtures/load-fixture';
import {
  mapNengmaoOrder,
  mapNengmaoReturn,
  mapNengmaoShipOrder,
  toNengmaoCancelByBrand,
  toNengmaoCancelConfirm,
  toNengmaoShipOrder,
} from './nengmao.mapper';
import { readNengmaoEnvelope } from './operations/envelope';
import { readOrderListAnswer } from './operations/order-list';
import { readReturnListAnswer } from './operations/return-list';
import type { NengmaoOrder } from './wire/order-list';
import type { NengmaoShipOrder } from './wire/order-ship';

const ORDER_ID = '0b7a4a4e-4f57-4b8e-9a43-3c1f1c2d9e10';
const brandOrder = (): NengmaoOrder => readOrderListAnswer(readNengmaoEnvelope(loadFixture('brand-order-list.response')).data)[0];
const tmgOrder = (): NengmaoOrder => readOrderListAnswer(readNengmaoEnvelope(loadFixture('tmg-order-list.response')).data)[0];
const brandContext = { connectionName: 'nengmao-demo', currency: 'CNY', saleAmountPer: 'unit' as const };
const amountsOf = (order: ReturnType<typeof mapNengmaoOrder>) =>
  Object.fromEntries(Object.entries(order.order.amounts).map(([name, money]) => [name, (money as Money).amount]));

describe('mapNengmaoOrder', () => {
  it('maps the brand example to the cent: tax-inclusive tag price, line discounts summing to discountAmountSum', () => {
    const sourced = mapNengmaoOrder(brandOrder(), brandContext);
    expect(
      sourced.order.lines.map((line) => [line.lineId, line.quantity, line.unitPrice.amount, line.discount?.amount, line.tax?.amount]),
    ).toEqual([
      ['20-2-Q23-TP0001', 1, '1778.18', '141.61', '161.82'],
      ['21-1-008320-E00008', 1, '1989.00', '158.39', '181.00'],
    ]);
    expect(amountsOf(sourced)).toEqual({ items: '3767.18', shipping: '0.00', discount: '300.00', tax: '342.82', totalPaid: '3810.00' });
    expect(sourced.order.amounts.totalPaid.currency).toBe('CNY');
    const order = Order.receive({ ...sourced.order, id: ORDER_ID }, Instant.parse('2020-03-26T14:00:00Z'));
    expect(order.checkAmounts()).toEqual([]);
  });

  it('reads times as GMT+8 and keeps the source, buyer, consignee and payment', () => {
    const sourced = mapNengmaoOrder(brandOrder(), brandContext);
    expect(sourced.order.createdAt.toISOString()).toBe('2020-03-26T13:33:33.000Z');
    expect(sourced.order.paidAt?.toISOString()).toBe('2020-03-26T13:33:38.000Z');
    expect(sourced.order.source).toEqual({ connectionName: 'nengmao-demo', externalOrderNumber: '101080953050411111' });
    expect(sourced.order.buyer).toEqual({ name: '可key', address: {} });
    expect(sourced.order.consignee).toEqual({
      name: '胡轩',
      phone: '135*******9',
      mobile: '135*******9',
      address: {
        country: '中国',
        countryCode: 'CN',
        province: '广东省',
        city: '深圳市',
        district: '福田区',
        street: '梅林街道 翰岭院111栋11B',
        postcode: '000000',
      },
    });
    expect(sourced.order.payment).toEqual({
      method: 'alipay',
      paymentNumber: '2020032622001132000011111222',
      paidAt: sourced.order.paidAt,
    });
    expect(sourced.order.lines[0].sku).toEqual({ sku: '20-2-Q23-TP0001', barcodes: [], itemNumbers: {} });
    expect([sourced.sourceStatus, sourced.cancellationRequested, sourced.cancelled]).toEqual(['1', false, false]);
  });

  it('flags status 4 as a cancellation request and status 3 as cancelled', () => {
    expect(mapNengmaoOrder({ ...brandOrder(), status: '4' }, brandContext)).toMatchObject({
      sourceStatus: '4',
      cancellationRequested: true,
      cancelled: false,
    });
    expect(mapNengmaoOrder({ ...brandOrder(), status: '3' }, brandContext)).toMatchObject({
      sourceStatus: '3',
      cancellationRequested: false,
      cancelled: true,
    });
    expect(mapNengmaoOrder({ ...brandOrder(), status: '9' }, brandContext)).toMatchObject({
      sourceStatus: '9',
      cancellationRequested: false,
      cancelled: false,
    });
  });

  it('keeps the consignee ID number as personal data when an account sends one', () => {
    const sourced = mapNengmaoOrder({ ...brandOrder(), idCard: '440301199001011234' }, brandContext);
    expect(sourced.order.consignee.idNumber).toBe('440301199001011234');
  });

  it('maps the TMG example with the queried status, its line total and no invented discount', () => {
    const sourced = mapNengmaoOrder(tmgOrder(), { ...brandContext, saleAmountPer: 'line', queriedStatus: 1 });
    expect(sourced.sourceStatus).toBe('1');
    expect(sourced.order.lines.map((line) => [line.sku.sku, line.unitPrice.amount, line.discount?.amount, line.tax?.amount])).toEqual([
      ['3532602072165', '554.37', '0.00', '0.00'],
    ]);
    expect(amountsOf(sourced)).toEqual({ items: '554.37', shipping: '100.00', discount: '0.00', tax: '0.00', totalPaid: '554.37' });
    expect(sourced.order.createdAt.toISOString()).toBe('2018-07-04T09:14:20.000Z');
    // The document's own sample does not add up (shipping outside orderAmount): reported, not refused.
    const order = Order.receive({ ...sourced.order, id: ORDER_ID });
    expect(order.checkAmounts().map((d) => [d.check, d.expected.amount, d.actual.amount])).toEqual([['totalPaid', '654.37', '554.37']]);
  });

  it('splits a line whose pre-tax value does not divide by the quantity without losing what was paid', () => {
    const order: NengmaoOrder = {
      ...brandOrder(),
      orderAmount: '94.00',
      discountAmountSum: '206.00',
      orderGoods: [{ sku: 'S', saleAmount: '28.00', tagPrice: '100.00', subOrderTaxFee: '10.00', qty: 3, taxFree: true }],
    };
    const [line] = mapNengmaoOrder(order, brandContext).order.lines;
    expect([line.unitPrice.amount, line.discount?.amount, line.tax?.amount]).toEqual(['96.66', '205.98', '10.00']);
    expect(
      line.unitPrice
        .multiply(3)
        .subtract(line.discount ?? Money.zero('CNY'))
        .add(line.tax ?? Money.zero('CNY')).amount,
    ).toBe('94.00');
  });

  it('names repeated SKUs apart so line ids stay unique', () => {
    const order: NengmaoOrder = { ...brandOrder(), orderGoods: [brandOrder().orderGoods[0], brandOrder().orderGoods[0]] };
    expect(mapNengmaoOrder(order, brandContext).order.lines.map((line) => line.lineId)).toEqual(['20-2-Q23-TP0001', '20-2-Q23-TP0001#2']);
  });
});

describe('mapNengmaoReturn', () => {
  const observedAt = Instant.parse('2024-09-01T02:00:00Z');

  it('maps the brand example: approved, the refund per line, the postage and the sf parcel', () => {
    const envelope = readNengmaoEnvelope(loadFixture('brand-return-list.response'));
    const [record] = readReturnListAnswer(envelope.data, envelope.body);
    const sourced = mapNengmaoReturn(record, { currency: 'CNY', queriedStatus: 1, observedAt });
    expect(sourced.externalOrderNumber).toBe('1223123');
    expect(sourced.sourceStatus).toBe('1');
    expect(sourced.returnRequest).toMatchObject({
      returnNumber: '182010102121',
      status: 'approved',
      reason: 'test',
      parcel: { carrierCode: 'sf', trackingNumber: '1212121' },
    });
    expect(sourced.returnRequest.lines.map((line) => [line.sku, line.quantity, line.refund.amount])).toEqual([['1122123', 1, '100.00']]);
    expect(sourced.returnRequest.shippingRefund?.amount).toBe('20.00');
    expect(sourced.returnRequest.requestedAt.equals(observedAt)).toBe(true);
    expect(sourced.returnRequest.returnee).toMatchObject({
      name: 'abc123',
      mobile: '137*******2',
      address: { province: '上海', city: '上海', district: '黄浦区', street: 'aaaa', postcode: '200000' },
    });
    const stored = Return.receive({ ...sourced.returnRequest, id: ORDER_ID, orderId: ORDER_ID });
    expect(stored.refundTotal.amount).toBe('100.00');
  });

  it('maps the TMG example, translating the courier name 天天快递 to the canonical TianTian code', () => {
    const envelope = readNengmaoEnvelope(loadFixture('tmg-return-list.response'));
    const [record] = readReturnListAnswer(envelope.data, envelope.body);
    const sourced = mapNengmaoReturn(record, { currency: 'CNY', queriedStatus: 1, observedAt });
    expect(sourced.returnRequest.parcel).toEqual({ carrierCode: 'tiantian', trackingNumber: '668846337098' });
    expect(sourced.returnRequest.lines.map((line) => line.refund.amount)).toEqual(['570.48']);
    expect(sourced.returnRequest.shippingRefund?.amount).toBe('0.00');
  });
});

describe('ship and cancellation requests', () => {
  const example = (loadFixture('brand-order-ship.request') as { shipOrderList: NengmaoShipOrder[] }).shipOrderList[0];

  it('reads the ship example and writes it back (round trip), passing the unlisted courier bskd through flagged', () => {
    const { shipment, courierKnown } = mapNengmaoShipOrder(example);
    expect(courierKnown).toBe(false);
    expect(shipment).toMatchObject({
      externalOrderNumber: '811010000207',
      carrierCode: 'bskd',
      trackingNumber: '51241003103688',
      lines: [{ sku: '5221414_580_50', quantity: 1 }],
    });
    expect(shipment.shippedAt.toISOString()).toBe('2018-11-01T04:53:58.000Z');
    const back = toNengmaoShipOrder(shipment);
    expect(back.courierKnown).toBe(false);
    expect(back.order).toEqual({
      orderSn: example.orderSn,
      shipTime: example.shipTime,
      expressCompany: example.expressCompany,
      expressNo: example.expressNo,
      goodsList: [{ sku: '5221414_580_50', qty: 1 }],
    });
  });

  it('maps canonical carriers to Nengmao courier codes and back, with per-connection overrides', () => {
    const shipment = { ...mapNengmaoShipOrder(example).shipment, carrierCode: 'deppon' };
    const { order, courierKnown } = toNengmaoShipOrder(shipment);
    expect([order.expressCompany, courierKnown]).toEqual(['dbl', true]);
    expect(mapNengmaoShipOrder(order).shipment.carrierCode).toBe('deppon');
    expect(toNengmaoShipOrder({ ...shipment, carrierCode: 'best-express' }, { 'best-express': 'bskd' }).order.expressCompany).toBe('bskd');
    expect(mapNengmaoShipOrder({ ...order, expressCompany: 'bskd' }, { 'best-express': 'bskd' })).toMatchObject({
      shipment: { carrierCode: 'best-express' },
      courierKnown: true,
    });
  });

  it('sends the courier code the engine’s mapping table gave, over its own table', () => {
    const shipment = { ...mapNengmaoShipOrder(example).shipment, carrierCode: 'SF' };
    expect(toNengmaoShipOrder(shipment).order.expressCompany).toBe('sf');
    expect(toNengmaoShipOrder({ ...shipment, courierCode: 'shunfeng' })).toMatchObject({
      order: { expressCompany: 'shunfeng' },
      courierKnown: true,
    });
  });

  it('builds the cancelbybrand example from a canonical reason code and lines', () => {
    const item = toNengmaoCancelByBrand('162724553352511111', 'out_of_stock', [{ sku: '3840438387414', quantity: 1 }]);
    const example = (loadFixture('brand-order-cancelbybrand.request') as { cancelList: Record<string, unknown>[] }).cancelList[0];
    expect(item).toEqual({ ...example, goodsList: [{ sku: '3840438387414', qty: 1 }] });
    expect(toNengmaoCancelByBrand('1', 'damaged in the warehouse', [{ sku: 'S', quantity: 2 }]).message).toBe('damaged in the warehouse');
  });

  it('answers cancellation requests with the numbers 10 and 20 (the §7.4 example sends strings)', () => {
    expect(toNengmaoCancelConfirm('472396610503512365', true, '取消成功')).toEqual({
      orderSn: '472396610503512365',
      status: 10,
      message: '取消成功',
    });
    expect(toNengmaoCancelConfirm('396526610503512365', false)).toEqual({ orderSn: '396526610503512365', status: 20 });
  });
});
