import { CallbackAuthThrottle } from './callback-auth-throttle';

describe('CallbackAuthThrottle', () => {
  let nowMs = 0;
  const clock = (): number => nowMs;
  beforeEach(() => {
    nowMs = 1_000_000;
  });

  it('blocks an address for one window once it reaches the failure limit, and reports the block once', () => {
    const throttle = new CallbackAuthThrottle(3, 60_000, clock);
    throttle.recordFailure('10.0.0.1');
    throttle.recordFailure('10.0.0.1');
    expect(throttle.check('10.0.0.1')).toEqual({ blocked: false, firstRefusal: false });
    throttle.recordFailure('10.0.0.1');
    expect(throttle.check('10.0.0.1')).toEqual({ blocked: true, firstRefusal: true });
    expect(throttle.check('10.0.0.1')).toEqual({ blocked: true, firstRefusal: false });
    expect(throttle.check('10.0.0.2').blocked).toBe(false);
    nowMs += 60_000;
    expect(throttle.check('10.0.0.1').blocked).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const throttle = new CallbackAuthThrottle(3, 60_000, clock);
    throttle.recordFailure('10.0.0.1');
    throttle.recordFailure('10.0.0.1');
    nowMs += 60_000;
    throttle.recordFailure('10.0.0.1');
    expect(throttle.check('10.0.0.1').blocked).toBe(false);
  });

  it('tracks a bounded number of addresses, dropping the oldest', () => {
    const throttle = new CallbackAuthThrottle(2, 60_000, clock, 100);
    throttle.recordFailure('first');
    throttle.recordFailure('first');
    for (let i = 0; i < 100; i += 1) throttle.recordFailure(`other-${i}`);
    // `first` was the oldest entry and has been forgotten: memory stays bounded under a flood of addresses.
    expect(throttle.check('first').blocked).toBe(false);
    throttle.recordFailure('other-99');
    expect(throttle.check('other-99').blocked).toBe(true);
  });
});
