/** A provider answer that is not what its document says: becomes an `invalid_response` ProviderError. */
export class InvalidResponse extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: unknown,
  ) {
    super(`${path} should be ${expected} but is ${actual === null ? 'null' : Array.isArray(actual) ? 'an array' : typeof actual}`);
    this.name = 'InvalidResponse';
  }
}

/**
 * Reads untrusted JSON field by field with its path, so a malformed body fails here with a clear
 * message instead of an `undefined` deep in the engine. Tolerant where providers are sloppy
 * (numbers sent as strings and the reverse), strict about presence and shape.
 */
export class ResponseReader {
  constructor(
    private readonly value: unknown,
    readonly path = '$',
  ) {}

  static of(value: unknown): ResponseReader {
    return new ResponseReader(value);
  }

  raw(): unknown {
    return this.value;
  }

  isPresent(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value))
      throw new InvalidResponse(this.path, 'an object', this.value);
    return this.value as Record<string, unknown>;
  }

  field(name: string): ResponseReader {
    return new ResponseReader(this.object()[name], `${this.path}.${name}`);
  }

  /** The first present of several spellings (providers rename fields between documents). */
  fieldOf(...names: string[]): ResponseReader {
    const obj = this.object();
    const name = names.find((n) => obj[n] !== undefined && obj[n] !== null) ?? names[0] ?? '';
    return new ResponseReader(obj[name], `${this.path}.${name}`);
  }

  array(): ResponseReader[] {
    if (!Array.isArray(this.value)) throw new InvalidResponse(this.path, 'an array', this.value);
    return this.value.map((item, i) => new ResponseReader(item, `${this.path}[${i}]`));
  }

  /** An array, or an empty one when the provider omits or nulls an empty list. */
  optionalArray(): ResponseReader[] {
    return this.isPresent() ? this.array() : [];
  }

  string(): string {
    if (typeof this.value === 'string') return this.value;
    if (typeof this.value === 'number' && Number.isFinite(this.value)) return String(this.value);
    throw new InvalidResponse(this.path, 'a string', this.value);
  }

  optionalString(): string | undefined {
    return this.isPresent() ? this.string() : undefined;
  }

  /** A decimal kept as text (money, weights): never through a float. */
  decimal(): string {
    const text = this.string().trim();
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new InvalidResponse(this.path, 'a decimal number', this.value);
    return text;
  }

  optionalDecimal(): string | undefined {
    return this.isPresent() && this.value !== '' ? this.decimal() : undefined;
  }

  integer(): number {
    const n = typeof this.value === 'string' && /^-?\d+$/.test(this.value.trim()) ? Number(this.value) : this.value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new InvalidResponse(this.path, 'an integer', this.value);
    return n;
  }

  optionalInteger(): number | undefined {
    return this.isPresent() && this.value !== '' ? this.integer() : undefined;
  }

  boolean(): boolean {
    if (typeof this.value === 'boolean') return this.value;
    if (this.value === 'true' || this.value === 1 || this.value === '1') return true;
    if (this.value === 'false' || this.value === 0 || this.value === '0') return false;
    throw new InvalidResponse(this.path, 'a boolean', this.value);
  }
}
