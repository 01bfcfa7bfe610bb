import Decimal from 'decimal.js';
import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { ExactDecimal, parseExactDecimal } from '../validation/exact-decimal';
import { minorUnitDigits, requireCurrencyCode } from './currency';

/**
 * Rounding rule of the domain: half-even ("banker's") to the currency's minor unit, because it
 * does not drift upwards when many rounded amounts are summed. Rounding only happens where a
 * caller asks for it (`round`, `multiplyByRate`) or where it cannot be avoided (`allocate*`);
 * add, subtract and multiply by an integer are exact.
 */
export type RoundingMode = 'half-even' | 'half-up' | 'up' | 'down' | 'ceiling' | 'floor';

/** Wire shape of an amount: the decimal as text, never a float. Used by events and APIs. */
export interface MoneyJson {
  readonly amount: string;
  readonly currency: string;
}

const DECIMAL_ROUNDING: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-up': Decimal.ROUND_HALF_UP,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

function requireInteger(value: number | bigint, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new InvariantViolation(field, `must be a safe integer, got ${String(value)}`);
  return BigInt(value);
}

/** Immutable amount of one currency. */
export class Money {
  private constructor(
    private readonly value: Decimal,
    readonly currency: string,
  ) {}

  private static create(value: Decimal, currency: string): Money {
    // -0 and 0 must be the same amount, or equals() and toString() would disagree.
    return new Money(value.isZero() ? new ExactDecimal(0) : value, currency);
  }

  /** `Money.of('12.50', 'CNY')`; more decimals than the minor unit are kept until `round()`. */
  static of(amount: string | number | bigint, currency: string): Money {
    return Money.create(parseExactDecimal(amount, 'amount'), requireCurrencyCode(currency));
  }

  /** `Money.fromMinor(1250n, 'CNY')` is 12.50 CNY. */
  static fromMinor(minorUnits: bigint | number, currency: string): Money {
    const code = requireCurrencyCode(currency);
    const integer = requireInteger(minorUnits, 'minorUnits');
    return Money.create(new ExactDecimal(integer.toString()).div(new ExactDecimal(10).pow(minorUnitDigits(code))), code);
  }

  static zero(currency: string): Money {
    return Money.create(new ExactDecimal(0), requireCurrencyCode(currency));
  }

  static fromJSON(json: MoneyJson): Money {
    return Money.of(json.amount, json.currency);
  }

  /** Sum of amounts that must all be in `currency`; an empty list sums to zero. */
  static sum(currency: string, amounts: readonly Money[]): Money {
    return amounts.reduce((total, amount) => total.add(amount), Money.zero(currency));
  }

  /** Fixed-scale decimal text: at least the currency's minor digits ("12.50"), more if carried. */
  get amount(): string {
    const scale = Math.max(minorUnitDigits(this.currency), this.value.decimalPlaces());
    return this.value.toFixed(scale);
  }

  /** The amount in minor units (fen, cents); refuses amounts not yet rounded to the minor unit. */
  get minorUnits(): bigint {
    if (!this.isRounded()) {
      throw new InvariantViolation('amount', `${this.amount} ${this.currency} has more precision than the minor unit; call round() first`);
    }
    return BigInt(this.value.times(new ExactDecimal(10).pow(minorUnitDigits(this.currency))).toFixed(0));
  }

  /** True when the amount has no digits below the currency's minor unit. */
  isRounded(): boolean {
    return this.value.decimalPlaces() <= minorUnitDigits(this.currency);
  }

  add(other: Money): Money {
    this.requireSameCurrency(other, 'Money.add');
    return Money.create(this.value.plus(other.value), this.currency);
  }

  subtract(other: Money): Money {
    this.requireSameCurrency(other, 'Money.subtract');
    return Money.create(this.value.minus(other.value), this.currency);
  }

  /** Exact product with an integer quantity (unit price x quantity). */
  multiply(quantity: number | bigint): Money {
    const factor = requireInteger(quantity, 'quantity');
    return Money.create(this.value.times(new ExactDecimal(factor.toString())), this.currency);
  }

  /**
   * Product with a decimal rate (tax, commission), rounded at once to the minor unit: a rate
   * almost never gives a representable amount, so the rounding mode must be chosen by the caller.
   */
  multiplyByRate(rate: string | number | bigint, rounding: RoundingMode): Money {
    const factor = parseExactDecimal(rate, 'rate');
    return Money.create(this.roundValue(this.value.times(factor), rounding), this.currency);
  }

  round(rounding: RoundingMode = 'half-even'): Money {
    return Money.create(this.roundValue(this.value, rounding), this.currency);
  }

  negate(): Money {
    return Money.create(this.value.negated(), this.currency);
  }

  abs(): Money {
    return Money.create(this.value.abs(), this.currency);
  }

  /**
   * Splits into `parts` amounts that differ by at most one minor unit and sum exactly to this
   * amount; the leftover minor units go to the first parts.
   */
  allocate(parts: number): Money[] {
    if (!Number.isSafeInteger(parts) || parts <= 0) {
      throw new InvariantViolation('parts', `must be a positive integer, got ${String(parts)}`);
    }
    return this.allocateByRatios(Array.from({ length: parts }, () => 1));
  }

  /**
   * Splits in proportion to `ratios` (integers or decimal strings, at least one positive) with
   * the largest-remainder method: each part gets its share rounded down, then the leftover minor
   * units go one each to the parts that lost the most (earlier parts win ties). The parts always
   * sum exactly to this amount and a zero ratio always gets zero.
   */
  allocateByRatios(ratios: ReadonlyArray<string | number | bigint>): Money[] {
    if (ratios.length === 0) throw new InvariantViolation('ratios', 'must not be empty');
    const total = this.minorUnits;
    const weights = scaleRatiosToIntegers(ratios);
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
    if (weightSum === 0n) throw new InvariantViolation('ratios', 'at least one ratio must be positive');

    const magnitude = total < 0n ? -total : total;
    const shares = weights.map((weight) => (magnitude * weight) / weightSum);
    const remainders = weights.map((weight, index) => ({ index, remainder: (magnitude * weight) % weightSum }));
    let leftover = magnitude - shares.reduce((sum, share) => sum + share, 0n);
    remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
    for (const { index } of remainders) {
      if (leftover === 0n) break;
      shares[index] += 1n;
      leftover -= 1n;
    }
    return shares.map((share) => Money.fromMinor(total < 0n ? -share : share, this.currency));
  }

  /** Value equality: same currency and same amount ("12.5" equals "12.50"); other currencies are simply unequal. */
  equals(other: Money): boolean {
    return this.currency === other.currency && this.value.equals(other.value);
  }

  /** -1, 0 or 1; comparing different currencies is a CurrencyMismatch, not an answer. */
  compare(other: Money): -1 | 0 | 1 {
    this.requireSameCurrency(other, 'Money.compare');
    const result = this.value.comparedTo(other.value);
    return result < 0 ? -1 : result > 0 ? 1 : 0;
  }

  lessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  lessThanOrEqual(other: Money): boolean {
    return this.compare(other) <= 0;
  }

  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  greaterThanOrEqual(other: Money): boolean {
    return this.compare(other) >= 0;
  }

  isZero(): boolean {
    return this.value.isZero();
  }

  isNegative(): boolean {
    return this.value.isNegative() && !this.value.isZero();
  }

  isPositive(): boolean {
    return this.value.isPositive() && !this.value.isZero();
  }

  toString(): string {
    return this.amount;
  }

  toJSON(): MoneyJson {
    return { amount: this.amount, currency: this.currency };
  }

  private roundValue(value: Decimal, rounding: RoundingMode): Decimal {
    return value.toDecimalPlaces(minorUnitDigits(this.currency), DECIMAL_ROUNDING[rounding]);
  }

  private requireSameCurrency(other: Money, operation: string): void {
    if (other.currency !== this.currency) throw new CurrencyMismatch(this.currency, other.currency, operation);
  }
}

/** Ratios as integers of a common scale, so the split is computed exactly with bigint. */
function scaleRatiosToIntegers(ratios: ReadonlyArray<string | number | bigint>): bigint[] {
  const decimals = ratios.map((ratio, index) => {
    const value = parseExactDecimal(ratio, `ratios[${index}]`);
    if (value.isNegative() && !value.isZero()) throw new InvariantViolation(`ratios[${index}]`, 'must not be negative');
    return value;
  });
  const scale = Math.max(...decimals.map((value) => value.decimalPlaces()));
  const factor = new ExactDecimal(10).pow(scale);
  return decimals.map((value) => BigInt(value.times(factor).toFixed(0)));
}
