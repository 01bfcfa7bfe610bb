/** RFC 9457 problem details, the one error shape of every HTTP answer the hub gives. */
export interface FieldProblem {
  /** Dotted path of the input field, e.g. `lines[0].quantity` or `cursor`. */
  readonly field: string;
  readonly reason: string;
}

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://serai.dev/problems/';

/** Stable problem types: clients may switch on them, so they never change once published. */
export const PROBLEM_TYPES = {
  validation: `${TYPE_BASE}validation`,
  unauthorized: `${TYPE_BASE}unauthorized`,
  forbidden: `${TYPE_BASE}forbidden`,
  notFound: `${TYPE_BASE}not-found`,
  conflict: `${TYPE_BASE}conflict`,
  preconditionFailed: `${TYPE_BASE}precondition-failed`,
  payloadTooLarge: `${TYPE_BASE}payload-too-large`,
  unsupportedMediaType: `${TYPE_BASE}unsupported-media-type`,
  domainRule: `${TYPE_BASE}domain-rule`,
  rateLimited: `${TYPE_BASE}rate-limited`,
  unavailable: `${TYPE_BASE}unavailable`,
  internal: `${TYPE_BASE}internal`,
  http: `${TYPE_BASE}http`,
} as const;

/** Thrown where input is refused with the failing fields named; the filter renders it as 400. */
export class RequestValidationError extends Error {
  constructor(readonly errors: readonly FieldProblem[]) {
    super(`Invalid request: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}
