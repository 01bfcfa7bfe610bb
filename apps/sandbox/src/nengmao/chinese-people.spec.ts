import { ChinesePeopleGenerator, chineseIdCardCheckCharacter, isValidChineseIdCard } from '../core/chinese-people';
import { SeededRandom } from '../core/seeded-random';

// Beside the Nengmao simulator, which owns core/chinese-people.ts, rather than in core/ (owned by others).
describe('ChinesePeopleGenerator', () => {
  it('computes the ID card check character of the GB 11643 example', () => {
    expect(chineseIdCardCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidChineseIdCard('11010519491231002X')).toBe(true);
    expect(isValidChineseIdCard('110105194912310021')).toBe(false);
  });

  it('makes people with valid ID cards, 1[3-9]x mobiles and real addresses', () => {
    const people = new ChinesePeopleGenerator(new SeededRandom(42));
    for (let i = 0; i < 500; i += 1) {
      const person = people.person();
      expect(person.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(person.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(isValidChineseIdCard(person.idCardNumber)).toBe(true);
      expect(person.idCardNumber.slice(0, 6)).toBe(person.address.divisionCode);
      expect(person.address.zipcode).toMatch(/^\d{6}$/);
      expect(person.address.province).toMatch(/[省市]$/);
    }
  });

  it('makes the same people from the same seed', () => {
    const a = new ChinesePeopleGenerator(new SeededRandom(7));
    const b = new ChinesePeopleGenerator(new SeededRandom(7));
    expect(Array.from({ length: 20 }, () => a.person())).toEqual(Array.from({ length: 20 }, () => b.person()));
  });
});
