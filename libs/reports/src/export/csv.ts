import { csvCell as sharedCsvCell } from '@serai/common';

/**
 * The reports' view of the hub's one CSV writer (libs/common/src/export/csv.ts: RFC 4180, CRLF,
 * formula injection neutralised, numbers written as numbers). Report cells are text, numbers or
 * empty; a number that is not finite is a bug upstream, refused rather than written as "NaN".
 */
export { neutraliseFormula, UTF8_BOM } from '@serai/common';

export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return sharedCsvCell(value);
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
