/**
 * The envelope of every answer (brand doc §5-8, TMG doc §4-9): the result travels in the body as
 * `errorCode` (HTTP status is not documented; the sandbox answers 200 for every code).
 */
export interface NengmaoEnvelope<D> {
  readonly errorCode: number;
  readonly msg: string;
  readonly data: D;
  /** List operations only: "Total number of records". */
  readonly total?: number;
}

/**
 * Per-item result of the list writes (status/confirmation, cancelbybrand, cancelConfirm, ship):
 * order or return numbers. The element type of `failureList` is never shown in the documents
 * (always `[]`); strings are expected, objects are read tolerantly.
 */
export interface NengmaoBatchResult {
  readonly successList: readonly string[];
  readonly failureList: readonly NengmaoFailure[];
}

export interface NengmaoFailure {
  readonly key: string;
  /** When the provider says why (not documented; objects with `msg`/`message` are read). */
  readonly message?: string;
}
