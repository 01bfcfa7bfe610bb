import { DomainError } from './domain-error';

/**
 * Input or an operation would break a rule of the model. `field` is a path into the object
 * being built (`lines[2].quantity`) so an API can point at the offending input.
 */
export class InvariantViolation extends DomainError {
  readonly code = 'INVARIANT_VIOLATION';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
