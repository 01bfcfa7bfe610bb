import { InvariantViolation } from '../errors/invariant-violation.error';

/**
 * A fixed offset from UTC, "+08:00" or "Z". Fixed offsets, not IANA zones: every provider we
 * talk to states an offset (Nengmao "GMT+8", Envoy ISO-8601 with offset), and a fixed offset has
 * no daylight-saving gaps, so local text <-> instant is a bijection.
 */
export type UtcOffset = string;

/** China Standard Time, the zone of Nengmao's `yyyy-MM-dd HH:mm:ss` strings (TMG doc: "Time zone:GMT+8"). */
export const CHINA_STANDARD_TIME: UtcOffset = '+08:00';

export const UTC: UtcOffset = 'Z';

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** Minutes east of UTC; accepts "Z", "+08:00" and "+0800", refuses anything beyond ±14:00. */
export function offsetMinutes(offset: UtcOffset, field = 'offset'): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const match = OFFSET.exec(offset);
  if (match === null) throw new InvariantViolation(field, `must be "Z" or "+HH:MM", got ${JSON.stringify(offset)}`);
  const [, sign, hours, minutes] = match;
  const total = Number(hours) * 60 + Number(minutes);
  if (Number(minutes) > 59 || total > 14 * 60) throw new InvariantViolation(field, `is out of range: ${offset}`);
  return sign === '-' ? -total : total;
}

/** "+08:00" form of an offset given in minutes; zero is written "+00:00", as ISO-8601 local times usually are. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const magnitude = Math.abs(minutes);
  return `${sign}${pad(Math.floor(magnitude / 60), 2)}:${pad(magnitude % 60, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
