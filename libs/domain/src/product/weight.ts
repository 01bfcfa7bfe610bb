import type Decimal from 'decimal.js';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { requireOneOf } from '../validation/field-guards';
import { ExactDecimal, formatExactDecimal, parseExactDecimal } from '../validation/exact-decimal';

export const WEIGHT_UNITS = ['kg', 'g', 'lb'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

// Exact by definition: the international avoirdupois pound is 0.45359237 kg (1959 agreement).
const KILOGRAMS_PER_UNIT: Readonly<Record<WeightUnit, string>> = { kg: '1', g: '0.001', lb: '0.45359237' };

export interface WeightJson {
  readonly value: string;
  readonly unit: WeightUnit;
}

/** A non-negative weight as a decimal, so kg <-> g <-> lb conversions never drift. */
export class Weight {
  private constructor(
    private readonly quantity: Decimal,
    readonly unit: WeightUnit,
  ) {}

  static of(value: string | number | bigint, unit: WeightUnit, field = 'weight'): Weight {
    const quantity = parseExactDecimal(value, `${field}.value`);
    if (quantity.isNegative() && !quantity.isZero()) throw new InvariantViolation(`${field}.value`, 'must not be negative');
    return new Weight(quantity, requireOneOf(unit, WEIGHT_UNITS, `${field}.unit`));
  }

  static fromJSON(json: WeightJson, field = 'weight'): Weight {
    return Weight.of(json.value, json.unit, field);
  }

  /** Decimal text without exponent or trailing zeros ("0.5"). */
  get value(): string {
    return formatExactDecimal(this.quantity);
  }

  /** The same weight in kilograms, exactly (1 lb = 0.45359237 kg). */
  toKilograms(): Weight {
    return new Weight(this.quantity.times(new ExactDecimal(KILOGRAMS_PER_UNIT[this.unit])), 'kg');
  }

  isHeavierThan(other: Weight): boolean {
    return this.toKilograms().quantity.greaterThan(other.toKilograms().quantity);
  }

  equals(other: Weight): boolean {
    return this.toKilograms().quantity.equals(other.toKilograms().quantity);
  }

  toJSON(): WeightJson {
    return { value: this.value, unit: this.unit };
  }
}
