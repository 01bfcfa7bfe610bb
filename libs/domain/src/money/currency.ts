import { InvariantViolation } from '../errors/invariant-violation.error';

const ISO_4217_FORMAT = /^[A-Z]{3}$/;

// Digits after the decimal point per ISO 4217. Only currencies we meet are listed; every other
// well-formed code gets the common default of 2 rather than being refused, because a new shop
// currency should not stop order intake.
const MINOR_UNIT_DIGITS: Readonly<Record<string, number>> = {
  CNY: 2,
  USD: 2,
  GBP: 2,
  EUR: 2,
  HKD: 2,
  JPY: 0,
  KRW: 0,
};

const DEFAULT_MINOR_UNIT_DIGITS = 2;

/**
 * Validates the format of an ISO 4217 code. Provider aliases such as Envoy's "RMB" pass the
 * format check but are not ISO; mapping them to "CNY" is the connector mapper's job.
 */
export function requireCurrencyCode(code: string, field = 'currency'): string {
  if (typeof code !== 'string' || !ISO_4217_FORMAT.test(code)) {
    throw new InvariantViolation(field, `must be an ISO 4217 code of 3 upper-case letters, got ${String(code)}`);
  }
  return code;
}

/** How many decimal places the currency's smallest unit has (CNY 2 for fen, JPY 0). */
export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS[requireCurrencyCode(currency)] ?? DEFAULT_MINOR_UNIT_DIGITS;
}
