/**
 * Counts failed callback authentications per source address (ADR 0012). An address that fails
 * `limit` times within `windowMs` is blocked for `windowMs`: all its callbacks are answered 429,
 * right or wrong, so keys and store names cannot be guessed at speed. In memory, per process, and
 * bounded: past `maxTracked` addresses the oldest entries are forgotten.
 */
export class CallbackAuthThrottle {
  private readonly addresses = new Map<string, { windowStartMs: number; failures: number; blockedUntilMs: number; reported: boolean }>();

  constructor(
    private readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxTracked = 10_000,
  ) {}

  /** Whether the address is blocked now; `firstRefusal` is true once per block, for one audit line rather than thousands. */
  check(address: string): { readonly blocked: boolean; readonly firstRefusal: boolean } {
    const entry = this.addresses.get(address);
    if (entry === undefined || entry.blockedUntilMs <= this.now()) return { blocked: false, firstRefusal: false };
    const firstRefusal = !entry.reported;
    entry.reported = true;
    return { blocked: true, firstRefusal };
  }

  recordFailure(address: string): void {
    const nowMs = this.now();
    let entry = this.addresses.get(address);
    if (entry === undefined || nowMs - entry.windowStartMs >= this.windowMs) {
      this.addresses.delete(address);
      entry = { windowStartMs: nowMs, failures: 0, blockedUntilMs: 0, reported: false };
      this.forgetOldestIfFull();
      this.addresses.set(address, entry);
    }
    entry.failures += 1;
    if (entry.failures >= this.limit && entry.blockedUntilMs <= nowMs) {
      entry.blockedUntilMs = nowMs + this.windowMs;
      entry.reported = false;
    }
  }

  private forgetOldestIfFull(): void {
    if (this.addresses.size < this.maxTracked) return;
    // Insertion order is age order: drop the oldest tenth in one go.
    let drop = Math.ceil(this.maxTracked / 10);
    for (const key of this.addresses.keys()) {
      if (drop-- <= 0) break;
      this.addresses.delete(key);
    }
  }
}
