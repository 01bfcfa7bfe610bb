/** Where a provider call failed: decides whether trying again can help. */
export type ProviderFailureKind = 'transport' | 'timeout' | 'http' | 'provider' | 'invalid_response' | 'rate_limited';

export interface ProviderErrorDetails {
  readonly provider: string;
  readonly operation: string;
  readonly kind: ProviderFailureKind;
  /** The provider's own code (Nengmao errorCode, Envoy code, ...) or the HTTP status. */
  readonly code?: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  /** Seconds the provider asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds?: number;
}

/**
 * Every failure of a provider call, typed: the engine decides retry or dead letter from
 * `retryable` alone and never needs to know a provider's codes.
 */
export class ProviderError extends Error {
  readonly provider: string;
  readonly operation: string;
  readonly kind: ProviderFailureKind;
  readonly code?: string;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly retryAfterSeconds?: number;

  constructor(details: ProviderErrorDetails) {
    super(`${details.provider} ${details.operation} failed${details.code === undefined ? '' : ` (${details.code})`}: ${details.message}`);
    this.name = 'ProviderError';
    this.provider = details.provider;
    this.operation = details.operation;
    this.kind = details.kind;
    this.code = details.code;
    this.retryable = details.retryable;
    this.httpStatus = details.httpStatus;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** Transport failures, timeouts, 5xx and 429 are worth retrying; 4xx answers are not. */
export function isRetryableHttpStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
