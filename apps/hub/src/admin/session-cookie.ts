export const SESSION_COOKIE = 'serai_session';

/** The value of one cookie from a Cookie header, or undefined. Quoted values and odd spacing are tolerated. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return value === '' ? undefined : value;
  }
  return undefined;
}

export interface SessionCookieOptions {
  readonly maxAgeSeconds: number;
  /** Set when the page is served over TLS, so the cookie never travels in clear. */
  readonly secure: boolean;
}

/** HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it). */
export function sessionCookie(token: string, options: SessionCookieOptions): string {
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', { maxAgeSeconds: 0, secure });
}
