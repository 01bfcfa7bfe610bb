import { clearedSessionCookie, readCookie, sessionCookie, SESSION_COOKIE } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, scoped to the whole site and expires with the session', () => {
    const cookie = sessionCookie('tok', { maxAgeSeconds: 3600, secure: false });
    expect(cookie).toBe(`${SESSION_COOKIE}=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600`);
  });

  it('is marked Secure when the page came over TLS', () => {
    expect(sessionCookie('tok', { maxAgeSeconds: 1, secure: true })).toMatch(/; Secure$/);
  });

  it('is cleared with an empty value and Max-Age=0', () => {
    expect(clearedSessionCookie(false)).toContain(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
  });

  it('is read from a Cookie header among others, with odd spacing and quotes, and absent when empty', () => {
    expect(readCookie(`a=1;  ${SESSION_COOKIE}="abc" ; b=2`, SESSION_COOKIE)).toBe('abc');
    expect(readCookie(`x${SESSION_COOKIE}=nope; b=2`, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(`${SESSION_COOKIE}=`, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});
