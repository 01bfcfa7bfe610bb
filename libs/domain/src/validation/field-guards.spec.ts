import { InvariantViolation } from '../errors/invariant-violation.error';
import { optionalText, requireNonNegativeInteger, requireOneOf, requirePositiveInteger, requireText, requireUuid } from './field-guards';

describe('field guards', () => {
  it('trims required text and refuses blank text with the field name', () => {
    expect(requireText('  SKU-1 ', 'sku')).toBe('SKU-1');
    expect(() => requireText('   ', 'sku')).toThrow(new InvariantViolation('sku', 'must not be empty'));
  });

  it('treats missing and blank optional text as not given', () => {
    expect(optionalText(undefined, 'x')).toBeUndefined();
    expect(optionalText(null, 'x')).toBeUndefined();
    expect(optionalText('  ', 'x')).toBeUndefined();
    expect(optionalText(' a ', 'x')).toBe('a');
  });

  it('accepts UUIDs in any case and normalises them to lower case', () => {
    expect(requireUuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'id')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(() => requireUuid('order-1', 'id')).toThrow(InvariantViolation);
  });

  it('refuses zero, negative and fractional quantities where a positive integer is required', () => {
    expect(requirePositiveInteger(3, 'q')).toBe(3);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => requirePositiveInteger(bad, 'q')).toThrow(InvariantViolation);
    }
  });

  it('accepts zero but not negatives where a non-negative integer is required', () => {
    expect(requireNonNegativeInteger(0, 'q')).toBe(0);
    expect(() => requireNonNegativeInteger(-1, 'q')).toThrow(InvariantViolation);
    expect(() => requireNonNegativeInteger(0.5, 'q')).toThrow(InvariantViolation);
  });

  it('narrows a string to one of the allowed literals', () => {
    expect(requireOneOf('kg', ['kg', 'g'] as const, 'unit')).toBe('kg');
    expect(() => requireOneOf('oz', ['kg', 'g'] as const, 'unit')).toThrow(new InvariantViolation('unit', 'must be one of kg, g, got oz'));
  });
});
