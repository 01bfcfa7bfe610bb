import fc from 'fast-check';
import { types } from 'pg';
import { parseTimestamptz, timestamptzAsIso } from './timestamptz-parser';

/** pg's general parser (postgres-date), as installed before ours. */
const postgresDate = types.getTypeParser(1184, 'text') as (text: string) => Date | number | null;

const floorDiv = (a: bigint, b: bigint): bigint => a / b - (a % b < 0n ? 1n : 0n);

/** A timestamp as PostgreSQL writes it to a UTC session: microseconds, trailing zeros dropped. */
function asPostgresWritesIt(epochMicros: bigint): string {
  const iso = new Date(Number(floorDiv(epochMicros, 1000n))).toISOString(); // 2026-11-25T19:56:11.123Z
  const micros = (((epochMicros % 1_000_000n) + 1_000_000n) % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micros === '' ? '' : `.${micros}`}+00`;
}

describe('the timestamptz parser of our UTC sessions', () => {
  it('reads every instant from year 1000 to 9999 to the millisecond, cutting the microseconds', () => {
    const from = BigInt(Date.UTC(1000, 0, 1)) * 1000n;
    const to = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) * 1000n + 999n;
    fc.assert(
      fc.property(fc.bigInt({ min: from, max: to }), (micros) => {
        const parsed = parseTimestamptz(asPostgresWritesIt(micros));
        expect(parsed).toBeInstanceOf(Date);
        expect((parsed as Date).getTime()).toBe(Number(floorDiv(micros, 1000n)));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads whole seconds and short fractions', () => {
    expect((parseTimestamptz('2026-11-25 19:56:11+00') as Date).toISOString()).toBe('2026-11-25T19:56:11.000Z');
    expect((parseTimestamptz('2026-11-25 19:56:11.1+00') as Date).toISOString()).toBe('2026-11-25T19:56:11.100Z');
    expect((parseTimestamptz('2026-11-25 19:56:11.009+00') as Date).toISOString()).toBe('2026-11-25T19:56:11.009Z');
    expect((parseTimestamptz('2026-11-25 19:56:11.999999+00') as Date).toISOString()).toBe('2026-11-25T19:56:11.999Z');
  });

  it("leaves every other text to pg's general parser, with the same answer", () => {
    for (const text of [
      '2026-11-25 19:56:11.123456+08',
      '2026-11-25 19:56:11-05:30',
      '2026-11-25 19:56:11+00:00:12',
      '0099-03-01 00:00:00+00',
      '2026-11-25 19:56:11+00 BC',
      'infinity',
      '-infinity',
      '12026-11-25 19:56:11+00',
    ]) {
      expect(parseTimestamptz(text)).toEqual(postgresDate(text));
    }
  });
});

describe('timestamptz texts as ISO 8601, without a Date', () => {
  it('gives exactly what Date.toISOString() gives for the instant, fast path or not', () => {
    const from = BigInt(Date.UTC(1000, 0, 1)) * 1000n;
    const to = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) * 1000n + 999n;
    fc.assert(
      fc.property(fc.bigInt({ min: from, max: to }), (micros) => {
        const text = asPostgresWritesIt(micros);
        expect(timestamptzAsIso(text)).toBe((parseTimestamptz(text) as Date).toISOString());
      }),
      { numRuns: 2000 },
    );
    for (const text of ['2026-11-25 19:56:11+00', '2026-11-25 19:56:11.5+00', '2026-11-25 19:56:11.123456+08', '0099-03-01 00:00:00+00']) {
      expect(timestamptzAsIso(text)).toBe((postgresDate(text) as Date).toISOString());
    }
  });
});
