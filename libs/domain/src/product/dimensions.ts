import type Decimal from 'decimal.js';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { requireOneOf } from '../validation/field-guards';
import { ExactDecimal, formatExactDecimal, parseExactDecimal } from '../validation/exact-decimal';

export const LENGTH_UNITS = ['cm', 'mm', 'in'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

// Exact by definition: 1 in = 2.54 cm.
const CENTIMETRES_PER_UNIT: Readonly<Record<LengthUnit, string>> = { cm: '1', mm: '0.1', in: '2.54' };

export interface DimensionsJson {
  readonly length: string;
  readonly width: string;
  readonly height: string;
  readonly unit: LengthUnit;
}

type DecimalInput = string | number | bigint;

/** Package or product box size, as decimals so unit conversion is exact. */
export class Dimensions {
  private constructor(
    private readonly sides: { readonly length: Decimal; readonly width: Decimal; readonly height: Decimal },
    readonly unit: LengthUnit,
  ) {}

  static of(
    sides: { readonly length: DecimalInput; readonly width: DecimalInput; readonly height: DecimalInput },
    unit: LengthUnit,
    field = 'dimensions',
  ): Dimensions {
    const side = (value: DecimalInput, name: string): Decimal => {
      const parsed = parseExactDecimal(value, `${field}.${name}`);
      if (parsed.isNegative() && !parsed.isZero()) throw new InvariantViolation(`${field}.${name}`, 'must not be negative');
      return parsed;
    };
    return new Dimensions(
      { length: side(sides.length, 'length'), width: side(sides.width, 'width'), height: side(sides.height, 'height') },
      requireOneOf(unit, LENGTH_UNITS, `${field}.unit`),
    );
  }

  static fromJSON(json: DimensionsJson, field = 'dimensions'): Dimensions {
    return Dimensions.of(json, json.unit, field);
  }

  get length(): string {
    return formatExactDecimal(this.sides.length);
  }

  get width(): string {
    return formatExactDecimal(this.sides.width);
  }

  get height(): string {
    return formatExactDecimal(this.sides.height);
  }

  /** The same box in centimetres, exactly (1 in = 2.54 cm). */
  toCentimetres(): Dimensions {
    const factor = new ExactDecimal(CENTIMETRES_PER_UNIT[this.unit]);
    return new Dimensions(
      {
        length: this.sides.length.times(factor),
        width: this.sides.width.times(factor),
        height: this.sides.height.times(factor),
      },
      'cm',
    );
  }

  toJSON(): DimensionsJson {
    return { length: this.length, width: this.width, height: this.height, unit: this.unit };
  }
}
