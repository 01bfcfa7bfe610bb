import { InvariantViolation } from '../errors/invariant-violation.error';
import { offsetMinutes } from './utc-offset';

// Years 0000-9999 only, so every instant prints as a four-digit-year ISO string.
const MIN_EPOCH_MILLIS = -62_167_219_200_000;
const MAX_EPOCH_MILLIS = 253_402_300_799_999;

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * A point on the UTC time line, with millisecond precision. The domain's only time type: a
 * `Date` or a zone-less string never crosses the domain, because "2024-09-01 10:00:00" means
 * different instants to Nengmao (GMT+8) and to a server running in UTC.
 */
export class Instant {
  private constructor(readonly epochMillis: number) {}

  static fromEpochMillis(epochMillis: number): Instant {
    if (!Number.isSafeInteger(epochMillis) || epochMillis < MIN_EPOCH_MILLIS || epochMillis > MAX_EPOCH_MILLIS) {
      throw new InvariantViolation('instant', `epoch milliseconds out of range: ${String(epochMillis)}`);
    }
    return new Instant(epochMillis);
  }

  /** A `Date` is already an absolute instant; this is the door for database timestamps (timestamptz). */
  static fromDate(date: Date): Instant {
    return Instant.fromEpochMillis(date.getTime());
  }

  /**
   * Reads ISO-8601 text that states its zone ("...Z" or "...+08:00"). Text without a zone is
   * refused; use `parseProviderLocalTime` and say which offset the provider means. Digits below
   * the millisecond (Envoy sends microseconds) are truncated.
   */
  static parse(text: string, field = 'instant'): Instant {
    const match = typeof text === 'string' ? ISO_WITH_ZONE.exec(text) : null;
    if (match === null) {
      throw new InvariantViolation(field, `must be ISO-8601 with a zone such as "2024-09-01T02:00:00Z", got ${JSON.stringify(text)}`);
    }
    const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
    const local = localMillis(
      {
        year: Number(year),
        month: Number(month),
        day: Number(day),
        hour: Number(hour),
        minute: Number(minute),
        second: Number(second),
        millisecond: Number(fraction.padEnd(3, '0').slice(0, 3)),
      },
      field,
    );
    return Instant.fromEpochMillis(local - offsetMinutes(zone, field) * 60_000);
  }

  static now(): Instant {
    return new Instant(Date.now());
  }

  toDate(): Date {
    return new Date(this.epochMillis);
  }

  /** "2024-09-01T02:00:00.000Z": always UTC, so stored and compared text sorts by time. */
  toISOString(): string {
    return new Date(this.epochMillis).toISOString();
  }

  toJSON(): string {
    return this.toISOString();
  }

  toString(): string {
    return this.toISOString();
  }

  plusMillis(milliseconds: number): Instant {
    return Instant.fromEpochMillis(this.epochMillis + milliseconds);
  }

  equals(other: Instant): boolean {
    return this.epochMillis === other.epochMillis;
  }

  isBefore(other: Instant): boolean {
    return this.epochMillis < other.epochMillis;
  }

  isAfter(other: Instant): boolean {
    return this.epochMillis > other.epochMillis;
  }

  compare(other: Instant): -1 | 0 | 1 {
    return this.epochMillis < other.epochMillis ? -1 : this.epochMillis > other.epochMillis ? 1 : 0;
  }
}

/** Wall-clock fields of a local date-time. */
export interface LocalDateTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/**
 * The fields read as if they were UTC, in epoch milliseconds. Refuses impossible dates
 * (2023-02-29, 24:00, second 60) instead of letting `Date` roll them over.
 */
export function localMillis(fields: LocalDateTimeFields, field: string): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, fields.millisecond);
  const valid =
    date.getUTCFullYear() === fields.year &&
    date.getUTCMonth() === fields.month - 1 &&
    date.getUTCDate() === fields.day &&
    date.getUTCHours() === fields.hour &&
    date.getUTCMinutes() === fields.minute &&
    date.getUTCSeconds() === fields.second;
  if (!valid) throw new InvariantViolation(field, 'is not a valid calendar date and time');
  return date.getTime();
}
