import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant } from './instant';

describe('Instant', () => {
  it('reads ISO-8601 with an offset as the same instant as its UTC form', () => {
    expect(Instant.parse('2024-09-01T10:00:00+08:00').toISOString()).toBe('2024-09-01T02:00:00.000Z');
    expect(Instant.parse('2024-09-01T10:00:00+0800').toISOString()).toBe('2024-09-01T02:00:00.000Z');
    expect(Instant.parse('2024-09-01T02:00:00Z').equals(Instant.parse('2024-08-31T21:00:00-05:00'))).toBe(true);
  });

  it('truncates Envoy microseconds to milliseconds', () => {
    expect(Instant.parse('2019-07-12T13:13:52.004637+01:00').toISOString()).toBe('2019-07-12T12:13:52.004Z');
    expect(Instant.parse('2019-07-12T13:13:52.5Z').epochMillis % 1000).toBe(500);
  });

  it.each(['2024-09-01 10:00:00', '2024-09-01T10:00:00', '2024-09-01', 'yesterday', ''])('refuses %p because it states no zone', (text) => {
    expect(() => Instant.parse(text)).toThrow(InvariantViolation);
  });

  it.each(['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:00:60Z', '2024-01-01T00:00:00+15:00'])(
    'refuses the impossible time %p',
    (text) => {
      expect(() => Instant.parse(text)).toThrow(InvariantViolation);
    },
  );

  it('accepts the leap day of a leap year', () => {
    expect(Instant.parse('2024-02-29T12:00:00Z').toISOString()).toBe('2024-02-29T12:00:00.000Z');
  });

  it('names the field it could not read', () => {
    expect(() => Instant.parse('nope', 'paidAt')).toThrow(expect.objectContaining({ field: 'paidAt' }));
  });

  it('converts to and from Date and epoch milliseconds', () => {
    const instant = Instant.fromEpochMillis(1_725_156_000_000);
    expect(instant.toDate().toISOString()).toBe('2024-09-01T02:00:00.000Z');
    expect(Instant.fromDate(new Date('2024-09-01T02:00:00Z')).equals(instant)).toBe(true);
    expect(() => Instant.fromDate(new Date('invalid'))).toThrow(InvariantViolation);
    expect(() => Instant.fromEpochMillis(1.5)).toThrow(InvariantViolation);
  });

  it('serialises to UTC ISO text', () => {
    expect(JSON.stringify({ at: Instant.fromEpochMillis(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });

  it('orders instants', () => {
    const earlier = Instant.parse('2024-09-01T00:00:00Z');
    const later = earlier.plusMillis(1);
    expect([earlier.isBefore(later), later.isAfter(earlier), earlier.compare(later), later.compare(earlier)]).toEqual([true, true, -1, 1]);
    expect(earlier.compare(Instant.parse('2024-09-01T08:00:00+08:00'))).toBe(0);
  });
});
