import { DEFAULT_BACKOFF, nextRetryDelayMs } from './backoff';
import { CircuitBreaker } from './circuit-breaker';
import { RateLimiter, rateLimitFromOptions } from './rate-limiter';

describe('nextRetryDelayMs', () => {
  it('doubles with each attempt, within half and all of the nominal delay', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 10 };
    expect(nextRetryDelayMs(1, policy, () => 0)).toBe(500);
    expect(nextRetryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(nextRetryDelayMs(4, policy, () => 0)).toBe(4000);
    expect(nextRetryDelayMs(4, policy, () => 1)).toBe(8000);
  });

  it('never exceeds the maximum, and honours a provider’s Retry-After', () => {
    expect(nextRetryDelayMs(30, DEFAULT_BACKOFF, () => 1)).toBe(DEFAULT_BACKOFF.maxDelayMs);
    expect(nextRetryDelayMs(1, DEFAULT_BACKOFF, () => 0, 20_000)).toBe(20_000);
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and lets one trial through after the pause', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000 }, () => now);
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryAt()).toBe(1000);
    now = 1000;
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('re-opens at once when the trial fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000 }, () => now);
    breaker.recordFailure();
    now = 1500;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.retryAt()).toBe(2500);
  });

  it('a success resets the count of failures', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000 }, () => 0);
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
  });
});

describe('RateLimiter', () => {
  it('grants a burst of one second’s worth, then one token per 1/rps seconds', () => {
    let now = 0;
    const limiter = new RateLimiter({ requestsPerSecond: 4, maxConcurrency: 100 }, () => now);
    for (let i = 0; i < 4; i += 1) expect(limiter.tryAcquire().granted).toBe(true);
    expect(limiter.tryAcquire()).toEqual({ granted: false, waitMs: 250 });
    now = 250;
    expect(limiter.tryAcquire().granted).toBe(true);
  });

  it('caps calls in flight regardless of tokens', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1000, maxConcurrency: 2 }, () => 0);
    expect(limiter.tryAcquire().granted).toBe(true);
    expect(limiter.tryAcquire().granted).toBe(true);
    expect(limiter.capacity).toBe(0);
    expect(limiter.tryAcquire().granted).toBe(false);
    limiter.release();
    expect(limiter.capacity).toBe(1);
    expect(limiter.tryAcquire().granted).toBe(true);
  });
  it('waits in the process for a slot freed by release() instead of refusing', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1000, maxConcurrency: 1 });
    expect(limiter.tryAcquire().granted).toBe(true);
    const waiting = limiter.acquire(5_000);
    setTimeout(() => limiter.release(), 20);
    expect((await waiting).granted).toBe(true);
    expect(limiter.active).toBe(1);
  });

  it('stops every wait at once when the worker stops, and waits again once resumed', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1000, maxConcurrency: 1 });
    expect(limiter.tryAcquire().granted).toBe(true);
    const waiting = limiter.acquire(60_000);
    limiter.abortWaits();
    expect((await waiting).granted).toBe(false);
    expect((await limiter.acquire(60_000)).granted).toBe(false);
    limiter.resumeWaits();
    const again = limiter.acquire(5_000);
    limiter.release();
    expect((await again).granted).toBe(true);
  });

  it('gives up waiting when the slot or token would come later than the caller can wait', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, maxConcurrency: 10 });
    expect(limiter.tryAcquire().granted).toBe(true);
    const refused = await limiter.acquire(50);
    expect(refused.granted).toBe(false);
    expect(refused.granted === false && refused.waitMs).toBeGreaterThan(50);
  });
});

describe('rateLimitFromOptions', () => {
  const fallback = { requestsPerSecond: 20, maxConcurrency: 8 };

  it('takes a connection’s own limit from its options, field by field', () => {
    expect(rateLimitFromOptions({ rateLimit: { requestsPerSecond: 200, maxConcurrency: 32 } }, fallback)).toEqual({
      requestsPerSecond: 200,
      maxConcurrency: 32,
    });
    expect(rateLimitFromOptions({ rateLimit: { requestsPerSecond: 50 } }, fallback)).toEqual({ requestsPerSecond: 50, maxConcurrency: 8 });
    expect(rateLimitFromOptions({ store: 'x' }, fallback)).toBe(fallback);
  });

  it('ignores values that are not positive numbers rather than unthrottling the provider', () => {
    expect(rateLimitFromOptions({ rateLimit: { requestsPerSecond: 0, maxConcurrency: '100' } }, fallback)).toEqual(fallback);
    expect(rateLimitFromOptions({ rateLimit: { requestsPerSecond: -5, maxConcurrency: Number.POSITIVE_INFINITY } }, fallback)).toEqual(
      fallback,
    );
  });
});
