import { WmsRefusal } from './wms-codes';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the fields of one WMS request object and collects every problem, so that a refusal names
 * all bad fields at once (`DATA_INPUT_ERROR: title is required; weight must be a decimal`).
 * Decimals and integers are accepted as JSON numbers or numeric strings, as Java back ends of this
 * kind coerce them; everything else is strict.
 */
export class WmsInputReader {
  private readonly problems: string[];

  constructor(
    private readonly source: JsonObject,
    private readonly path = '',
    problems?: string[],
  ) {
    this.problems = problems ?? [];
  }

  static of(value: unknown, what: string): WmsInputReader {
    if (!isJsonObject(value)) throw new WmsRefusal('DATA_INPUT_ERROR', `${what}: the body must be a JSON object`);
    return new WmsInputReader(value);
  }

  private name(field: string): string {
    return `${this.path}${field}`;
  }

  problem(field: string, text: string): void {
    this.problems.push(`${this.name(field)} ${text}`);
  }

  has(field: string): boolean {
    const value = this.source[field];
    return value !== undefined && value !== null && value !== '';
  }

  string(field: string, maxLength: number, required: true): string;
  string(field: string, maxLength: number, required?: boolean): string | undefined;
  string(field: string, maxLength: number, required = false): string | undefined {
    const value = this.source[field];
    if (value === undefined || value === null || value === '') {
      if (required) this.problem(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problem(field, 'must be a string');
      return undefined;
    }
    if (value.length > maxLength) this.problem(field, `must be at most ${maxLength} characters`);
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], required = false): T | undefined {
    const value = this.string(field, 255, required);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problem(field, `must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  decimal(field: string, required: true): number;
  decimal(field: string, required?: boolean): number | undefined;
  decimal(field: string, required = false): number | undefined {
    const value = this.source[field];
    if (value === undefined || value === null || value === '') {
      if (required) this.problem(field, 'is required');
      return undefined;
    }
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(number)) {
      this.problem(field, 'must be a decimal');
      return undefined;
    }
    if (number < 0) this.problem(field, 'must not be negative');
    return number;
  }

  integer(field: string, options: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const value = this.source[field];
    if (value === undefined || value === null || value === '') {
      if (options.required === true) this.problem(field, 'is required');
      return undefined;
    }
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number)) {
      this.problem(field, 'must be an integer');
      return undefined;
    }
    if (options.min !== undefined && number < options.min) this.problem(field, `must be at least ${options.min}`);
    if (options.max !== undefined && number > options.max) this.problem(field, `must be at most ${options.max}`);
    return number;
  }

  boolean(field: string, required = false): boolean | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) {
      if (required) this.problem(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.problem(field, 'must be true or false');
      return undefined;
    }
    return value;
  }

  stringList(field: string, maxLength: number): string[] | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.length > maxLength)) {
      this.problem(field, `must be a list of strings of at most ${maxLength} characters`);
      return undefined;
    }
    return value as string[];
  }

  /** Reads a list of objects, each with its own reader that reports under `field[i].`. */
  objectList<T>(field: string, read: (item: WmsInputReader) => T): T[] | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.problem(field, 'must be a list');
      return undefined;
    }
    const items: T[] = [];
    value.forEach((item: unknown, index) => {
      if (!isJsonObject(item)) {
        this.problem(`${field}[${index}]`, 'must be an object');
        return;
      }
      items.push(read(new WmsInputReader(item, `${this.name(field)}[${index}].`, this.problems)));
    });
    return items;
  }

  /** Throws one `DATA_INPUT_ERROR` naming every problem found so far. */
  finish(): void {
    if (this.problems.length > 0) throw new WmsRefusal('DATA_INPUT_ERROR', this.problems.join('; '));
  }
}
