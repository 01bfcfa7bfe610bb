import { join } from 'node:path';
import { createParty, Instant, Money, Order, OrderSnapshot } from '@serai/domain';
import { parseJsonKeepingBigIntegers } from '../kernel/json-with-big-integers';
import { ResponseReader } from '../kernel/response-reader';
import { ENVOY_STATUS_TABLE, envoyStatusMeaning } from './codes';
import { fixturesIn } from '../kernel/testing/replay-server';
import { mapEnvoyOrder, parseEnvoyTime, toEnvoyOrder } from './nomad-envoy.mapper';
import { readEnvoyEnvelope } from './nomad-envoy.errors';
import { serializeWithDecimals } from '../kernel/decimal-json';
import { ENVOY_DECIMAL_KEYS, readEnvoyOrder } from './wire/order';

const { readFixture } = fixturesIn(join(__dirname, 'fixtures'));

const money = (amount: string) => Money.of(amount, 'CNY');

function canonicalOrder(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  const created = Instant.parse('2024-09-01T02:00:00Z');
  return {
    id: '7f1c8a52-41a4-4c55-9a3a-2b6c61d1e001',
    source: { connectionName: 'envoy-demo', externalOrderNumber: 'TM20240901001' },
    lines: [
      {
        lineId: '1',
        sku: { sku: 'SKU-A', barcodes: ['6901234567892'], itemNumbers: {} },
        title: '保湿面霜',
        quantity: 2,
        unitPrice: money('129.90'),
        discount: money('20.00'),
        tax: money('23.38'),
      },
      {
        lineId: '2',
        sku: { sku: 'SKU-B', barcodes: [], itemNumbers: {} },
        title: 'Hand cream',
        quantity: 1,
        unitPrice: money('59.00'),
        tax: money('5.31'),
      },
    ],
    amounts: {
      items: money('318.80'),
      shipping: money('10.00'),
      tax: money('29.59'),
      discount: money('25.00'),
      totalPaid: money('333.39'),
    },
    consignee: createParty({
      name: '张三',
      mobile: '13800138000',
      idNumber: '310101199001011234',
      address: { country: '中国', countryCode: 'CN', province: '上海市', city: '上海市', street: '世纪大道100号', postcode: '200120' },
    }),
    buyer: createParty({ name: 'Li Lei', email: 'li.lei@example.com' }),
    payment: { method: 'alipay', paymentNumber: '2024090122001', paidAt: Instant.parse('2024-09-01T02:00:05Z') },
    createdAt: created,
    paidAt: Instant.parse('2024-09-01T02:00:05Z'),
    status: 'forwarded',
    statusChangedAt: created,
    shipmentIds: [],
    ...overrides,
  };
}

/** What the order looks like after a trip through the wire: serialised, parsed, read. */
function throughTheWire(order: OrderSnapshot) {
  const body = toEnvoyOrder(order, { platformName: 'youzan' });
  const json = parseJsonKeepingBigIntegers(serializeWithDecimals(body, ENVOY_DECIMAL_KEYS));
  return { body, wire: readEnvoyOrder(ResponseReader.of(json)) };
}

describe('Nomad Envoy mapper', () => {
  describe('the document example (list 200 answer)', () => {
    const envelope = readEnvoyEnvelope(parseJsonKeepingBigIntegers(readFixture('list-orders.response-200.json')), true);
    const order = envelope.data.orders[0]!;

    it('parses into the wire types with decimals as text and numeric ids as strings', () => {
      expect(envelope.code).toBe(42);
      expect(envelope.data.orders).toHaveLength(1);
      expect(envelope.data.order?.clientOrderRef).toBe('string');
      expect(order.payAmount).toBe('611.08');
      expect(order.items[0]?.price).toBe('10.1');
      expect(order.items[0]?.product.productId).toBe('123456');
      expect(order.items[0]?.product.skus[0]).toMatchObject({
        skuNumber: 'SMK123',
        barcode: '55001234567',
        netWeight: '30.3',
        quantity: 10,
      });
      expect(order.orderType).toBe('DISTRIBUTOR');
      expect(order.campaignTrackingData).toEqual({ cj_event: 'test', utm_campaign: 'my campaign' });
    });

    it('maps to a canonical order with amounts to the cent and RMB read as CNY', () => {
      const sourced = mapEnvoyOrder(order, 'envoy-demo');
      const { amounts, lines } = sourced.order;
      expect(sourced.order.source).toEqual({ connectionName: 'envoy-demo', externalOrderNumber: 'string' });
      expect(lines).toHaveLength(1);
      expect(lines[0]!.sku).toMatchObject({ sku: 'SMK123', barcodes: ['55001234567'] });
      expect(lines[0]!.quantity).toBe(4);
      expect(lines[0]!.unitPrice.toJSON()).toEqual({ amount: '10.10', currency: 'CNY' });
      // "unit discount" 10.1 x 4 units; the tax is the line's.
      expect(lines[0]!.discount?.amount).toBe('40.40');
      expect(lines[0]!.tax?.amount).toBe('1.20');
      expect(amounts.items.amount).toBe('40.40');
      expect(amounts.shipping?.amount).toBe('25.00');
      expect(amounts.tax?.amount).toBe('54.28');
      expect(amounts.discount?.amount).toBe('40.40');
      expect(amounts.totalPaid.toJSON()).toEqual({ amount: '611.08', currency: 'CNY' });
    });

    it('maps times with their zone, dropping microseconds', () => {
      const sourced = mapEnvoyOrder(order, 'envoy-demo');
      expect(sourced.order.createdAt.toISOString()).toBe('2019-07-12T12:13:52.004Z');
      expect(sourced.order.paidAt?.toISOString()).toBe('2019-07-12T12:13:52.004Z');
      expect(sourced.order.payment).toEqual({ method: 'EASIPAY', paymentNumber: '2014030120394812', paidAt: sourced.order.paidAt });
    });

    it('keeps the consignee and drops placeholder e-mail and country codes the domain would refuse', () => {
      const sourced = mapEnvoyOrder(order, 'envoy-demo');
      expect(sourced.order.consignee).toEqual({
        name: 'John string',
        mobile: 'string',
        idNumber: 'string',
        address: { country: 'string', province: 'string', city: 'string', street: 'string', addressLine2: 'string', postcode: 'string' },
      });
    });

    it('keeps an undocumented status as the source status without calling it cancelled', () => {
      const sourced = mapEnvoyOrder(order, 'envoy-demo');
      expect(sourced).toMatchObject({ sourceStatus: 'string', cancelled: false, cancellationRequested: false });
    });

    it('gives an order the domain accepts', () => {
      const sourced = mapEnvoyOrder(order, 'envoy-demo');
      const received = Order.receive({ ...sourced.order, id: '7f1c8a52-41a4-4c55-9a3a-2b6c61d1e002' });
      expect(received.amounts.totalPaid.amount).toBe('611.08');
    });

    it('reads the second (500) example exactly like the first', () => {
      const second = readEnvoyEnvelope(parseJsonKeepingBigIntegers(readFixture('list-orders.response-500.json')), true);
      expect(second).toEqual(envelope);
    });
  });

  describe('statuses', () => {
    it.each([
      ['WAIT_BUYER_PAY', 'received', false, false],
      ['WAIT_SELLER_SEND_GOODS', 'forwarded', false, false],
      ['WAIT_BUYER_CONFIRM_GOODS', 'shipped', false, false],
      ['TRADE_SUCCESS', 'delivered', false, false],
      ['TRADE_CLOSED', 'cancelled', true, false],
      ['TRADE_REFUND', 'cancellation_requested', false, true],
      ['TRADE_FAILED', 'cancelled', true, false],
    ] as const)('reads %s as %s', (status, orderStatus, cancelled, cancellationRequested) => {
      expect(envoyStatusMeaning(status)).toMatchObject({ orderStatus, cancelled, cancellationRequested });
      expect(ENVOY_STATUS_TABLE[status].orderStatus).toBe(orderStatus);
    });

    it('marks a TRADE_CLOSED order cancelled when it is pulled', () => {
      const { wire } = throughTheWire(canonicalOrder({ status: 'cancelled' }));
      expect(mapEnvoyOrder({ ...wire, status: 'TRADE_CLOSED' }, 'envoy-demo')).toMatchObject({
        sourceStatus: 'TRADE_CLOSED',
        cancelled: true,
      });
    });
  });

  describe('canonical order to Envoy and back', () => {
    it('names each bought SKU by Envoy’s own SKU number when the cross-reference has one, else by the canonical SKU', () => {
      const order = canonicalOrder();
      const first = order.lines[0]?.sku.sku ?? '';
      const body = toEnvoyOrder(order, { skuNumbers: new Map([[first, 'ENV-000001']]) });
      expect(body.items[0]?.product.skus[0]?.skuNumber).toBe('ENV-000001');
      expect(toEnvoyOrder(order).items[0]?.product.skus[0]?.skuNumber).toBe(first);
    });

    it('writes amounts as JSON numbers digit for digit and times with the +08:00 offset', () => {
      const body = toEnvoyOrder(canonicalOrder(), { platformName: 'youzan' });
      const json = serializeWithDecimals(body, ENVOY_DECIMAL_KEYS);
      expect(json).toContain('"payAmount":333.39');
      expect(json).toContain('"price":129.90');
      expect(json).toContain('"createdAt":"2024-09-01T10:00:00.000+08:00"');
      expect(body).toMatchObject({
        clientOrderRef: 'TM20240901001',
        platformName: 'youzan',
        orderType: 'DEFAULT',
        status: 'WAIT_SELLER_SEND_GOODS',
        currency: 'RMB',
        productsTotalTax: '28.69',
        shippingTax: '0.90',
        nonCashDeductionAmount: '5.00',
        customer: { firstName: '三', lastName: '张', phone: '13800138000', tin: '310101199001011234', countryCode: 'CN' },
      });
      expect(body.items[0]).toMatchObject({ quantity: 2, price: '129.90', discount: '10.00', tax: '23.38' });
    });

    it('comes back as the same order: lines, amounts, parties, payment and times', () => {
      const original = canonicalOrder();
      const back = mapEnvoyOrder(throughTheWire(original).wire, 'envoy-demo').order;
      const amounts = (a: typeof back.amounts) => Object.fromEntries(Object.entries(a).map(([key, value]) => [key, value?.toJSON()]));
      expect(back.source).toEqual(original.source);
      expect(amounts(back.amounts)).toEqual(amounts(original.amounts));
      expect(
        back.lines.map((line) => [
          line.lineId,
          line.sku.sku,
          line.sku.barcodes,
          line.title,
          line.quantity,
          line.unitPrice.amount,
          line.discount?.amount,
          line.tax?.amount,
        ]),
      ).toEqual([
        ['1', 'SKU-A', ['6901234567892'], '保湿面霜', 2, '129.90', '20.00', '23.38'],
        ['2', 'SKU-B', [], 'Hand cream', 1, '59.00', '0.00', '5.31'],
      ]);
      expect(back.consignee).toEqual(original.consignee);
      expect(back.buyer).toEqual(original.buyer);
      expect(back.payment).toEqual(original.payment);
      expect(back.createdAt.equals(original.createdAt)).toBe(true);
    });

    it('splits a line whose discount does not divide by its quantity into two items that add up to the cent', () => {
      const order = canonicalOrder();
      const lines = [{ ...order.lines[1]!, quantity: 3, discount: money('1.00'), tax: money('0.90') }];
      const body = toEnvoyOrder({ ...order, lines });
      expect(body.items.map((item) => [item.quantity, item.price, item.discount, item.tax])).toEqual([
        [1, '59.00', '0.34', '0.30'],
        [2, '59.00', '0.33', '0.60'],
      ]);
    });
  });

  it('reads a time without a zone as China Standard Time', () => {
    expect(parseEnvoyTime('2024-09-01 10:00:00', 'createdAt').toISOString()).toBe('2024-09-01T02:00:00.000Z');
    expect(parseEnvoyTime('2019-03-19T08:57:41.133Z', 'createdAt').toISOString()).toBe('2019-03-19T08:57:41.133Z');
  });

  it('refuses an order whose item names no SKU, saying which', () => {
    const { wire } = throughTheWire(canonicalOrder());
    const broken = { ...wire, items: [{ ...wire.items[0]!, product: { ...wire.items[0]!.product, skus: [] } }] };
    expect(() => mapEnvoyOrder(broken, 'envoy-demo')).toThrow(/items\[0\]\.product\.skus\[0\]\.skuNumber/);
  });
});
