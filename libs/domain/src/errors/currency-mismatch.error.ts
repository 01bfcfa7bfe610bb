import { DomainError } from './domain-error';

/** Two amounts in different currencies met in one operation; the domain never converts silently. */
export class CurrencyMismatch extends DomainError {
  readonly code = 'CURRENCY_MISMATCH';

  constructor(
    readonly expected: string,
    readonly actual: string,
    readonly operation: string,
  ) {
    super(`${operation}: expected ${expected} but got ${actual}`);
  }
}
