import { Instant, offsetMinutes } from '@serai/domain';

/**
 * When a marketplace connection gets its daily full stock push. The TMALL Global document asks
 * for a full push at 2 am daily, in China time (GMT+8) whatever zone the hub runs in; a
 * connection may choose another time (`fullStockPushAt`, HH:MM) and zone (`fullStockPushZone`,
 * an offset such as +08:00).
 */
export interface FullPushSchedule {
  /** Minutes after local midnight. */
  readonly minuteOfDay: number;
  /** The zone's offset from UTC, in minutes. */
  readonly offsetMinutes: number;
}

export const DEFAULT_FULL_PUSH_AT = '02:00';
export const DEFAULT_FULL_PUSH_ZONE = '+08:00';
const DAY_MS = 86_400_000;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export class InvalidFullPushSchedule extends Error {
  constructor(
    readonly connectionName: string,
    readonly problems: readonly string[],
  ) {
    super(`Connection ${connectionName} has an invalid full push schedule: ${problems.join('; ')}`);
    this.name = 'InvalidFullPushSchedule';
  }
}

export function readFullPushSchedule(connectionName: string, options: Readonly<Record<string, unknown>>): FullPushSchedule {
  const problems: string[] = [];
  const at = options.fullStockPushAt ?? DEFAULT_FULL_PUSH_AT;
  const zone = options.fullStockPushZone ?? DEFAULT_FULL_PUSH_ZONE;
  const time = typeof at === 'string' ? HH_MM.exec(at) : null;
  if (!time) problems.push('options.fullStockPushAt must be a time of day HH:MM (00:00 to 23:59)');
  let offset = 0;
  try {
    if (typeof zone !== 'string') throw new Error('not an offset');
    offset = offsetMinutes(zone, 'fullStockPushZone');
  } catch {
    problems.push('options.fullStockPushZone must be a UTC offset such as +08:00 (or Z)');
  }
  if (problems.length > 0 || !time) throw new InvalidFullPushSchedule(connectionName, problems);
  return { minuteOfDay: Number(time[1]) * 60 + Number(time[2]), offsetMinutes: offset };
}

/** The latest scheduled moment at or before `now` (e.g. today's 02:00 GMT+8, or yesterday's if it is not 2 am there yet). */
export function latestScheduledAt(now: Instant, schedule: FullPushSchedule): Instant {
  const offsetMs = schedule.offsetMinutes * 60_000;
  // Shift into the zone, find its local midnight, shift back: a day in GMT+8 starts at 16:00 UTC.
  const local = now.epochMillis + offsetMs;
  const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  let at = localMidnight + schedule.minuteOfDay * 60_000 - offsetMs;
  if (at > now.epochMillis) at -= DAY_MS;
  return Instant.fromEpochMillis(at);
}

/** A full push is due when none was made yet, or the last one started before the latest scheduled moment. */
export function isFullPushDue(now: Instant, lastFullAt: Instant | undefined, schedule: FullPushSchedule): boolean {
  return lastFullAt === undefined || lastFullAt.isBefore(latestScheduledAt(now, schedule));
}
