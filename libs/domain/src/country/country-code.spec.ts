import { InvariantViolation } from '../errors/invariant-violation.error';
import { knownCountryCodes, normalizeCountryCode } from './country-code';

describe('country codes', () => {
  it('knows all 249 ISO 3166-1 countries once each', () => {
    const codes = knownCountryCodes();
    expect(codes).toHaveLength(249);
    expect(new Set(codes).size).toBe(249);
  });

  it.each([
    ['USA', 'US'],
    ['usa', 'US'],
    ['US', 'US'],
    ['CHN', 'CN'],
    ['GBR', 'GB'],
    ['FRA', 'FR'],
    ['DEU', 'DE'],
    ['JPN', 'JP'],
    ['KOR', 'KR'],
    ['HKG', 'HK'],
    ['AUS', 'AU'],
    [' it ', 'IT'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normalizeCountryCode(input)).toBe(expected);
  });

  it.each(['UK', 'XX', 'USAA', 'France', '中国', ''])('refuses %p, which is no ISO 3166-1 code', (input) => {
    expect(() => normalizeCountryCode(input, 'customs.originCountry')).toThrow(expect.objectContaining({ field: 'customs.originCountry' }));
    expect(() => normalizeCountryCode(input)).toThrow(InvariantViolation);
  });
});
