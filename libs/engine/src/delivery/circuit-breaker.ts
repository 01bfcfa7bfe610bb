export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerPolicy {
  /** Consecutive retryable failures that open the breaker. */
  readonly failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  readonly openMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 5, openMs: 30_000 };

/**
 * One per connection: after repeated failures, stop calling the provider for a while so its
 * deliveries wait (without spending attempts) instead of hammering it, then let one trial
 * through; its outcome closes or re-opens the breaker.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private stateValue: BreakerState = 'closed';
  private trialInFlight = false;

  constructor(
    private readonly policy: BreakerPolicy = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.stateValue === 'open' && this.now() - this.openedAt >= this.policy.openMs) this.stateValue = 'half_open';
    return this.stateValue;
  }

  /** Whether a call may go now; in half-open, only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  /** When the breaker will let a call through again (for postponing deliveries). */
  retryAt(): number {
    return this.stateValue === 'open' ? this.openedAt + this.policy.openMs : this.now();
  }

  recordSuccess(): void {
    this.failures = 0;
    this.trialInFlight = false;
    this.stateValue = 'closed';
  }

  /** Only failures that say the provider is unwell count (timeouts, 5xx); refusals of bad input do not. */
  recordFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.stateValue === 'half_open' || this.failures >= this.policy.failureThreshold) {
      this.stateValue = 'open';
      this.openedAt = this.now();
    }
  }
}
