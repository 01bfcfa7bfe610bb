import { DomainError } from './domain-error';

/** Two amounts in different currencies met in one operation; the domain never converts silently. */
export class CurrencyMismatch extends DomainError {
  readonly code = 'CURRENCY_MISMATCH';

  constructor(
    readonly expected: string,
    readonly actual: string,
    /** Where it happened ("Money.add", "lines[1]"), when the thrower knows. */
    readonly operation?: string,
  ) {
    super(`${operation === undefined ? 'currency mismatch' : operation}: expected ${expected} but got ${actual}`);
  }
}
