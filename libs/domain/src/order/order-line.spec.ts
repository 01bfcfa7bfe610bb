import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { OrderLine, OrderLineInput } from './order-line';

const cny = (amount: string): Money => Money.of(amount, 'CNY');
const input = (overrides: Partial<OrderLineInput> = {}): OrderLineInput => ({
  lineId: 'L1',
  sku: { sku: ' SMK123 ', barcodes: ['55001234567'] },
  title: ' Dry shampoo ',
  quantity: 4,
  unitPrice: cny('10.10'),
  ...overrides,
});

describe('OrderLine', () => {
  it('defaults discount and tax to zero and trims the text it is given', () => {
    const line = OrderLine.create(input());
    expect([line.sku.sku, line.title, line.discount.amount, line.tax.amount]).toEqual(['SMK123', 'Dry shampoo', '0.00', '0.00']);
    expect(line.lineTotal.amount).toBe('40.40');
  });

  it('ships in steps without changing the original line', () => {
    const line = OrderLine.create(input());
    const shipped = line.withShipped(3);
    expect([line.shippedQuantity, shipped.shippedQuantity, shipped.remainingQuantity]).toEqual([0, 3, 1]);
    expect(() => shipped.withShipped(2)).toThrow(InvariantViolation);
  });

  it('refuses a stored shipped quantity above the ordered quantity', () => {
    expect(() => OrderLine.create(input({ shippedQuantity: 5 }), 'lines[3]')).toThrow(
      expect.objectContaining({ field: 'lines[3].shippedQuantity' }),
    );
  });

  it('round-trips through its input form', () => {
    const line = OrderLine.create(input({ discount: cny('1'), tax: cny('0.5'), shippedQuantity: 2 }));
    expect(OrderLine.create(line.toInput())).toEqual(line);
  });
});
