import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stream as excelStream } from 'exceljs';
import type { DiscrepancyRow } from '../run/discrepancy.repository';
import { csvLine, UTF8_BOM } from './csv';
import { DISCREPANCY_COLUMNS } from './discrepancy-columns';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** Waits until the consumer took what is buffered; fails when it went away (a download cancelled), so the export stops reading. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  // Whichever comes first; the other listener is removed (abort), so waiting often never piles up listeners.
  const abort = new AbortController();
  const settle = (event: string): Promise<unknown> => once(out, event, { signal: abort.signal }).catch(() => undefined);
  try {
    await Promise.race([settle('drain'), settle('close')]);
  } finally {
    abort.abort();
  }
  if (out.destroyed) throw new Error('the export stream was closed before it ended');
}

/** Writes and waits for the consumer when its buffer is full: memory stays bounded however slow it reads. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('the export stream was closed before it ended');
  out.write(chunk);
  await drained(out);
}

/** Money as exact decimal text with at least two places (12.3400 -> 12.34), never through a float. */
function moneyText(value: string): string {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const cents = (fraction + '00').slice(0, 2);
  const rest = fraction.slice(2).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}.${cents}${rest}`;
}

/** CSV: BOM, header, one line per discrepancy; dates ISO-8601 with zone, money as decimal text. */
export async function writeDiscrepanciesCsv(batches: AsyncIterable<readonly DiscrepancyRow[]>, out: Writable): Promise<number> {
  let rows = 0;
  await write(out, UTF8_BOM + csvLine(DISCREPANCY_COLUMNS.map((c) => c.header)));
  for await (const batch of batches) {
    let chunk = '';
    for (const row of batch) {
      chunk += csvLine(
        DISCREPANCY_COLUMNS.map((column) => {
          const value = column.value(row);
          if (value === null) return null;
          if (value instanceof Date) return value.toISOString();
          if (column.type === 'money') return moneyText(String(value));
          return value;
        }),
      );
    }
    rows += batch.length;
    await write(out, chunk);
  }
  out.end();
  return rows;
}

/** JSON lines: one discrepancy object a line, amounts as decimal text. */
export async function writeDiscrepanciesJsonl(batches: AsyncIterable<readonly DiscrepancyRow[]>, out: Writable): Promise<number> {
  let rows = 0;
  for await (const batch of batches) {
    await write(out, batch.map((row) => JSON.stringify(row)).join('\n') + '\n');
    rows += batch.length;
  }
  out.end();
  return rows;
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialised into the zip)
 * as it is written, so the workbook is never held in memory. Typed cells: numbers as numbers,
 * money as a number with a two-decimal format, times as dates.
 */
export async function writeDiscrepanciesXlsx(batches: AsyncIterable<readonly DiscrepancyRow[]>, out: Writable): Promise<number> {
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('discrepancies');
  sheet.columns = DISCREPANCY_COLUMNS.map((column) => ({
    header: column.header,
    key: column.header,
    width: column.type === 'text' ? 24 : 20,
    style: column.type === 'money' ? { numFmt: '#,##0.00' } : column.type === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
  }));
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      sheet
        .addRow(
          DISCREPANCY_COLUMNS.map((column) => {
            const value = column.value(row);
            if (value === null) return null;
            // numeric(18,4) as a spreadsheet number: the cell is a double by the file format's own definition.
            if (column.type === 'money') return Number(value);
            return value;
          }),
        )
        .commit();
    }
    rows += batch.length;
    await drained(out);
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
