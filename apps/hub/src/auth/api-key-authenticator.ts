import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, ApiKeyScope } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { hashApiKey } from './api-key-secret';
import { VerifiedKeyCache } from './verified-key-cache';

export interface ApiKeyPrincipal {
  readonly keyId: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
}

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;
/** `last_used_at` is for operators ("is this key still used?"): a minute's precision is plenty, a write per request is not. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Finds the key behind an `Authorization: Bearer` header. The key is hashed and looked up by its
 * hash, so no comparison ever runs over the secret and timing reveals nothing about it. A key the
 * database confirmed is believed for up to a second (VerifiedKeyCache, ADR 0023): a revocation
 * through this process is seen at once, any other within that second.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly touchedAt = new Map<string, number>();
  private readonly verified = new VerifiedKeyCache<ApiKeyPrincipal>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
  ) {}

  async authenticate(authorization: string | undefined): Promise<ApiKeyPrincipal | undefined> {
    const presented = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
    if (presented === undefined) return undefined;
    const hash = hashApiKey(presented);
    const known = this.verified.get(hash);
    if (known !== undefined) return known;
    const key = await this.keys.findActiveByHash(this.dataSource.manager, hash);
    if (!key) return undefined;
    const now = Date.now();
    if ((this.touchedAt.get(key.id) ?? 0) + TOUCH_EVERY_MS <= now) {
      this.touchedAt.set(key.id, now);
      await this.keys.touch(this.dataSource.manager, key.id);
    }
    const principal: ApiKeyPrincipal = { keyId: key.id, name: key.name, scopes: key.scopes };
    this.verified.remember(hash, key.id, principal);
    return principal;
  }

  /** The key was revoked by this process: its next request is checked against the database. */
  forgetKey(keyId: string): void {
    this.verified.forgetKey(keyId);
  }
}
