/**
 * CSV as spreadsheets read it (RFC 4180 quoting, CRLF line ends) with formula injection
 * neutralised: a cell that a spreadsheet would evaluate (it starts with = + - @, a tab or a
 * carriage return) is prefixed with a single quote, so `=HYPERLINK(...)` in a buyer's remark
 * stays text (OWASP "CSV Injection"). Shared by every export of the hub (lists, reconciliation).
 */

/** Written first so Excel reads the file as UTF-8 (Chinese names and addresses stay legible). */
export const UTF8_BOM = '\uFEFF';

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text of a value a spreadsheet will not evaluate: a leading trigger character gets a `'`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean | bigint);
}

/** One cell: a finite number as it is; anything else neutralised, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: unknown): string {
  // A number is data, not a formula: -2 stays a negative number in the spreadsheet.
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = neutraliseFormula(textOf(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
