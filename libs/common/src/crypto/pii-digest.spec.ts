import { PiiDigest } from './pii-digest';

describe('PiiDigest', () => {
  const digest = new PiiDigest(Buffer.alloc(32, 9).toString('base64'));

  it('gives the same digest for the same phone however it is written', () => {
    expect(digest.phone('+86 138-0013-8000')).toBe(digest.phone('13800138000'));
    expect(digest.phone('0086 13800138000')).toBe(digest.phone('13800138000'));
  });

  it('does not contain the phone and differs between phones and keys', () => {
    expect(digest.phone('13800138000')).not.toContain('13800138000');
    expect(digest.phone('13800138000')).not.toBe(digest.phone('13800138001'));
    expect(new PiiDigest(Buffer.alloc(32, 1).toString('base64')).phone('13800138000')).not.toBe(digest.phone('13800138000'));
  });
});
