import fc from 'fast-check';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Weight } from './weight';

describe('Weight', () => {
  it('converts grams and pounds to kilograms exactly', () => {
    expect(Weight.of('250', 'g').toKilograms().toJSON()).toEqual({ value: '0.25', unit: 'kg' });
    expect(Weight.of('1', 'lb').toKilograms().value).toBe('0.45359237');
    expect(Weight.of('2.5', 'lb').toKilograms().value).toBe('1.133980925');
    expect(Weight.of('30.3', 'kg').toKilograms().value).toBe('30.3');
  });

  it('compares weights across units', () => {
    expect(Weight.of('1000', 'g').equals(Weight.of('1', 'kg'))).toBe(true);
    expect(Weight.of('1', 'lb').isHeavierThan(Weight.of('453', 'g'))).toBe(true);
    expect(Weight.of('1', 'lb').isHeavierThan(Weight.of('454', 'g'))).toBe(false);
  });

  it('refuses negative weights, float numbers and unknown units', () => {
    expect(() => Weight.of('-1', 'kg')).toThrow(InvariantViolation);
    expect(() => Weight.of(0.5, 'kg')).toThrow(InvariantViolation);
    expect(() => Weight.of('1', 'oz' as 'kg', 'skus[0].netWeight')).toThrow(expect.objectContaining({ field: 'skus[0].netWeight.unit' }));
  });

  it('reads back its JSON', () => {
    expect(Weight.fromJSON(Weight.of('0.500', 'kg').toJSON()).toJSON()).toEqual({ value: '0.5', unit: 'kg' });
  });

  it('converts grams to kilograms without drift for any gram count', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (grams) => {
        const kilograms = Weight.of(grams, 'g').toKilograms();
        expect(Weight.of(kilograms.value, 'kg').equals(Weight.of(grams, 'g'))).toBe(true);
      }),
    );
  });
});
