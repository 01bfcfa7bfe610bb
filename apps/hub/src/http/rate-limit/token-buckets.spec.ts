import { TokenBuckets } from './token-buckets';

describe('token buckets per API key', () => {
  let clock = 0;
  const buckets = (): TokenBuckets => new TokenBuckets({ perSecond: 2, burst: 3 }, () => clock);

  beforeEach(() => {
    clock = 0;
  });

  it('grants a burst, then says how long until the next token', () => {
    const b = buckets();
    expect([b.take('k'), b.take('k'), b.take('k')]).toEqual([0, 0, 0]);
    expect(b.take('k')).toBe(500);
  });

  it('refills at the sustained rate, never above the burst', () => {
    const b = buckets();
    for (let i = 0; i < 3; i += 1) b.take('k');
    clock = 500;
    expect(b.take('k')).toBe(0);
    expect(b.take('k')).toBeGreaterThan(0);
    clock = 60_000;
    expect([b.take('k'), b.take('k'), b.take('k'), b.take('k')]).toEqual([0, 0, 0, 500]);
  });

  it('keeps one bucket per key', () => {
    const b = buckets();
    for (let i = 0; i < 3; i += 1) b.take('a');
    expect(b.take('a')).toBeGreaterThan(0);
    expect(b.take('b')).toBe(0);
  });

  it('forgets buckets that have been idle long enough to be full again', () => {
    const b = buckets();
    for (let i = 0; i < 2000; i += 1) {
      clock = i * 10_000;
      b.take(`key-${i}`);
    }
    expect((b as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThan(1100);
  });
});
