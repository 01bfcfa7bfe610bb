/**
 * CSV cells and lines (RFC 4180, CRLF), safe to open in a spreadsheet: a text cell that a
 * spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) is
 * prefixed with an apostrophe (OWASP "CSV injection"), so it shows as text and never runs.
 * Numbers are written as they are. (A shared writer is planned in libs/common; this one is the
 * reports' own until the two are unified.)
 */

export type CsvCell = string | number | null | undefined;

/** The UTF-8 byte order mark: Excel reads the file as UTF-8 only when it starts with it (Chinese text intact). */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  const safe = neutraliseFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
