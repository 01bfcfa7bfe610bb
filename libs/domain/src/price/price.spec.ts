import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { Instant } from '../time/instant';
import { Price } from './price';

const T0 = Instant.parse('2024-09-01T02:00:00Z');
const T1 = T0.plusMillis(60_000);
const cny = (amount: string): Money => Money.of(amount, 'CNY');
const salePrice = (): Price => Price.of({ sku: 'SMK123', kind: 'sale', amount: cny('89.00'), asOf: T0 });

describe('Price', () => {
  it('announces a change with the previous amount', () => {
    const { price, event } = salePrice().changeTo(cny('79.00'), T1);
    expect(price.amount.amount).toBe('79.00');
    expect(event).toEqual({
      type: 'PriceChanged',
      aggregateType: 'Price',
      aggregateId: 'SMK123:sale',
      occurredAt: T1.toISOString(),
      payload: {
        sku: 'SMK123',
        kind: 'sale',
        amount: { amount: '79.00', currency: 'CNY' },
        previous: { amount: '89.00', currency: 'CNY' },
        asOf: T1.toISOString(),
      },
    });
  });

  it('announces nothing when the amount stays the same', () => {
    const { price, event } = salePrice().changeTo(cny('89'), T1);
    expect(event).toBeUndefined();
    expect(price.asOf).toEqual(T1);
  });

  it('announces a first price with no previous amount', () => {
    expect(salePrice().changedEvent(null).payload.previous).toBeNull();
  });

  it('refuses a stale change, a change of currency and a negative price', () => {
    const price = Price.of({ sku: 'SMK123', kind: 'market', amount: cny('99'), asOf: T1 });
    expect(() => price.changeTo(cny('1'), T0)).toThrow(expect.objectContaining({ field: 'asOf' }));
    expect(() => price.changeTo(Money.of('1', 'USD'), T1)).toThrow(CurrencyMismatch);
    expect(() => Price.of({ sku: 'SMK123', kind: 'sale', amount: cny('-1'), asOf: T0 })).toThrow(InvariantViolation);
  });

  it('refuses an unknown kind and an empty SKU', () => {
    expect(() => Price.of({ sku: 'A', kind: 'tag' as 'sale', amount: cny('1'), asOf: T0 })).toThrow(
      expect.objectContaining({ field: 'kind' }),
    );
    expect(() => Price.of({ sku: '', kind: 'sale', amount: cny('1'), asOf: T0 })).toThrow(expect.objectContaining({ field: 'sku' }));
  });
});
