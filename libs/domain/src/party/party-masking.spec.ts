import { createParty } from './party';
import { maskEmail, maskIdNumber, maskName, maskParty, maskPhone } from './party-masking';

describe('PII masking', () => {
  it('masks every personal field of a party and keeps the region readable', () => {
    const party = createParty({
      name: '胡轩',
      phone: '0755-88886666',
      mobile: '13512345678',
      email: 'hu.xuan@example.cn',
      idNumber: '11010119900307123X',
      address: {
        province: '广东省',
        city: '深圳市',
        district: '福田区',
        street: '梅林街道 翰岭院111栋11B',
        addressLine2: '11B',
        postcode: '518000',
      },
    });
    expect(maskParty(party)).toEqual({
      name: '胡*',
      phone: '*********6666',
      mobile: '*******5678',
      email: 'h***@example.cn',
      idNumber: '1****************X',
      address: { province: '广东省', city: '深圳市', district: '福田区', street: '***', addressLine2: '***', postcode: '518000' },
    });
  });

  it('leaves absent fields absent', () => {
    expect(maskParty(createParty({ name: 'John Smith' }))).toEqual({ name: 'J*', address: {} });
  });

  it('keeps the first character of a name only', () => {
    expect([maskName('胡轩'), maskName('John Smith'), maskName('李'), maskName('😀bc')]).toEqual(['胡*', 'J*', '*', '😀*']);
  });

  it('keeps the last four characters of a phone, masking short ones whole', () => {
    expect([maskPhone('13512345678'), maskPhone('+86 135 1234 5678'), maskPhone('1234'), maskPhone('')]).toEqual([
      '*******5678',
      '*************5678',
      '****',
      '',
    ]);
  });

  it('keeps already masked marketplace phones masked', () => {
    expect(maskPhone('135*******9')).toBe('*******'.concat('***9'));
  });

  it('keeps the first and last character of an ID number, masking short ones whole', () => {
    expect([maskIdNumber('110101199003071234'), maskIdNumber('AB'), maskIdNumber('ABC')]).toEqual(['1****************4', '**', 'A*C']);
  });

  it('keeps the mailbox initial and the domain of an email', () => {
    expect([maskEmail('alice@example.com'), maskEmail('@example.com'), maskEmail('garbage')]).toEqual(['a***@example.com', '***', '***']);
  });
});
