import { PilotApiError } from './pilot-api.error';
import {
  PILOT_MAX_PAGE_NO,
  PILOT_PAGE_SIZES,
  PILOT_STATUS_FILTERS,
  PILOT_STOCK_STATUSES,
  PILOT_STOCK_TYPES,
  PilotStatusFilter,
  PilotStockStatus,
  PilotStockType,
} from './pilot.wire';

export interface Page {
  readonly pageNo: number;
  readonly pageSize: number;
}

export interface InstantRange {
  readonly fromMs: number;
  readonly toMs: number;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One query parameter under its documented (snake_case) name or its camelCase twin. */
export function readParameter(query: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw PilotApiError.invalidInput(`query parameter ${name} must be given once`);
    return value;
  }
  return undefined;
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw PilotApiError.invalidInput(`${name} must be a whole number (got '${value}')`);
  return Number(value);
}

/** `page_no` 1–1000 (default 1) and `page_size` one of 1, 10, 50, 100, 1000 (default 10): "Required" yet defaulted. */
export function parsePage(query: Record<string, unknown>): Page {
  const pageNoText = readParameter(query, 'page_no', 'pageNo');
  const pageNo = pageNoText === undefined ? 1 : wholeNumber(pageNoText, 'page_no');
  if (pageNo < 1 || pageNo > PILOT_MAX_PAGE_NO) throw PilotApiError.invalidInput(`page_no must be between 1 and ${PILOT_MAX_PAGE_NO}`);
  const pageSizeText = readParameter(query, 'page_size', 'pageSize');
  const pageSize = pageSizeText === undefined ? 10 : wholeNumber(pageSizeText, 'page_size');
  if (!(PILOT_PAGE_SIZES as readonly number[]).includes(pageSize))
    throw PilotApiError.invalidInput(`page_size must be one of ${PILOT_PAGE_SIZES.join(', ')} (got ${pageSize})`);
  return { pageNo, pageSize };
}

export function parseStatusFilter(query: Record<string, unknown>): PilotStatusFilter {
  const status = readParameter(query, 'status') ?? 'UNPROCESSED';
  if (!(PILOT_STATUS_FILTERS as readonly string[]).includes(status))
    throw PilotApiError.invalidInput(`status must be one of ${PILOT_STATUS_FILTERS.join(', ')} (got '${status}')`);
  return status as PilotStatusFilter;
}

/** `created_range`: an ISO 8601 interval, "e.g. 2020-07-10T13:00:00Z/2020-07-11T15:30:00Z"; both ends included. */
export function parseCreatedRange(query: Record<string, unknown>): InstantRange | undefined {
  const value = readParameter(query, 'created_range', 'createdRange');
  if (value === undefined) return undefined;
  const [start, end, ...rest] = value.split('/');
  if (start === undefined || end === undefined || rest.length > 0 || !ISO_DATE_TIME.test(start) || !ISO_DATE_TIME.test(end))
    throw PilotApiError.invalidInput(
      'created_range must be an ISO 8601 interval start/end, e.g. 2020-07-10T13:00:00Z/2020-07-11T15:30:00Z',
    );
  const fromMs = Date.parse(start);
  const toMs = Date.parse(end);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw PilotApiError.invalidInput('created_range holds an impossible date-time');
  if (fromMs > toMs) throw PilotApiError.invalidInput('created_range ends before it starts');
  return { fromMs, toMs };
}

/**
 * `stock_status` / `stock_type`: the descriptions number the options (1, Good product; ...) while
 * the enumerations are words (catalogue §7.13); both are accepted, words are answered.
 */
export function parseStockStatus(query: Record<string, unknown>): PilotStockStatus | undefined {
  return parseNumberedEnum(readParameter(query, 'stock_status', 'stockStatus'), PILOT_STOCK_STATUSES, 'stock_status');
}

export function parseStockType(query: Record<string, unknown>): PilotStockType | undefined {
  return parseNumberedEnum(readParameter(query, 'stock_type', 'stockType'), PILOT_STOCK_TYPES, 'stock_type');
}

function parseNumberedEnum<T extends string>(value: string | undefined, values: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  const byNumber = /^\d+$/.test(value) ? values[Number(value) - 1] : undefined;
  const found = byNumber ?? values.find((v) => v === value);
  if (found === undefined)
    throw PilotApiError.invalidInput(`${name} must be one of ${values.join(', ')} (or 1–${values.length}) (got '${value}')`);
  return found;
}

export function pageOf<T>(items: readonly T[], page: Page): T[] {
  const start = (page.pageNo - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}
