import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprints for idempotency keys', () => {
  it('are the same for bodies that differ only in key order', () => {
    expect(requestFingerprint('POST', '/api/v1/orders/1/hold', { reason: 'fraud', note: { a: 1, b: 2 } })).toBe(
      requestFingerprint('post', '/api/v1/orders/1/hold', { note: { b: 2, a: 1 }, reason: 'fraud' }),
    );
  });

  it('differ when the body, the path or the method differs', () => {
    const base = requestFingerprint('POST', '/api/v1/orders/1/hold', { reason: 'fraud' });
    expect(requestFingerprint('POST', '/api/v1/orders/1/hold', { reason: 'address' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/orders/2/hold', { reason: 'fraud' })).not.toBe(base);
    expect(requestFingerprint('PUT', '/api/v1/orders/1/hold', { reason: 'fraud' })).not.toBe(base);
  });

  it('keeps array order, which carries meaning', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
  });
});
