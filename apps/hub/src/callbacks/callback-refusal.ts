/**
 * Why a callback was not accepted. `publicMessage` is what the sender reads; `reason` is what the
 * log and the audit line say, which may be more precise (an unknown store and a wrong key are
 * told apart there, never to the sender). Neither ever holds a secret.
 */
export class CallbackRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 413 | 429,
    readonly code: string,
    readonly reason: string,
    readonly publicMessage: string = reason,
  ) {
    super(reason);
    this.name = 'CallbackRefusal';
  }

  /** Unknown store, missing or wrong key, wrong signature: one answer for all (ADR 0012). */
  static unauthorized(reason: string): CallbackRefusal {
    return new CallbackRefusal(401, 'UNAUTHORIZED', reason, 'the store and x-ca-key do not match a configured callback receiver');
  }

  static invalid(code: string, reason: string): CallbackRefusal {
    return new CallbackRefusal(400, code, reason);
  }

  static tooLarge(limit: number): CallbackRefusal {
    return new CallbackRefusal(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`);
  }

  static rateLimited(windowMs: number): CallbackRefusal {
    return new CallbackRefusal(
      429,
      'RATE_LIMITED',
      'too many failed authentications from this address',
      `too many failed authentications from this address; retry in ${Math.ceil(windowMs / 1000)} s`,
    );
  }
}

/** The callback could not be stored (database unreachable or failing): nothing was kept, the sender retries. */
export class CallbackNotStored extends Error {
  constructor(
    readonly status: 500 | 503,
    readonly code: 'SERVICE_UNAVAILABLE' | 'INTERNAL_ERROR',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'CallbackNotStored';
  }
}
