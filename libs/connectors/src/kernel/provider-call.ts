/** One provider call as the `provider_call` trace keeps it: URL and bodies already masked. */
export interface ProviderCallRecord {
  readonly provider: string;
  readonly connectionName: string;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
  readonly httpStatus?: number;
  readonly providerCode?: string;
  readonly outcome: 'success' | 'provider_error' | 'transport_error' | 'timeout' | 'invalid_response';
  readonly latencyMs: number;
  readonly requestBody?: unknown;
  readonly responseBody?: unknown;
  readonly error?: string;
  readonly startedAt: Date;
}

/** Receives every call a client makes; the engine stores them, tests collect them. */
export interface ProviderCallRecorder {
  record(call: ProviderCallRecord): void;
}

export const IGNORE_CALLS: ProviderCallRecorder = { record: () => undefined };
