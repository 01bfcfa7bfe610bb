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

/**
 * A timestamptz as PostgreSQL writes it to a session in UTC (ours all are: `-c timezone=UTC`),
 * `2026-11-25 19:56:11.123456+00`, read without regular expressions; the instant is cut to the
 * millisecond, as a Date holds it. Anything else (another offset, BC, infinity, a year before
 * 1000) goes to pg's general parser. Order pages read four of these per row: this is a few
 * times cheaper than the general parser (ADR 0023).
 */
export function parseTimestamptz(text: string): Date | number | null {
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
  if (shaped) {
    const year = digitsAt(text, 0, 4);
    const month = digitsAt(text, 5, 7);
    const day = digitsAt(text, 8, 10);
    const hour = digitsAt(text, 11, 13);
    const minute = digitsAt(text, 14, 16);
    const second = digitsAt(text, 17, 19);
    // Milliseconds: the first three fraction digits (PostgreSQL drops trailing zeros), the rest cut.
    const fraction = n === 22 ? 0 : digitsAt(text, 20, n - 3);
    const fractionDigits = n === 22 ? 0 : n - 23;
    if (year >= 1000 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && fraction >= 0) {
      const ms = fractionDigits <= 3 ? fraction * 10 ** (3 - fractionDigits) : Math.floor(fraction / 10 ** (fractionDigits - 3));
      return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
    }
  }
  return generalParser(text);
}

/** Installs {@link parseTimestamptz} for every pg connection of this process; idempotent. */
export function installTimestamptzParser(): void {
  types.setTypeParser(TIMESTAMPTZ_OID, parseTimestamptz);
}
