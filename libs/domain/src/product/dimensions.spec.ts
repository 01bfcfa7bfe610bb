import { InvariantViolation } from '../errors/invariant-violation.error';
import { Dimensions } from './dimensions';

describe('Dimensions', () => {
  it('converts inches and millimetres to centimetres exactly', () => {
    expect(Dimensions.of({ length: '10', width: '2.5', height: 1 }, 'in').toCentimetres().toJSON()).toEqual({
      length: '25.4',
      width: '6.35',
      height: '2.54',
      unit: 'cm',
    });
    expect(Dimensions.of({ length: '125', width: '80', height: '5' }, 'mm').toCentimetres().toJSON()).toEqual({
      length: '12.5',
      width: '8',
      height: '0.5',
      unit: 'cm',
    });
  });

  it('names the side that is wrong', () => {
    expect(() => Dimensions.of({ length: '1', width: '-2', height: '3' }, 'cm', 'skus[0].dimensions')).toThrow(
      new InvariantViolation('skus[0].dimensions.width', 'must not be negative'),
    );
    expect(() => Dimensions.of({ length: 1.5, width: 1, height: 1 }, 'cm')).toThrow(InvariantViolation);
  });

  it('reads back its JSON', () => {
    const box = Dimensions.of({ length: '30', width: '20', height: '10.5' }, 'cm');
    expect(Dimensions.fromJSON(box.toJSON()).toJSON()).toEqual(box.toJSON());
  });
});
