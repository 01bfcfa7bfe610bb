import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from './money';

const cny = (amount: string): Money => Money.of(amount, 'CNY');
const amounts = (list: Money[]): string[] => list.map((money) => money.amount);

describe('Money', () => {
  describe('construction', () => {
    it('reads a decimal string and prints it at the currency scale', () => {
      expect(Money.of('12.5', 'CNY').amount).toBe('12.50');
      expect(Money.of('12.50', 'CNY').toString()).toBe('12.50');
      expect(Money.of('1500', 'JPY').amount).toBe('1500');
      expect(Money.of('-3', 'USD').amount).toBe('-3.00');
    });

    it('keeps digits beyond the minor unit until it is rounded', () => {
      const unitPrice = Money.of('1.2345', 'CNY');
      expect(unitPrice.amount).toBe('1.2345');
      expect(unitPrice.isRounded()).toBe(false);
      expect(unitPrice.round().amount).toBe('1.23');
    });

    it('builds an amount from minor units given as bigint or safe integer', () => {
      expect(Money.fromMinor(1250n, 'CNY').amount).toBe('12.50');
      expect(Money.fromMinor(-5, 'USD').amount).toBe('-0.05');
      expect(Money.fromMinor(1250n, 'JPY').amount).toBe('1250');
    });

    it('gives the amount back in minor units as a bigint', () => {
      expect(cny('12.50').minorUnits).toBe(1250n);
      expect(Money.of('1250', 'KRW').minorUnits).toBe(1250n);
      expect(cny('-0.01').minorUnits).toBe(-1n);
    });

    it('refuses to give minor units of an amount finer than the minor unit', () => {
      expect(() => cny('1.005').minorUnits).toThrow(InvariantViolation);
    });

    it('builds a zero of the currency', () => {
      expect(Money.zero('JPY').amount).toBe('0');
      expect(Money.zero('CNY').isZero()).toBe(true);
    });

    it('accepts a JS number only when it is a safe integer', () => {
      expect(Money.of(12, 'CNY').amount).toBe('12.00');
      expect(Money.of(12n, 'CNY').amount).toBe('12.00');
      expect(() => Money.of(12.5, 'CNY')).toThrow(InvariantViolation);
      expect(() => Money.of(0.1 + 0.2, 'CNY')).toThrow(InvariantViolation);
      expect(() => Money.of(Number.MAX_SAFE_INTEGER + 2, 'CNY')).toThrow(InvariantViolation);
      expect(() => Money.of(Number.NaN, 'CNY')).toThrow(InvariantViolation);
    });

    it.each(['', '12.', '.5', '1e3', '12,50', ' 12.50', '+1', 'NaN', '0x10'])('refuses the malformed amount %p', (text) => {
      expect(() => Money.of(text, 'CNY')).toThrow(InvariantViolation);
    });

    it('refuses a malformed currency code', () => {
      expect(() => Money.of('1', 'rmb')).toThrow(InvariantViolation);
    });

    it('treats negative zero as zero', () => {
      const zero = cny('-0.00');
      expect(zero.amount).toBe('0.00');
      expect(zero.isNegative()).toBe(false);
      expect(zero.equals(Money.zero('CNY'))).toBe(true);
    });
  });

  describe('arithmetic', () => {
    it('adds and subtracts exactly', () => {
      expect(cny('0.1').add(cny('0.2')).amount).toBe('0.30');
      expect(cny('0.1').add(cny('0.2')).equals(cny('0.3'))).toBe(true);
      expect(cny('10.00').subtract(cny('12.34')).amount).toBe('-2.34');
    });

    it('multiplies by an integer quantity exactly', () => {
      expect(cny('19.99').multiply(3).amount).toBe('59.97');
      expect(cny('0.01').multiply(10n ** 20n).amount).toBe('1000000000000000000.00');
      expect(() => cny('1').multiply(1.5)).toThrow(InvariantViolation);
    });

    it('multiplies by a decimal rate and rounds with the chosen mode', () => {
      // 1636.57 x 0.091 = 148.92787
      expect(cny('1636.57').multiplyByRate('0.091', 'half-even').amount).toBe('148.93');
      // 0.125 exactly half a fen: half-even keeps the even 0.12, half-up goes to 0.13
      expect(cny('1.25').multiplyByRate('0.1', 'half-even').amount).toBe('0.12');
      expect(cny('1.25').multiplyByRate('0.1', 'half-up').amount).toBe('0.13');
      expect(cny('1.25').multiplyByRate('0.1', 'down').amount).toBe('0.12');
      expect(cny('1.21').multiplyByRate('0.1', 'up').amount).toBe('0.13');
    });

    it('rounds half to even by default', () => {
      expect(cny('2.345').round().amount).toBe('2.34');
      expect(cny('2.355').round().amount).toBe('2.36');
      expect(cny('-2.345').round().amount).toBe('-2.34');
      expect(Money.of('2.5', 'JPY').round().amount).toBe('2');
      expect(Money.of('3.5', 'JPY').round().amount).toBe('4');
    });

    it('rounds with the other modes on request', () => {
      expect(cny('-2.341').round('ceiling').amount).toBe('-2.34');
      expect(cny('-2.341').round('floor').amount).toBe('-2.35');
      expect(cny('2.345').round('half-up').amount).toBe('2.35');
    });

    it('negates and takes absolute values', () => {
      expect(cny('5.10').negate().amount).toBe('-5.10');
      expect(cny('-5.10').abs().amount).toBe('5.10');
    });

    it('sums a list, and an empty list to zero', () => {
      expect(Money.sum('CNY', [cny('1.10'), cny('2.20'), cny('3.30')]).amount).toBe('6.60');
      expect(Money.sum('CNY', []).amount).toBe('0.00');
    });

    it('throws CurrencyMismatch when currencies differ', () => {
      const usd = Money.of('1', 'USD');
      expect(() => cny('1').add(usd)).toThrow(CurrencyMismatch);
      expect(() => cny('1').subtract(usd)).toThrow(new CurrencyMismatch('CNY', 'USD', 'Money.subtract'));
      expect(() => cny('1').lessThan(usd)).toThrow(CurrencyMismatch);
      expect(() => Money.sum('CNY', [usd])).toThrow(CurrencyMismatch);
    });
  });

  describe('allocation', () => {
    it('splits into equal parts with the leftover cents going to the first parts', () => {
      expect(amounts(cny('100.00').allocate(3))).toEqual(['33.34', '33.33', '33.33']);
      expect(amounts(cny('0.05').allocate(3))).toEqual(['0.02', '0.02', '0.01']);
      expect(amounts(Money.of('10', 'JPY').allocate(4))).toEqual(['3', '3', '2', '2']);
    });

    it('splits a negative amount symmetrically', () => {
      expect(amounts(cny('-100.00').allocate(3))).toEqual(['-33.34', '-33.33', '-33.33']);
    });

    it('splits by ratios with the largest remainders getting the leftover', () => {
      // shares of 100.00 by 1:2:3 are 16.666.., 33.333.., 50.00
      expect(amounts(cny('100.00').allocateByRatios([1, 2, 3]))).toEqual(['16.67', '33.33', '50.00']);
      expect(amounts(cny('10.00').allocateByRatios(['0.7', '0.3']))).toEqual(['7.00', '3.00']);
      expect(amounts(cny('0.05').allocateByRatios([3, 7]))).toEqual(['0.02', '0.03']);
    });

    it('gives nothing to a zero ratio', () => {
      expect(amounts(cny('0.01').allocateByRatios([0, 1, 1]))).toEqual(['0.00', '0.01', '0.00']);
    });

    it('splits a discount over order lines by their values', () => {
      const lineValues = [cny('1636.57'), cny('1830.61')];
      const parts = cny('300.00').allocateByRatios(lineValues.map((value) => value.amount));
      expect(amounts(parts)).toEqual(['141.61', '158.39']);
    });

    it('refuses impossible splits', () => {
      expect(() => cny('1').allocate(0)).toThrow(InvariantViolation);
      expect(() => cny('1').allocateByRatios([])).toThrow(InvariantViolation);
      expect(() => cny('1').allocateByRatios([0, 0])).toThrow(InvariantViolation);
      expect(() => cny('1').allocateByRatios([1, -1, 2])).toThrow(InvariantViolation);
      expect(() => cny('1.005').allocate(2)).toThrow(InvariantViolation);
    });
  });

  describe('comparison', () => {
    it('compares amounts of one currency', () => {
      expect(cny('1.00').lessThan(cny('1.01'))).toBe(true);
      expect(cny('1.01').greaterThan(cny('1.00'))).toBe(true);
      expect(cny('1.00').lessThanOrEqual(cny('1'))).toBe(true);
      expect(cny('1.00').greaterThanOrEqual(cny('1.01'))).toBe(false);
      expect(cny('2').compare(cny('1'))).toBe(1);
      expect(cny('1').compare(cny('1.0'))).toBe(0);
    });

    it('treats amounts with different scales as equal values', () => {
      expect(cny('12.5').equals(cny('12.50'))).toBe(true);
    });

    it('says two currencies are unequal rather than throwing', () => {
      expect(cny('1').equals(Money.of('1', 'USD'))).toBe(false);
    });

    it('knows zero, negative and positive', () => {
      expect([cny('0').isZero(), cny('0').isNegative(), cny('0').isPositive()]).toEqual([true, false, false]);
      expect([cny('-0.01').isNegative(), cny('0.01').isPositive()]).toEqual([true, true]);
    });
  });

  describe('serialisation', () => {
    it('serialises to JSON with the amount as text, never a float', () => {
      expect(JSON.stringify({ total: cny('3810') })).toBe('{"total":{"amount":"3810.00","currency":"CNY"}}');
    });

    it('reads back what it wrote', () => {
      const money = Money.of('-1234.5678', 'USD');
      expect(Money.fromJSON(money.toJSON()).equals(money)).toBe(true);
      expect(Money.fromJSON(money.toJSON()).amount).toBe('-1234.5678');
    });
  });
});
