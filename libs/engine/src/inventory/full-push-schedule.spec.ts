import { Instant } from '@serai/domain';
import { InvalidFullPushSchedule, isFullPushDue, latestScheduledAt, readFullPushSchedule } from './full-push-schedule';

const at = (iso: string): Instant => Instant.parse(iso);

describe('full stock push schedule (TMALL Global: 2 am daily, China time)', () => {
  const tmg = readFullPushSchedule('tmg-demo', {});

  it('places 2 am GMT+8 at 18:00 UTC of the day before, whatever zone the hub runs in', () => {
    expect(latestScheduledAt(at('2026-11-25T18:30:00Z'), tmg).toISOString()).toBe('2026-11-25T18:00:00.000Z');
    // 01:59 in Shanghai on the 26th: the latest 2 am there was on the 25th.
    expect(latestScheduledAt(at('2026-11-25T17:59:00Z'), tmg).toISOString()).toBe('2026-11-24T18:00:00.000Z');
    // The same instant written in Shanghai time answers the same.
    expect(latestScheduledAt(at('2026-11-26T02:00:00+08:00'), tmg).toISOString()).toBe('2026-11-25T18:00:00.000Z');
  });

  it('is due before the first push, and once the next 2 am has passed since the last one', () => {
    expect(isFullPushDue(at('2026-11-25T10:00:00Z'), undefined, tmg)).toBe(true);
    const lastFull = at('2026-11-25T18:00:05Z'); // just after 2 am on the 26th in Shanghai
    expect(isFullPushDue(at('2026-11-26T09:00:00Z'), lastFull, tmg)).toBe(false);
    expect(isFullPushDue(at('2026-11-26T17:59:59Z'), lastFull, tmg)).toBe(false);
    expect(isFullPushDue(at('2026-11-26T18:00:00Z'), lastFull, tmg)).toBe(true);
  });

  it('is not 2 am UTC: a hub in UTC pushes at 18:00 its own time, not at its own 2 am', () => {
    const lastFull = at('2026-11-25T18:00:05Z');
    expect(isFullPushDue(at('2026-11-26T02:00:00Z'), lastFull, tmg)).toBe(false);
  });

  it('follows a connection’s own time and zone', () => {
    const schedule = readFullPushSchedule('nengmao-eu', { fullStockPushAt: '23:30', fullStockPushZone: '-05:00' });
    expect(latestScheduledAt(at('2026-11-26T04:45:00Z'), schedule).toISOString()).toBe('2026-11-26T04:30:00.000Z');
    expect(latestScheduledAt(at('2026-11-26T04:15:00Z'), schedule).toISOString()).toBe('2026-11-25T04:30:00.000Z');
  });

  it('refuses a time or zone it cannot read, naming the option', () => {
    expect(() => readFullPushSchedule('x', { fullStockPushAt: '2am' })).toThrow(InvalidFullPushSchedule);
    expect(() => readFullPushSchedule('x', { fullStockPushAt: '24:00' })).toThrow(/fullStockPushAt/);
    expect(() => readFullPushSchedule('x', { fullStockPushZone: 'Asia/Shanghai' })).toThrow(/fullStockPushZone/);
  });
});
