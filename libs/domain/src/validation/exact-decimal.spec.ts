import { InvariantViolation } from '../errors/invariant-violation.error';
import { formatExactDecimal, parseExactDecimal } from './exact-decimal';

describe('exact decimals', () => {
  it('reads text, bigint and safe integers exactly', () => {
    expect(formatExactDecimal(parseExactDecimal('0.1', 'x').plus(parseExactDecimal('0.2', 'x')))).toBe('0.3');
    expect(formatExactDecimal(parseExactDecimal(10n ** 25n, 'x'))).toBe('10000000000000000000000000');
    expect(formatExactDecimal(parseExactDecimal(42, 'x'))).toBe('42');
  });

  it('refuses JS numbers with a fractional part and names the field', () => {
    expect(() => parseExactDecimal(0.5, 'weight.value')).toThrow(expect.objectContaining({ field: 'weight.value' }));
  });

  it('refuses exponent notation and stray characters', () => {
    for (const text of ['1e5', '1,5', ' 1', '1.', '']) expect(() => parseExactDecimal(text, 'x')).toThrow(InvariantViolation);
  });

  it('prints without exponent or trailing zeros, and zero without a sign', () => {
    expect(formatExactDecimal(parseExactDecimal('0.000000000000000001', 'x'))).toBe('0.000000000000000001');
    expect(formatExactDecimal(parseExactDecimal('2.500', 'x'))).toBe('2.5');
    expect(formatExactDecimal(parseExactDecimal('-0.0', 'x'))).toBe('0');
  });
});
