import { randomUUID } from 'node:crypto';
import { createParty, Instant, Money, Order, ReceiveOrderInput } from '@serai/domain';

const cny = (amount: string): Money => Money.of(amount, 'CNY');

/** A marketplace order as intake would build it: two lines, 3810.00 paid, a Shenzhen consignee. */
export function buildOrder(overrides: Partial<ReceiveOrderInput> = {}, at: Instant = Instant.parse('2026-11-10T16:00:05Z')): Order {
  return Order.receive(
    {
      id: randomUUID(),
      source: { connectionName: 'nengmao-demo', externalOrderNumber: `NM-${randomUUID().slice(0, 8)}` },
      lines: [
        {
          lineId: 'L1',
          sku: { sku: 'SKU-000001', barcodes: ['6901234567892'] },
          title: '深层保湿面霜 50ml',
          quantity: 1,
          unitPrice: cny('1636.57'),
          tax: cny('161.82'),
        },
        { lineId: 'L2', sku: { sku: 'SKU-000002' }, quantity: 2, unitPrice: cny('915.305'), tax: cny('181.00') },
      ],
      amounts: { items: cny('3467.18'), shipping: cny('0'), discount: cny('0'), tax: cny('342.82'), totalPaid: cny('3810.00') },
      buyer: createParty({ name: '可key', mobile: '13800138000' }),
      consignee: createParty({
        name: '胡轩',
        mobile: '13912345678',
        idNumber: '440304199001011234',
        address: { country: '中国', province: '广东省', city: '深圳市', district: '福田区', street: '梅林街道 翰岭院111栋11B' },
      }),
      payment: { method: 'alipay', paymentNumber: '2020032622001132000011111222', paidAt: at },
      createdAt: at,
      paidAt: at,
      ...overrides,
    },
    at,
  );
}
