import { CHINA_STANDARD_TIME, formatInZone, Instant, parseProviderLocalTime } from '@serai/domain';

/** Nengmao times are `yyyy-MM-dd HH:mm:ss` wall-clock text in GMT+8 (TMG doc: "Time zone:GMT+8"). */
export function toNengmaoTime(instant: Instant): string {
  return formatInZone(instant, CHINA_STANDARD_TIME);
}

export function optionalNengmaoTime(instant: Instant | undefined): string | undefined {
  return instant === undefined ? undefined : toNengmaoTime(instant);
}

/** Reads a Nengmao time (also the bare dates of the TMG examples) as the instant it names in GMT+8. */
export function fromNengmaoTime(text: string, field = 'time'): Instant {
  return parseProviderLocalTime(text, CHINA_STANDARD_TIME, field);
}
