import { Readable } from 'node:stream';
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { csvLine, UTF8_BOM } from '@serai/common';

/** How a list answers: a JSON page (default), or every matching row streamed as CSV or JSON lines. */
export type ListFormat = 'json' | 'csv' | 'ndjson';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

/** One CSV column: its header and how a row gives its cell. */
export interface ExportColumn<T> {
  readonly header: string;
  readonly value: (row: T) => unknown;
}

/** A list's export: its file name, CSV columns, and the rows (page by page, any number of pages). */
export interface ListExport<T> {
  readonly name: string;
  readonly columns: readonly ExportColumn<T>[];
  readonly pages: AsyncIterable<readonly T[]>;
}

/**
 * Reads `Accept`: `text/csv` or `application/x-ndjson` (also `application/jsonl`) ask for an
 * export; anything else, including `*\/*` and none, the JSON page.
 */
export function listFormatOf(accept: string | undefined): ListFormat {
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  if (types.includes('text/csv')) return 'csv';
  if (types.includes('application/x-ndjson') || types.includes('application/jsonl')) return 'ndjson';
  return 'json';
}

/** Walks a keyset-paginated query to its end: each page's `next` is the position after it. */
export async function* walkPages<T, C>(
  fetch: (after: C | undefined) => Promise<{ readonly rows: readonly T[]; readonly next?: C }>,
): AsyncIterable<readonly T[]> {
  let after: C | undefined;
  do {
    const page = await fetch(after);
    if (page.rows.length > 0) yield page.rows;
    after = page.next;
  } while (after !== undefined);
}

async function* csvText<T>(columns: readonly ExportColumn<T>[], pages: AsyncIterable<readonly T[]>): AsyncIterable<string> {
  yield UTF8_BOM + csvLine(columns.map((c) => c.header));
  for await (const rows of pages) yield rows.map((row) => csvLine(columns.map((c) => c.value(row)))).join('');
}

async function* ndjsonText<T>(pages: AsyncIterable<readonly T[]>): AsyncIterable<string> {
  for await (const rows of pages) yield rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/**
 * The export as a stream: rows leave as they are read, page after page, so memory stays flat
 * however many rows match (backpressure from the socket pauses the reading). CSV starts with a
 * UTF-8 BOM and every cell is formula-neutralised (libs/common csv); JSON lines carry each row as
 * the JSON list shows it.
 */
export function streamListExport<T>(format: Exclude<ListFormat, 'json'>, list: ListExport<T>): StreamableFile {
  const text = format === 'csv' ? csvText(list.columns, list.pages) : ndjsonText(list.pages);
  return new StreamableFile(Readable.from(text, { objectMode: false, encoding: 'utf8' }), {
    type: format === 'csv' ? CSV_CONTENT_TYPE : NDJSON_CONTENT_TYPE,
    disposition: `attachment; filename="${list.name}.${format === 'csv' ? 'csv' : 'ndjson'}"`,
  });
}

/** Documents that a list also answers `text/csv` and `application/x-ndjson` (the OpenAPI completer adds the media types). */
export function ApiListExport(): MethodDecorator {
  return applyDecorators(
    ApiExtension('x-list-export', true),
    ApiHeader({
      name: 'Accept',
      required: false,
      description:
        '`application/json` (default): one page. `text/csv` (UTF-8 with BOM, formula-neutralised) or `application/x-ndjson`: every matching row from `cursor` on, streamed; `limit` is ignored.',
      schema: { type: 'string', enum: ['application/json', 'text/csv', 'application/x-ndjson'] },
    }),
  );
}
