export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts in all before a delivery goes to the dead letters. */
  readonly maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, maxAttempts: 10 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay, plus a random share of the
 * other half, so retries of many deliveries spread out instead of hitting a recovering provider
 * together, yet never come back sooner than half the nominal delay.
 */
export function nextRetryDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxDelayMs)));
}
