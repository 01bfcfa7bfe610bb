import { callbackSignature, isCallbackSignatureValid } from './nomad-pilot.callback-signature';

/**
 * Known answers computed outside this code (coreutils `md5sum`, `openssl dgst -hmac`) over the
 * QiMen recipe: secret + sorted name/value pairs + body + secret.
 */
describe('the QiMen callback signature', () => {
  const secret = 'sandbox-secret';
  const body = '<request><deliveryOrder><deliveryOrderCode>TM1</deliveryOrderCode><status>DELIVERED</status></deliveryOrder></request>';
  // Given in a shuffled order, with `sign` itself and an empty parameter, which are not signed.
  const params = {
    v: '2.0',
    timestamp: '2024-09-01 18:30:00',
    sign: 'whatever the sender put',
    method: 'taobao.qimen.deliveryorder.confirm',
    customerId: 'C1',
    format: 'xml',
    sign_method: 'md5',
    app_key: '12345',
    session: '',
  };

  it('signs md5(secret + sorted params + body + secret) as uppercase hex', () => {
    expect(callbackSignature('md5', secret, params, body)).toBe('F3184B7F458EC80CC275FB8D2721CBB7');
  });

  it('signs HMAC-MD5 and HMAC-SHA256 keyed with the secret over sorted params + body', () => {
    expect(callbackSignature('hmac-md5', secret, params, body)).toBe('4C2CDACEC774C08D118C3DA3882C7155');
    expect(callbackSignature('hmac-sha256', secret, params, body)).toBe('67092D63673A1DBD3FD27DCD709F12E97A45189E07A263CBE845C81911DD513C');
  });

  it('accepts the right signature in either case and refuses a changed body, parameter, secret or length', () => {
    expect(isCallbackSignatureValid('md5', secret, params, body, 'f3184b7f458ec80cc275fb8d2721cbb7')).toBe(true);
    expect(isCallbackSignatureValid('md5', secret, params, `${body} `, 'F3184B7F458EC80CC275FB8D2721CBB7')).toBe(false);
    expect(isCallbackSignatureValid('md5', secret, { ...params, customerId: 'C2' }, body, 'F3184B7F458EC80CC275FB8D2721CBB7')).toBe(false);
    expect(isCallbackSignatureValid('md5', 'other-secret', params, body, 'F3184B7F458EC80CC275FB8D2721CBB7')).toBe(false);
    expect(isCallbackSignatureValid('md5', secret, params, body, 'F3184B7F')).toBe(false);
  });
});
