import { NENGMAO_CODES } from './nengmao-codes';
import { NengmaoApiError } from './nengmao-envelope';

/**
 * Money inside the sandbox is integer cents (CNY fen); it becomes a JSON number only when rendered, because the
 * documents show amounts as numbers (`3810.00`, `554.37`). No float arithmetic is done on amounts.
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an amount in cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = (abs - (abs % 100)) / 100;
  return `${sign}${units}.${String(abs % 100).padStart(2, '0')}`;
}

/** The wire form: a JSON number with the decimal value of the amount (parsing a decimal string, no arithmetic). */
export function centsToWire(cents: number): number {
  return Number(formatCents(cents));
}

/** Parses a decimal string (`"554.37"`, `"12"`, `"0.5"`) into cents; undefined when it is not one. */
export function parseDecimalToCents(text: string): number | undefined {
  const match = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, sign, units, fraction = ''] = match;
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

/** Reads an amount sent as a JSON number or numeric string into cents; error 400 when it is neither. */
export function readAmountCents(value: unknown, field: string): number {
  // String(554.37) is "554.37": the shortest decimal that round-trips, so the cents are exact.
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : undefined;
  const cents = text === undefined ? undefined : parseDecimalToCents(text);
  if (cents === undefined || cents < 0)
    throw new NengmaoApiError(NENGMAO_CODES.parameter, `${field} must be a non-negative amount with at most two decimals`);
  return cents;
}

/** `numerator / denominator` rounded half up, in integers only. */
export function divideRounded(numerator: number, denominator: number): number {
  const doubled = numerator * 2 + denominator;
  const divisor = denominator * 2;
  return (doubled - (doubled % divisor)) / divisor;
}
