/** The three answer envelopes of the Pilot document. */
export type PilotEnvelopeKind = 'list' | 'inventory' | 'callback';

export type PilotErrorStatus = 400 | 401 | 403 | 500 | 503;

/**
 * A Pilot failure, rendered by `PilotExceptionFilter` in the envelope of the endpoint it
 * happened on, `code` = HTTP status. The document knows 400 "Invalid input" and 500 "Failed".
 */
export class PilotApiError extends Error {
  constructor(
    readonly status: PilotErrorStatus,
    message: string,
  ) {
    super(message);
    this.name = 'PilotApiError';
  }

  static invalidInput(detail: string): PilotApiError {
    return new PilotApiError(400, `Invalid input: ${detail}`);
  }
}

/** Which envelope a path answers in: inventory paths, the callback, or the list envelope. */
export function envelopeKindOf(path: string): PilotEnvelopeKind {
  if (path.startsWith('/pilot/inventory/')) return 'inventory';
  if (path.startsWith('/pilot/callback/')) return 'callback';
  return 'list';
}
