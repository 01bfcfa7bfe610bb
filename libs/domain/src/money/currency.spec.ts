import { InvariantViolation } from '../errors/invariant-violation.error';
import { minorUnitDigits, requireCurrencyCode } from './currency';

describe('currency', () => {
  it.each([
    ['CNY', 2],
    ['USD', 2],
    ['GBP', 2],
    ['EUR', 2],
    ['HKD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['AUD', 2],
  ])('knows %s has %i minor-unit digits', (code, digits) => {
    expect(minorUnitDigits(code)).toBe(digits);
  });

  it.each(['cny', 'CN', 'CNYY', '', '12A', ' CNY'])('refuses the malformed code %p', (code) => {
    expect(() => requireCurrencyCode(code)).toThrow(InvariantViolation);
  });

  it('names the field it validated', () => {
    expect(() => requireCurrencyCode('yuan', 'amounts.currency')).toThrow(expect.objectContaining({ field: 'amounts.currency' }));
  });
});
