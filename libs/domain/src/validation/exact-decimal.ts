import Decimal from 'decimal.js';
import { InvariantViolation } from '../errors/invariant-violation.error';

/**
 * The domain's own Decimal constructor: our precision and rounding never leak into (or get
 * changed by) other users of decimal.js. 1000 significant digits makes every sum and product of
 * real-world quantities exact; the exponent limits keep toString() out of exponent notation.
 */
export const ExactDecimal = Decimal.clone({
  precision: 1000,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

const DECIMAL_TEXT = /^-?\d{1,30}(\.\d{1,20})?$/;

/**
 * Reads a decimal given as text, bigint or a JS integer. A non-integer JS number is refused: by
 * the time it reaches us `0.1 + 0.2` is already `0.30000000000000004`, so the caller must keep
 * the text it received (for a provider's JSON number, `String(value)` gives back the decimal the
 * provider wrote, for up to 15 significant digits).
 */
export function parseExactDecimal(value: string | number | bigint, field: string): Decimal {
  if (typeof value === 'bigint') return new ExactDecimal(value.toString());
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new InvariantViolation(
        field,
        `the JS number ${String(value)} is not a safe integer and may carry float error; pass it as a decimal string`,
      );
    }
    return new ExactDecimal(value);
  }
  if (typeof value !== 'string' || !DECIMAL_TEXT.test(value)) {
    throw new InvariantViolation(field, `must be a decimal such as "12.50", got ${JSON.stringify(value)}`);
  }
  return new ExactDecimal(value);
}

/** Plain decimal text without exponent or trailing zeros: "0.5", "12", "-3.25". */
export function formatExactDecimal(value: Decimal): string {
  return (value.isZero() ? new ExactDecimal(0) : value).toFixed();
}
