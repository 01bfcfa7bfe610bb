import { nomadEnvoyAuthHeaders } from './nomad-envoy.signer';

// Expected values computed independently (Python hmac/hashlib) from the gateway recipe:
// base64(HMAC-SHA256(secret, METHOD\nAccept\nContent-MD5\nContent-Type\nDate\n<x-ca-* headers>\n<path?sorted query>)).
describe('Nomad gateway signature as the Envoy connector sends it', () => {
  const auth = { caKey: 'demo-ca-key', stage: 'TEST', signing: 'gateway' as const, appSecret: 'demo-app-secret' };
  const now = () => 1_700_000_000_000;

  it('signs a GET with the sorted query and no body (known answer)', () => {
    const headers = nomadEnvoyAuthHeaders(
      auth,
      {
        method: 'GET',
        url: 'http://127.0.0.1:4100/envoy/order/samarkand.youzan.test?page_size=100&page_no=1',
        body: '',
        accept: 'application/json',
      },
      now,
      () => 'nonce-1',
    );
    expect(headers).toEqual({
      accept: 'application/json',
      'x-ca-key': 'demo-ca-key',
      'x-ca-stage': 'TEST',
      'x-ca-timestamp': '1700000000000',
      'x-ca-nonce': 'nonce-1',
      'x-ca-signature-method': 'HmacSHA256',
      'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-timestamp',
      'x-ca-signature': 'wvDvg+jHo4qxu716Uub8UwsekMVtMHmzpjOCsKMpiNU=',
    });
  });

  it('signs a JSON POST through its content-md5 (known answer)', () => {
    const headers = nomadEnvoyAuthHeaders(
      auth,
      {
        method: 'POST',
        url: 'http://127.0.0.1:4100/envoy/order/samarkand.youzan.test',
        body: '{"clientOrderRef":"TM1","payAmount":10.10}',
        accept: 'application/json',
        contentType: 'application/json;charset=UTF-8',
      },
      now,
      () => 'nonce-2',
    );
    expect(headers['content-md5']).toBe('V8V7sBhEt01CLeXyXIfZAA==');
    expect(headers['x-ca-signature']).toBe('L1vUZA1wYnwXIlyaV45W+7a/zyAR1QVuKhWmUzmlBZc=');
  });

  it('makes every attempt unique: a new nonce and timestamp give a new signature', () => {
    const request = { method: 'GET', url: 'http://h/envoy/order/s', body: '', accept: 'application/json' };
    const first = nomadEnvoyAuthHeaders(
      auth,
      request,
      () => 1,
      () => 'a',
    );
    const second = nomadEnvoyAuthHeaders(
      auth,
      request,
      () => 2,
      () => 'b',
    );
    expect(first['x-ca-signature']).not.toBe(second['x-ca-signature']);
  });

  it('sends only the documented key headers when signing is off', () => {
    const headers = nomadEnvoyAuthHeaders(
      { caKey: 'demo-ca-key', signing: 'none' },
      { method: 'GET', url: 'http://h/x', body: '', accept: 'application/json' },
    );
    expect(headers).toEqual({ accept: 'application/json', 'x-ca-key': 'demo-ca-key' });
  });
});
