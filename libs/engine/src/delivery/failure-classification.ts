/**
 * How the engine reads a failed delivery without knowing any provider: connectors throw errors
 * carrying `retryable` (ProviderError); anything else that is not the domain refusing is treated
 * as transient, within the attempt budget.
 */
export interface ClassifiedFailure {
  readonly retryable: boolean;
  /** Whether the failure says the provider is unwell (counts towards its circuit breaker). */
  readonly providerUnwell: boolean;
  readonly code?: string;
  readonly message: string;
  readonly retryAfterMs?: number;
}

interface ProviderErrorLike {
  readonly retryable: boolean;
  readonly code?: unknown;
  readonly kind?: unknown;
  readonly message: string;
  readonly retryAfterSeconds?: unknown;
}

function isProviderErrorLike(error: unknown): error is ProviderErrorLike {
  return error instanceof Error && typeof (error as Partial<ProviderErrorLike>).retryable === 'boolean';
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  if (isProviderErrorLike(error)) {
    const unwell = error.retryable && ['transport', 'timeout', 'http', 'invalid_response', 'rate_limited'].includes(String(error.kind));
    return {
      retryable: error.retryable,
      providerUnwell: unwell,
      code: error.code === undefined ? undefined : String(error.code),
      message: error.message,
      retryAfterMs: typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds * 1000 : undefined,
    };
  }
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && error.constructor.name !== 'Error') {
    // Domain errors (IllegalTransition, InvariantViolation ...) carry a stable code: trying again
    // cannot change the verdict.
    const code = (error as unknown as { code: string }).code;
    if (/^[A-Z_]+$/.test(code)) return { retryable: false, providerUnwell: false, code, message: error.message };
  }
  return { retryable: true, providerUnwell: false, message: error instanceof Error ? error.message : String(error) };
}
