/** A decimal as text ("10.10"): how money and weights live between the wire and the domain, never as a float. */
export type WireDecimal = string;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * JSON text of a request body in which the listed keys, holding decimal text, are written as
 * JSON numbers digit for digit (`"price": 10.10`). The provider expects numbers there (the
 * document's examples), and going through `Number` would round amounts such as 0.1 + 0.2.
 */
export function serializeWithDecimals(value: unknown, decimalKeys: ReadonlySet<string>, key = ''): string {
  if (typeof value === 'string' && decimalKeys.has(key) && DECIMAL.test(value)) return value;
  if (Array.isArray(value)) return `[${value.map((item) => serializeWithDecimals(item, decimalKeys, key)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .map(([name, member]) => `${JSON.stringify(name)}:${serializeWithDecimals(member, decimalKeys, name)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
