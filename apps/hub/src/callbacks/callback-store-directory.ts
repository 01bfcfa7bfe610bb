import { CredentialCipher } from '@serai/common';
import { CALLBACK_STORE_PATTERN, PilotCallbackSettings, readPilotCallbackSettings } from '@serai/connectors';
import { ConnectionRepository } from '@serai/persistence';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';

/** The connection a callback store belongs to, with its callback settings (secrets in memory only). */
export interface CallbackReceiverEntry {
  readonly connectionId: string;
  readonly connectionName: string;
  readonly enabled: boolean;
  readonly settings: PilotCallbackSettings;
}

/** A store that more than one connection claims, or whose connection's callback settings are unusable: an operator must fix it. */
export class CallbackStoreMisconfigured extends Error {
  constructor(
    readonly store: string,
    reason: string,
  ) {
    super(`callback store ${store}: ${reason}`);
    this.name = 'CallbackStoreMisconfigured';
  }
}

type Lookup = CallbackReceiverEntry | undefined;

/**
 * Resolves `{store}` of `POST /callback/{store}` to its connection through `options.callbackStores`
 * (ADR 0012), caching each answer (unknown stores too) for `ttlMs`, so the hot path makes no query
 * and a flood of made-up store names makes at most one per name and period. A connection change
 * (new key, store moved) takes effect within `ttlMs` on every hub instance; concurrent misses of
 * one store share one query.
 */
export class CallbackStoreDirectory {
  private readonly cache = new Map<string, { lookup: Lookup; expiresAtMs: number }>();
  private readonly pending = new Map<string, Promise<Lookup>>();

  constructor(
    private readonly db: EntityManager,
    private readonly connections: ConnectionRepository,
    private readonly cipher: CredentialCipher,
    private readonly logger: Logger,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxCached = 1_000,
  ) {}

  /** The receiver of this store; undefined when none is configured. Throws when the database cannot be read. */
  async resolve(store: string): Promise<Lookup> {
    if (!CALLBACK_STORE_PATTERN.test(store)) return undefined;
    const cached = this.cache.get(store);
    if (cached !== undefined && cached.expiresAtMs > this.now()) return cached.lookup;
    const inFlight = this.pending.get(store);
    if (inFlight !== undefined) return inFlight;
    const loading = this.load(store).finally(() => this.pending.delete(store));
    this.pending.set(store, loading);
    return loading;
  }

  /** Forgets every cached answer (after a local connection change, or in tests). */
  invalidate(): void {
    this.cache.clear();
  }

  private async load(store: string): Promise<Lookup> {
    const rows = await this.connections.findByCallbackStore(this.db, store);
    if (rows.length > 1) throw new CallbackStoreMisconfigured(store, `claimed by ${rows.map((row) => row.name).join(', ')}`);
    const row = rows[0];
    let lookup: Lookup;
    if (row !== undefined) {
      const { settings, problems } = readPilotCallbackSettings({
        options: row.options,
        credentials: this.cipher.decrypt(row.encryptedCredentials),
      });
      if (problems.length > 0) throw new CallbackStoreMisconfigured(store, `${row.name}: ${problems.join('; ')}`);
      lookup = { connectionId: row.id, connectionName: row.name, enabled: row.enabled, settings };
    }
    if (this.ttlMs > 0) {
      if (this.cache.size >= this.maxCached) this.cache.clear();
      this.cache.set(store, { lookup, expiresAtMs: this.now() + this.ttlMs });
    }
    this.logger.debug({ store, connection: row?.name ?? null }, 'callback store looked up');
    return lookup;
  }
}
