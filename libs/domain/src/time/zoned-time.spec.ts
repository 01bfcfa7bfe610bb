import fc from 'fast-check';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant } from './instant';
import { CHINA_STANDARD_TIME, formatOffset, offsetMinutes } from './utc-offset';
import { formatInZone, formatIsoInZone, parseProviderLocalTime } from './zoned-time';

describe('zoned time', () => {
  it('reads Nengmao local time as GMT+8', () => {
    const instant = parseProviderLocalTime('2024-09-01 10:00:00', CHINA_STANDARD_TIME);
    expect(instant.toISOString()).toBe('2024-09-01T02:00:00.000Z');
  });

  it('crosses the date line backwards for early-morning China time', () => {
    expect(parseProviderLocalTime('2020-03-26 05:33:33', '+08:00').toISOString()).toBe('2020-03-25T21:33:33.000Z');
  });

  it('reads a bare date as local midnight', () => {
    expect(parseProviderLocalTime('2022-09-26', '+08:00').toISOString()).toBe('2022-09-25T16:00:00.000Z');
  });

  it('writes an instant as local time in the offset', () => {
    const instant = Instant.parse('2024-12-31T20:30:15.999Z');
    expect(formatInZone(instant, '+08:00')).toBe('2025-01-01 04:30:15');
    expect(formatInZone(instant, 'Z')).toBe('2024-12-31 20:30:15');
    expect(formatInZone(instant, '-05:30')).toBe('2024-12-31 15:00:15');
  });

  it('writes ISO-8601 with the offset spelled out', () => {
    const instant = Instant.parse('2024-09-01T02:00:00.123Z');
    expect(formatIsoInZone(instant, '+08:00')).toBe('2024-09-01T10:00:00.123+08:00');
    expect(formatIsoInZone(instant, 'Z')).toBe('2024-09-01T02:00:00.123+00:00');
    expect(Instant.parse(formatIsoInZone(instant, '-03:00')).equals(instant)).toBe(true);
  });

  it.each(['2024/09/01 10:00:00', '2024-09-01 10:00:00+08:00', '2023-02-29 10:00:00', '2024-09-01 25:00:00', '', '10:00'])(
    'refuses the provider time %p',
    (text) => {
      expect(() => parseProviderLocalTime(text, '+08:00')).toThrow(InvariantViolation);
    },
  );

  it.each(['GMT+8', '+8', '+08:60', '+15:00', 'CST'])('refuses the offset %p', (offset) => {
    expect(() => offsetMinutes(offset)).toThrow(InvariantViolation);
    expect(() => parseProviderLocalTime('2024-09-01 10:00:00', offset)).toThrow(InvariantViolation);
  });

  it('reads and writes offsets in minutes', () => {
    expect([offsetMinutes('Z'), offsetMinutes('+08:00'), offsetMinutes('-05:30'), offsetMinutes('+0545')]).toEqual([0, 480, -330, 345]);
    expect([formatOffset(480), formatOffset(-330), formatOffset(0)]).toEqual(['+08:00', '-05:30', '+00:00']);
  });

  // Fixed offsets have no daylight-saving gaps or folds, so every local second maps to exactly one instant.
  const offsets = fc.integer({ min: -48, max: 56 }).map((quarters) => formatOffset(quarters * 15));
  const instantsToTheSecond = fc
    .integer({ min: 0, max: 4_102_444_800 }) // 1970 .. 2100
    .map((seconds) => Instant.fromEpochMillis(seconds * 1000));

  it('round-trips instant -> local text -> instant in any fixed offset', () => {
    fc.assert(
      fc.property(instantsToTheSecond, offsets, (instant, offset) => {
        expect(parseProviderLocalTime(formatInZone(instant, offset), offset).equals(instant)).toBe(true);
      }),
    );
  });

  it('round-trips local text -> instant -> local text in any fixed offset', () => {
    fc.assert(
      fc.property(instantsToTheSecond, offsets, (instant, offset) => {
        const text = formatInZone(instant, 'Z');
        expect(formatInZone(parseProviderLocalTime(text, offset), offset)).toBe(text);
      }),
    );
  });

  it('round-trips ISO text with offset back to the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), offsets, (millis, offset) => {
        const instant = Instant.fromEpochMillis(millis);
        expect(Instant.parse(formatIsoInZone(instant, offset)).equals(instant)).toBe(true);
      }),
    );
  });
});
