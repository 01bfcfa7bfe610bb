/**
 * Nengmao wants amounts as JSON numbers (`"salePrice": 1900`, `"orderAmount": 554.37`). Serai keeps
 * money as decimal text; a WireDecimal carries that text into the request body and
 * `encodeNengmaoJson` writes it as a bare number literal, so no amount ever passes through a
 * binary float on its way out. Answers are read back as text by ResponseReader.decimal().
 */
const MARKER = '@@nengmao-decimal:';
const DECIMAL = /^-?\d+(\.\d+)?$/;

export class WireDecimal {
  private constructor(readonly text: string) {}

  static of(text: string): WireDecimal {
    const trimmed = text.trim();
    if (!DECIMAL.test(trimmed)) throw new RangeError(`Not a decimal amount: ${JSON.stringify(text)}`);
    return new WireDecimal(trimmed);
  }

  toJSON(): string {
    return `${MARKER}${this.text}`;
  }

  toString(): string {
    return this.text;
  }
}

/** JSON text of a request body with every WireDecimal written as a number literal. */
export function encodeNengmaoJson(body: unknown): string {
  return JSON.stringify(body).replace(/"@@nengmao-decimal:(-?\d+(?:\.\d+)?)"/g, '$1');
}
