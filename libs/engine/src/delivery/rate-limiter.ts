import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimitPolicy {
  /** Sustained requests per second to one connection. */
  readonly requestsPerSecond: number;
  /** Calls in flight at once to one connection. */
  readonly maxConcurrency: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { requestsPerSecond: 20, maxConcurrency: 8 };

/**
 * A connection's own limit, from its options (`{ "rateLimit": { "requestsPerSecond": 50,
 * "maxConcurrency": 16 } }`), each field falling back to the worker's default. Values that are not
 * positive numbers are ignored rather than trusted: a typo must not unthrottle a provider.
 */
export function rateLimitFromOptions(options: Readonly<Record<string, unknown>> | undefined, fallback: RateLimitPolicy): RateLimitPolicy {
  const given = options?.rateLimit;
  if (typeof given !== 'object' || given === null) return fallback;
  const positive = (value: unknown, otherwise: number): number =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : otherwise;
  const raw = given as { requestsPerSecond?: unknown; maxConcurrency?: unknown };
  return {
    requestsPerSecond: positive(raw.requestsPerSecond, fallback.requestsPerSecond),
    maxConcurrency: Math.max(1, Math.floor(positive(raw.maxConcurrency, fallback.maxConcurrency))),
  };
}

/**
 * Token bucket (burst = one second's worth) plus a concurrency cap, per connection and per hub
 * process. A slow provider fills its own concurrency slots and no one else's.
 */
export class RateLimiter {
  private waitsAborted = false;
  private tokens: number;
  private lastRefill: number;
  private inFlight = 0;
  /** Callers of acquire() waiting for a concurrency slot, woken one per release(). */
  private readonly waiters: (() => void)[] = [];

  constructor(
    readonly policy: RateLimitPolicy = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = policy.requestsPerSecond;
    this.lastRefill = now();
  }

  get active(): number {
    return this.inFlight;
  }

  /** Free concurrency slots: how many more deliveries for this connection a worker may claim. */
  get capacity(): number {
    return Math.max(0, this.policy.maxConcurrency - this.inFlight);
  }

  /** Takes a slot and a token if both are free; otherwise says how long to wait for a token. */
  tryAcquire(): { readonly granted: true } | { readonly granted: false; readonly waitMs: number } {
    this.refill();
    if (this.inFlight >= this.policy.maxConcurrency) return { granted: false, waitMs: 10 };
    if (this.tokens < 1) return { granted: false, waitMs: Math.ceil(((1 - this.tokens) / this.policy.requestsPerSecond) * 1000) };
    this.tokens -= 1;
    this.inFlight += 1;
    return { granted: true };
  }

  /**
   * Waits (in this process, not in the database) for a slot and a token, at most `maxWaitMs`.
   * Answers whether it got them; if not, says how long the caller should stay away.
   */
  async acquire(maxWaitMs: number): Promise<{ readonly granted: true } | { readonly granted: false; readonly waitMs: number }> {
    const deadline = this.now() + maxWaitMs;
    for (;;) {
      const permit = this.tryAcquire();
      if (permit.granted) return permit;
      // The worker is stopping: waiting callers give their delivery back to the queue at once.
      if (this.waitsAborted) return permit;
      const remaining = deadline - this.now();
      if (remaining <= 0 || permit.waitMs > remaining) return permit;
      if (this.inFlight >= this.policy.maxConcurrency) await this.slotFreedOr(remaining);
      else await sleep(permit.waitMs);
    }
  }

  /** Wakes every caller waiting for a slot or a token and makes further waits return at once (until resumed). */
  abortWaits(): void {
    this.waitsAborted = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  resumeWaits(): void {
    this.waitsAborted = false;
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.waiters.shift()?.();
  }

  private slotFreedOr(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const at = this.waiters.indexOf(wake);
        if (at >= 0) this.waiters.splice(at, 1);
        resolve();
      }, timeoutMs);
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.policy.requestsPerSecond, this.tokens + ((now - this.lastRefill) / 1000) * this.policy.requestsPerSecond);
    this.lastRefill = now;
  }
}
