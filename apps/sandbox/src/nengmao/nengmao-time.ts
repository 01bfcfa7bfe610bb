import { NENGMAO_CODES } from './nengmao-codes';
import { NengmaoApiError } from './nengmao-envelope';

/**
 * Nengmao times are `yyyy-MM-dd HH:mm:ss` wall-clock strings in China Standard Time (TMG doc §2: "Time zone:GMT+8";
 * the brand doc gives the format on every time parameter). The TMG examples also send bare dates (`"2017-04-10"`),
 * which are read as midnight GMT+8 of that day.
 */
const GMT8_OFFSET_MS = 8 * 60 * 60 * 1000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatNengmaoTime(epochMs: number): string {
  const d = new Date(epochMs + GMT8_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `yyyyMMdd` in GMT+8, for numbers that embed a date (payment numbers, waybill files). */
export function formatNengmaoDate(epochMs: number): string {
  const d = new Date(epochMs + GMT8_OFFSET_MS);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** Parses a request time; undefined when the text is not a valid time (the caller decides the error). */
export function parseNengmaoTime(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 2020-02-31 over to March: refuse dates that do not exist.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return ms - GMT8_OFFSET_MS;
}

/** An optional time parameter of a request: absent is fine, malformed is error 400. */
export function readNengmaoTime(body: Readonly<Record<string, unknown>>, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'string' ? parseNengmaoTime(value) : undefined;
  if (ms === undefined) throw new NengmaoApiError(NENGMAO_CODES.parameter, `${field} must be yyyy-MM-dd HH:mm:ss (GMT+8)`);
  return ms;
}

/** Nengmao times have second precision (`yyyy-MM-dd HH:mm:ss`), as a DATETIME column would: stamps drop the milliseconds. */
export function toNengmaoSecond(epochMs: number): number {
  return epochMs - (((epochMs % 1000) + 1000) % 1000);
}

/** The sandbox clock's now, at Nengmao's second precision. */
export function nengmaoNowMs(clock: { nowMs(): number }): number {
  return toNengmaoSecond(clock.nowMs());
}
