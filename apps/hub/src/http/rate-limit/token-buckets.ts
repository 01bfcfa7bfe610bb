/** Refill rate and size of each bucket. */
export interface TokenBucketPolicy {
  readonly perSecond: number;
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle long enough to be full again are forgotten, so memory follows active keys only. */
const SWEEP_EVERY = 1024;

/**
 * One token bucket per key, in this process (ADR 0015): a request takes a token; tokens come back
 * at `perSecond` up to `burst`. Pure arithmetic on a clock, so it costs no I/O per request.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private takes = 0;

  constructor(
    private readonly policy: TokenBucketPolicy,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `key`: 0 when granted, else the milliseconds until one is available. */
  take(key: string): number {
    const now = this.now();
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.policy.burst, at: now };
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.policy.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.policy.perSecond) * 1000);
  }

  private sweep(now: number): void {
    const fullAfterMs = (this.policy.burst / this.policy.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= fullAfterMs) this.buckets.delete(key);
  }
}
