/** How long a key found in the database is believed without asking again (ADR 0023). */
export const VERIFIED_KEY_TTL_MS = 1_000;
/** Distinct keys remembered at once; beyond it the oldest entry goes first. */
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  readonly value: T;
  readonly keyId: string;
  readonly until: number;
}

/**
 * API keys the database confirmed a moment ago, by the hash of the presented secret (never the
 * secret itself), so a burst of requests with one key costs one lookup a second instead of one
 * per request. Only positive answers are kept: an unknown or revoked key always goes to the
 * database. A revocation made by this process is seen at once (`forgetKey`); one made by another
 * instance, or directly in the database, within `ttlMs`.
 */
export class VerifiedKeyCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number = VERIFIED_KEY_TTL_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly maxEntries: number = MAX_ENTRIES,
  ) {}

  get(hash: string): T | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.entries.delete(hash);
    return undefined;
  }

  remember(hash: string, keyId: string, value: T): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(hash);
    if (this.entries.size >= this.maxEntries) this.evictOldest();
    this.entries.set(hash, { value, keyId, until: this.now() + this.ttlMs });
  }

  /** Drops every entry of this key (it was revoked here): its next request asks the database. */
  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.keyId === keyId) this.entries.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries are (re)inserted in time order with one lifetime, so the first is the oldest. */
  private evictOldest(): void {
    for (const hash of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) return;
      this.entries.delete(hash);
    }
  }
}
