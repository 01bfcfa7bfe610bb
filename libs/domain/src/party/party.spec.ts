import { InvariantViolation } from '../errors/invariant-violation.error';
import { createAddress } from './address';
import { createParty, PII_FIELDS } from './party';

describe('Party', () => {
  it('builds a consignee from a Nengmao order, trimming every field', () => {
    const party = createParty({
      name: '胡轩',
      phone: '135*******9',
      mobile: '135*******9',
      address: {
        country: '中国',
        province: '广东省',
        city: '深圳市',
        district: '福田区',
        street: ' 梅林街道 翰岭院111栋11B',
        postcode: '000000',
      },
    });
    expect(party).toEqual({
      name: '胡轩',
      phone: '135*******9',
      mobile: '135*******9',
      address: {
        country: '中国',
        province: '广东省',
        city: '深圳市',
        district: '福田区',
        street: '梅林街道 翰岭院111栋11B',
        postcode: '000000',
      },
    });
  });

  it('drops blank optional fields instead of keeping empty strings', () => {
    expect(createParty({ name: 'abc123', phone: '', email: '  ', idNumber: null })).toEqual({ name: 'abc123', address: {} });
  });

  it('refuses a party without a name', () => {
    expect(() => createParty({ name: ' ' }, 'consignee')).toThrow(new InvariantViolation('consignee.name', 'must not be empty'));
  });

  it('refuses an email without an at sign', () => {
    expect(() => createParty({ name: 'A', email: 'not-an-email' })).toThrow(InvariantViolation);
  });

  it('normalises the country code of an address to alpha-2 and refuses unknown ones', () => {
    expect(createAddress({ country: 'France', countryCode: 'FRA' }).countryCode).toBe('FR');
    expect(() => createAddress({ countryCode: 'ZZ' }, 'consignee.address')).toThrow(
      expect.objectContaining({ field: 'consignee.address.countryCode' }),
    );
  });

  it('is immutable', () => {
    const party = createParty({ name: 'A' });
    expect(Object.isFrozen(party)).toBe(true);
  });

  it('lists its personal-data fields', () => {
    expect(PII_FIELDS.party).toEqual(['name', 'phone', 'mobile', 'email', 'idNumber']);
    expect(PII_FIELDS.address).toEqual(['street', 'addressLine2']);
  });
});
