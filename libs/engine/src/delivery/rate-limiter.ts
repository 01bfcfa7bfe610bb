export interface RateLimitPolicy {
  /** Sustained requests per second to one connection. */
  readonly requestsPerSecond: number;
  /** Calls in flight at once to one connection. */
  readonly maxConcurrency: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { requestsPerSecond: 20, maxConcurrency: 8 };

/**
 * Token bucket (burst = one second's worth) plus a concurrency cap, per connection and per hub
 * process. A slow provider fills its own concurrency slots and no one else's.
 */
export class RateLimiter {
  private tokens: number;
  private lastRefill: number;
  private inFlight = 0;

  constructor(
    private readonly policy: RateLimitPolicy = DEFAULT_RATE_LIMIT,
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

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.policy.requestsPerSecond, this.tokens + ((now - this.lastRefill) / 1000) * this.policy.requestsPerSecond);
    this.lastRefill = now;
  }
}
