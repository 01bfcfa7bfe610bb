import { createParty, Instant, Money, Order } from '@serai/domain';
import { ResponseReader } from '../kernel/response-reader';
import { loadFixture } from './fixtures/load-fixture';
import { toNengmaoOrderCreate, toNengmaoReturnCreate } from './nengmao-sandbox.mapper';
import { mapNengmaoOrder, mapNengmaoReturn } from './nengmao.mapper';
import { readOrder } from './operations/order-list';
import { readReturn } from './operations/return-list';
import { encodeNengmaoJson } from './wire/wire-decimal';

/** What goes on the wire: WireDecimals become number literals. */
const sent = (value: unknown): unknown => JSON.parse(encodeNengmaoJson(value));
const ORDER_ID = '7f1c7c7e-0d0a-4c55-9a59-2f1f3a1b2c3d';
const tmgContext = { connectionName: 'tmg-demo', currency: 'CNY', saleAmountPer: 'line' as const, queriedStatus: 1 };

const canonicalOrder = () =>
  Order.receive(
    {
      id: ORDER_ID,
      source: { connectionName: 'tmg-demo', externalOrderNumber: '120023153050400001' },
      lines: [
        {
          lineId: 'A',
          sku: { sku: 'SKU-A', barcodes: ['6901234567890'], itemNumbers: { internalId: 'INT-A' } },
          quantity: 3,
          unitPrice: Money.of('33.33', 'CNY'),
          discount: Money.of('10.00', 'CNY'),
        },
        { lineId: 'B', sku: { sku: 'SKU-B' }, quantity: 2, unitPrice: Money.of('0.10', 'CNY'), tax: Money.of('0.02', 'CNY') },
      ],
      amounts: {
        items: Money.of('100.19', 'CNY'),
        shipping: Money.of('12.50', 'CNY'),
        discount: Money.of('10.00', 'CNY'),
        tax: Money.of('0.02', 'CNY'),
        totalPaid: Money.of('102.71', 'CNY'),
      },
      buyer: createParty({ name: 'tb_buyer_01' }),
      consignee: createParty({
        name: '刘大爷',
        phone: '020-12345678',
        mobile: '15827554247',
        address: { country: '中国', province: '广东省', city: '广州市', district: '越秀区', street: '黄花岗街道', postcode: '510180' },
      }),
      payment: { method: 'alipay', paymentNumber: '2024090121001001630262632854' },
      createdAt: Instant.parse('2024-08-31T16:05:09Z'),
      paidAt: Instant.parse('2024-08-31T16:06:10Z'),
    },
    Instant.parse('2024-08-31T16:07:00Z'),
  ).toSnapshot();

describe('toNengmaoOrderCreate (TMG §6.4, sandbox only)', () => {
  it('writes a canonical OrderSnapshot as the §6.4 body: line totals and the order amounts to the cent, times in GMT+8', () => {
    expect(sent(toNengmaoOrderCreate(canonicalOrder()))).toEqual({
      orderSn: '120023153050400001',
      orderAccount: 'tb_buyer_01',
      orderAmount: 102.71,
      shippingFee: 12.5,
      discountAmountSum: 10,
      consignee: '刘大爷',
      country: '中国',
      province: '广东省',
      city: '广州市',
      district: '越秀区',
      address: '黄花岗街道',
      zipcode: '510180',
      telephone: '020-12345678',
      mobile: '15827554247',
      platform: 'TM',
      paymentSn: '2024090121001001630262632854',
      paymentType: 'alipay',
      createTime: '2024-09-01 00:05:09',
      payTime: '2024-09-01 00:06:10',
      orderGoods: [
        // 33.33 x 3 - 10.00 = 89.99; the tag price is the unit price (no tax).
        { sku: 'SKU-A', upcCode: '6901234567890', internalId: 'INT-A', saleAmount: 89.99, tagPrice: 33.33, qty: 3 },
        // 0.10 x 2 + 0.02 tax = 0.22; the tag price carries the tax: (0.20 + 0.02) / 2 = 0.11.
        { sku: 'SKU-B', upcCode: '', internalId: '', saleAmount: 0.22, tagPrice: 0.11, qty: 2 },
      ],
    });
  });

  it('writes the amounts as exact decimal literals with the cents kept ("12.50", "0.10")', () => {
    const text = encodeNengmaoJson(toNengmaoOrderCreate(canonicalOrder()));
    expect(text).toContain('"orderAmount":102.71,"shippingFee":12.50,"discountAmountSum":10.00');
    expect(text).toContain('"saleAmount":0.22,"tagPrice":0.11');
  });

  it('round-trips the §6.4 example: wire -> canonical (mapNengmaoOrder) -> wire gives the example back', () => {
    const example = (loadFixture('tmg-order-create.request') as unknown[])[0];
    const canonical = mapNengmaoOrder(readOrder(ResponseReader.of(example)), tmgContext).order;
    expect(canonical.createdAt.toISOString()).toBe('2018-07-04T09:14:20.000Z');
    expect(canonical.amounts.totalPaid.amount).toBe('554.37');
    expect(sent(toNengmaoOrderCreate(canonical, { platform: 'TM' }))).toEqual(example);
  });

  it('round-trips canonical -> wire -> canonical with the line totals and order amounts unchanged', () => {
    const snapshot = canonicalOrder();
    const back = mapNengmaoOrder(readOrder(ResponseReader.of(sent(toNengmaoOrderCreate(snapshot)))), tmgContext).order;
    expect(back.lines.map((line) => [line.sku.sku, line.quantity, line.unitPrice.amount, line.discount?.amount])).toEqual([
      ['SKU-A', 3, '33.33', '10.00'],
      // TMG has no tax field: the 0.02 tax is folded into the unit price, the line total 0.22 is kept.
      ['SKU-B', 2, '0.11', '0.00'],
    ]);
    expect([back.amounts.totalPaid.amount, back.amounts.shipping?.amount, back.amounts.discount?.amount]).toEqual([
      '102.71',
      '12.50',
      '10.00',
    ]);
    expect([back.createdAt.toISOString(), back.paidAt?.toISOString()]).toEqual(['2024-08-31T16:05:09.000Z', '2024-08-31T16:06:10.000Z']);
  });
});

describe('toNengmaoReturnCreate (TMG §7.2, sandbox only)', () => {
  const courierCodes = { tiantian: '天天快递' };

  it('writes a canonical return as the §7.2 body: returnAmount is the sum of the line refunds to the cent', () => {
    const body = toNengmaoReturnCreate(
      {
        returnNumber: 'R-2024-0001',
        lines: [
          { sku: 'SKU-A', quantity: 1, refund: Money.of('285.24', 'CNY') },
          { sku: 'SKU-B', quantity: 2, refund: Money.of('0.10', 'CNY') },
        ],
        returnee: createParty({
          name: '郭起林',
          mobile: '18768656789',
          address: { province: '湖南省', city: '长沙市', postcode: '410005' },
        }),
        parcel: { carrierCode: 'sf', trackingNumber: 'SF100200300' },
        shippingRefund: Money.of('8', 'CNY'),
        requestedAt: Instant.parse('2024-09-02T00:00:00Z'),
      },
      { externalOrderNumber: '151120756299491234', returnAccount: 'will3will', internalIds: { 'SKU-A': 'INT-A' } },
    );
    expect(encodeNengmaoJson(body)).toContain('"returnAmount":285.34,"returnShippingFee":8.00');
    expect(sent(body)).toEqual({
      returnSn: 'R-2024-0001',
      returnAccount: 'will3will',
      returnAmount: 285.34,
      returnShippingFee: 8,
      returnee: '郭起林',
      province: '湖南省',
      city: '长沙市',
      district: '',
      zipcode: '410005',
      address: '',
      expressCompany: 'sf',
      expressSn: 'SF100200300',
      telephone: '',
      mobile: '18768656789',
      orderSn: '151120756299491234',
      goodsList: [
        { sku: 'SKU-A', upcCode: '', internalId: 'INT-A', goodsAmount: 285.24, qty: 1 },
        { sku: 'SKU-B', upcCode: '', internalId: '', goodsAmount: 0.1, qty: 2 },
      ],
    });
  });

  it('round-trips the §7.2 example: wire -> canonical (mapNengmaoReturn) -> wire, 天天快递 kept by a courier override', () => {
    const example = (loadFixture('tmg-return-create.request') as unknown[])[0];
    const sourced = mapNengmaoReturn(readReturn(ResponseReader.of(example)), {
      currency: 'CNY',
      observedAt: Instant.parse('2024-09-02T00:00:00Z'),
      courierCodes,
    });
    expect(sourced.returnRequest.parcel).toEqual({ carrierCode: 'tiantian', trackingNumber: '668846337098' });
    expect(
      sent(
        toNengmaoReturnCreate(sourced.returnRequest, {
          externalOrderNumber: sourced.externalOrderNumber,
          returnAccount: 'will3will',
          courierCodes,
        }),
      ),
    ).toEqual(example);
  });

  it('sends the courier table’s code when no override names the carrier (tiantian -> ttkdex)', () => {
    const body = toNengmaoReturnCreate(
      {
        returnNumber: 'R-2',
        lines: [{ sku: 'S', quantity: 1, refund: Money.of('1', 'CNY') }],
        parcel: { carrierCode: 'tiantian', trackingNumber: 'T1' },
        requestedAt: Instant.parse('2024-09-02T00:00:00Z'),
      },
      { externalOrderNumber: 'O-1' },
    );
    expect([body.expressCompany, body.returnShippingFee.text, body.returnAmount.text, body.returnee]).toEqual([
      'ttkdex',
      '0.00',
      '1.00',
      '',
    ]);
  });
});
