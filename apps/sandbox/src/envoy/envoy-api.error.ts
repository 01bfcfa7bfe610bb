import type { EnvoyResponseData } from './envoy.wire';

/** HTTP statuses the Envoy simulator answers with: the document's 200/400/500, plus the gateway's 401/403. */
export type EnvoyErrorStatus = 400 | 401 | 403 | 500 | 503;

/**
 * An Envoy failure, rendered by `EnvoyExceptionFilter` in the document's `ApiResponse` envelope
 * with `code` equal to the HTTP status (the document's `42` is a generator placeholder).
 */
export class EnvoyApiError extends Error {
  constructor(
    readonly status: EnvoyErrorStatus,
    message: string,
    readonly data: Partial<EnvoyResponseData> = {},
  ) {
    super(message);
    this.name = 'EnvoyApiError';
  }

  static invalidInput(detail: string, data: Partial<EnvoyResponseData> = {}): EnvoyApiError {
    // "Invalid input" is the document's description of the 400 answer (seed lines 328, 1891).
    return new EnvoyApiError(400, `Invalid input: ${detail}`, data);
  }
}

/** `data.returnValue` of a refused duplicate create: the stable marker connectors test for. */
export const ENVOY_ORDER_ALREADY_EXISTS = 'ORDER_ALREADY_EXISTS';
