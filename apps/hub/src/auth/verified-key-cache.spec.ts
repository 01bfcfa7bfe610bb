import { VERIFIED_KEY_TTL_MS, VerifiedKeyCache } from './verified-key-cache';

describe('verified API keys, believed for a short time', () => {
  let clock = 0;
  const cache = (ttlMs = VERIFIED_KEY_TTL_MS, maxEntries = 100): VerifiedKeyCache<string> =>
    new VerifiedKeyCache<string>(ttlMs, () => clock, maxEntries);

  beforeEach(() => {
    clock = 0;
  });

  it('answers a remembered key until its second is over, then forgets it', () => {
    const c = cache();
    c.remember('hash-a', 'key-a', 'principal-a');
    clock = VERIFIED_KEY_TTL_MS - 1;
    expect(c.get('hash-a')).toBe('principal-a');
    clock = VERIFIED_KEY_TTL_MS;
    expect(c.get('hash-a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('never answers a hash it was not told about', () => {
    const c = cache();
    c.remember('hash-a', 'key-a', 'principal-a');
    expect(c.get('hash-b')).toBeUndefined();
  });

  it('forgets every entry of a revoked key at once, and only those', () => {
    const c = cache();
    c.remember('hash-a', 'key-a', 'principal-a');
    c.remember('hash-b', 'key-b', 'principal-b');
    c.forgetKey('key-a');
    expect(c.get('hash-a')).toBeUndefined();
    expect(c.get('hash-b')).toBe('principal-b');
  });

  it('restarts the lifetime when the database confirms the key again', () => {
    const c = cache();
    c.remember('hash-a', 'key-a', 'principal-a');
    clock = 900;
    c.remember('hash-a', 'key-a', 'principal-a');
    clock = 1_800;
    expect(c.get('hash-a')).toBe('principal-a');
  });

  it('holds at most its capacity, dropping the oldest entries first', () => {
    const c = cache(VERIFIED_KEY_TTL_MS, 3);
    for (const name of ['a', 'b', 'c', 'd']) {
      c.remember(`hash-${name}`, `key-${name}`, name);
      clock += 1;
    }
    expect(c.size).toBe(3);
    expect(c.get('hash-a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((name) => c.get(`hash-${name}`))).toEqual(['b', 'c', 'd']);
  });

  it('remembers nothing when its lifetime is zero', () => {
    const c = cache(0);
    c.remember('hash-a', 'key-a', 'principal-a');
    expect(c.get('hash-a')).toBeUndefined();
  });
});
