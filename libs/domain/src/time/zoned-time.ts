import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant, localMillis } from './instant';
import { formatOffset, offsetMinutes, UtcOffset } from './utc-offset';

const PROVIDER_LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * Reads a provider's zone-less local time ("2024-09-01 10:00:00", also "2024-09-01T10:00",
 * or a bare date "2022-09-26" meaning local midnight) in the offset the provider is documented
 * to use, giving the instant. `parseProviderLocalTime('2024-09-01 10:00:00', '+08:00')` is
 * 2024-09-01T02:00:00Z.
 */
export function parseProviderLocalTime(text: string, offset: UtcOffset, field = 'time'): Instant {
  const match = typeof text === 'string' ? PROVIDER_LOCAL_TIME.exec(text.trim()) : null;
  if (match === null) {
    throw new InvariantViolation(field, `must be "yyyy-MM-dd HH:mm:ss", got ${JSON.stringify(text)}`);
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = ''] = match;
  const local = localMillis(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second),
      millisecond: Number(fraction.padEnd(3, '0')),
    },
    field,
  );
  return Instant.fromEpochMillis(local - offsetMinutes(offset, 'offset') * 60_000);
}

/**
 * Writes an instant as a provider's local time "yyyy-MM-dd HH:mm:ss" in the given offset.
 * Milliseconds are dropped because that format has none; callers that need them use
 * `formatIsoInZone`.
 */
export function formatInZone(instant: Instant, offset: UtcOffset): string {
  const shifted = shiftedDate(instant, offset);
  return `${datePart(shifted)} ${timePart(shifted)}`;
}

/** ISO-8601 with the offset written out, e.g. "2024-09-01T10:00:00.000+08:00" (Envoy's query ranges). */
export function formatIsoInZone(instant: Instant, offset: UtcOffset): string {
  const shifted = shiftedDate(instant, offset);
  const millis = String(shifted.getUTCMilliseconds()).padStart(3, '0');
  return `${datePart(shifted)}T${timePart(shifted)}.${millis}${formatOffset(offsetMinutes(offset))}`;
}

// A Date whose UTC fields are the wall-clock fields at the offset.
function shiftedDate(instant: Instant, offset: UtcOffset): Date {
  return new Date(instant.epochMillis + offsetMinutes(offset) * 60_000);
}

function datePart(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function timePart(date: Date): string {
  return `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
