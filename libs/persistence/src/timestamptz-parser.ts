import { types } from 'pg';

const TIMESTAMPTZ_OID = 1184;
/** pg's own parser (postgres-date), kept for every text the fast path does not recognise. */
const generalParser = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date | number | null;

const PLUS = 43;
const ZERO = 48;
const NINE = 57;

/** The number written by the digits of text[from, to), or -1 if one of them is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return value;
}

interface UtcParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
}

/**
 * The parts of a timestamptz as PostgreSQL writes it to a session in UTC (ours all are:
 * `-c timezone=UTC`), `2026-11-25 19:56:11.123456+00`, read without regular expressions, the
 * instant cut to the millisecond as a Date holds it; undefined for any other text (another
 * offset, BC, infinity, a year before 1000).
 */
function utcPartsOf(text: string): UtcParts | undefined {
  const n = text.length;
  const shaped =
    n >= 22 &&
    n <= 29 &&
    n !== 23 &&
    text.charCodeAt(n - 3) === PLUS &&
    text.charCodeAt(n - 2) === ZERO &&
    text.charCodeAt(n - 1) === ZERO &&
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === ' ' &&
    text[13] === ':' &&
    text[16] === ':' &&
    (n === 22 || text[19] === '.');
  if (!shaped) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  // Milliseconds: the first three fraction digits (PostgreSQL drops trailing zeros), the rest cut.
  const fraction = n === 22 ? 0 : digitsAt(text, 20, n - 3);
  const fractionDigits = n === 22 ? 0 : n - 23;
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) return undefined;
  const ms = fractionDigits <= 3 ? fraction * 10 ** (3 - fractionDigits) : Math.floor(fraction / 10 ** (fractionDigits - 3));
  return { year, month, day, hour, minute, second, ms };
}

/**
 * A timestamptz of our UTC sessions as a Date, a few times cheaper than pg's general parser (order
 * pages read four per row); any text the fast path does not recognise goes to that parser.
 */
export function parseTimestamptz(text: string): Date | number | null {
  const p = utcPartsOf(text);
  if (p === undefined) return generalParser(text);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms));
}

/**
 * The same instant as the ISO 8601 text `Date.toISOString()` gives for it
 * (`2026-11-25T19:56:11.123Z`), built from the text itself without a Date: for reads that only
 * pass timestamps on to JSON (ADR 0023). Texts off the fast path go through a Date.
 */
export function timestamptzAsIso(text: string): string | number | null {
  const p = utcPartsOf(text);
  if (p === undefined) {
    const parsed = generalParser(text);
    return parsed instanceof Date ? parsed.toISOString() : parsed;
  }
  const ms = p.ms < 10 ? `00${p.ms}` : p.ms < 100 ? `0${p.ms}` : String(p.ms);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${ms}Z`;
}

/** Installs {@link parseTimestamptz} for every pg connection of this process; idempotent. */
export function installTimestamptzParser(): void {
  types.setTypeParser(TIMESTAMPTZ_OID, parseTimestamptz);
}

/** pg's per-query type parsers: every type as usual, timestamptz as ISO text ({@link timestamptzAsIso}). */
export const ISO_TIMESTAMP_TYPES = {
  getTypeParser: (oid: number, format?: string): unknown =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? timestamptzAsIso : types.getTypeParser(oid, 'text'),
};
