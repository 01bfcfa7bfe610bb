import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AdminSessionRepository, ApiKeyRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import type { ApiKeyPrincipal } from '../auth/api-key-authenticator';
import { hashApiKey } from '../auth/api-key-secret';
import { readCookie, SESSION_COOKIE } from './session-cookie';

/** A session lives at most this long, and dies sooner after this much idleness. */
export const SESSION_MAX_AGE_MS = 12 * 3_600_000;
export const SESSION_IDLE_MS = 2 * 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const KEY = /^[\x21-\x7e]{1,512}$/;

export interface AdminSessionPrincipal extends ApiKeyPrincipal {
  readonly csrfToken: string;
}

export interface StartedSession {
  readonly token: string;
  readonly principal: AdminSessionPrincipal;
}

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** Compares without revealing, through timing, how much of the guess was right. */
export function sameToken(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(sha256(expected), 'hex');
  const b = Buffer.from(sha256(presented), 'hex');
  return timingSafeEqual(a, b);
}

/**
 * The back office logs in with an API key once and then carries a session cookie: the key is
 * never kept in the browser. The session has the key's scopes, read afresh on every request, so
 * revoking the key ends its sessions at once. Unsafe requests must also echo the session's CSRF
 * token in a header, which another site's page can neither read nor forge.
 */
@Injectable()
export class AdminSessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly sessions: AdminSessionRepository,
  ) {}

  async login(presentedKey: unknown): Promise<StartedSession | undefined> {
    if (typeof presentedKey !== 'string' || !KEY.test(presentedKey.trim())) return undefined;
    const db = this.dataSource.manager;
    const key = await this.keys.findActiveByHash(db, hashApiKey(presentedKey.trim()));
    if (!key) return undefined;
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.sessions.deleteExpired(db);
    await this.sessions.create(db, {
      tokenHash: sha256(token),
      apiKeyId: key.id,
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_MS),
    });
    await this.keys.touch(db, key.id);
    return { token, principal: { keyId: key.id, name: key.name, scopes: key.scopes, csrfToken } };
  }

  /** The principal behind the request's session cookie, if the session is alive. */
  async fromCookieHeader(cookieHeader: string | undefined): Promise<AdminSessionPrincipal | undefined> {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (token === undefined || !TOKEN.test(token)) return undefined;
    const session = await this.sessions.findActive(this.dataSource.manager, sha256(token), SESSION_IDLE_MS);
    if (!session) return undefined;
    return { keyId: session.apiKeyId, name: session.keyName, scopes: session.scopes, csrfToken: session.csrfToken };
  }

  async logout(cookieHeader: string | undefined): Promise<void> {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (token === undefined || !TOKEN.test(token)) return;
    await this.sessions.delete(this.dataSource.manager, sha256(token));
  }
}
