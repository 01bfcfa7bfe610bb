import { REDACTED, redactSecrets, redactString } from './redact-secrets';

describe('redactSecrets', () => {
  it('masks secret keys at any depth, whatever their case', () => {
    const out = redactSecrets({
      headers: { appKey: 'k1', appSecret: 'topsecret', sign: 'abc', 'X-Ca-Signature': 'sig' },
      nested: [{ password: 'pw', keep: 'visible' }],
    });
    expect(out).toEqual({
      headers: { appKey: 'k1', appSecret: REDACTED, sign: REDACTED, 'X-Ca-Signature': REDACTED },
      nested: [{ password: REDACTED, keep: 'visible' }],
    });
  });

  it('masks secrets carried in URLs', () => {
    expect(redactString('https://api.nengmao.net/api/x?appKey=a&appSecret=s3cret&sign=f00')).toBe(
      `https://api.nengmao.net/api/x?appKey=a&appSecret=${REDACTED}&sign=${REDACTED}`,
    );
    expect(redactString('postgres://serai:pa55@db:5432/serai')).toBe(`postgres://serai:${REDACTED}@db:5432/serai`);
  });

  it('does not modify its input', () => {
    const input = { appSecret: 'x' };
    redactSecrets(input);
    expect(input.appSecret).toBe('x');
  });

  it('masks error messages and stacks', () => {
    const out = redactSecrets(new Error('GET /x?appSecret=leak failed'));
    expect(out.message).not.toContain('leak');
    expect(out.stack).not.toContain('leak');
  });
});
