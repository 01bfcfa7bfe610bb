import { InvariantViolation } from '../errors/invariant-violation.error';
import { createCustomsInfo } from './customs-info';

describe('CustomsInfo', () => {
  it('keeps valid customs data and normalises the origin to alpha-2', () => {
    expect(
      createCustomsInfo({ hsCode: '7606929900', originCountry: 'USA', customsUnit: '142', filingId: 'ABCDE29102918171', taxRate: '0.091' }),
    ).toEqual({ hsCode: '7606929900', originCountry: 'US', customsUnit: '142', filingId: 'ABCDE29102918171', taxRate: '0.091' });
  });

  it('strips separators from HS codes', () => {
    expect(createCustomsInfo({ hsCode: '3304.99.00' }).hsCode).toBe('33049900');
  });

  it.each(['12345', '12345678901', '3304AB', '33-04-99'])('refuses the HS code %p', (hsCode) => {
    expect(() => createCustomsInfo({ hsCode }, 'skus[0].customs')).toThrow(expect.objectContaining({ field: 'skus[0].customs.hsCode' }));
  });

  it('refuses an unknown origin country', () => {
    expect(() => createCustomsInfo({ originCountry: 'France' })).toThrow(expect.objectContaining({ field: 'customs.originCountry' }));
  });

  it('accepts tax rates from 0 to 1 and refuses others', () => {
    expect(createCustomsInfo({ taxRate: '0' }).taxRate).toBe('0');
    expect(createCustomsInfo({ taxRate: 1 }).taxRate).toBe('1');
    expect(createCustomsInfo({ taxRate: '0.1190' }).taxRate).toBe('0.119');
    for (const taxRate of ['1.01', '-0.1', '9.1%']) {
      expect(() => createCustomsInfo({ taxRate })).toThrow(InvariantViolation);
    }
  });

  it('drops blank fields', () => {
    expect(createCustomsInfo({ hsCode: '', originCountry: ' ', customsUnit: null })).toEqual({});
  });
});
