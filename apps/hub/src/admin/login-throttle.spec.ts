import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets an address fail up to the limit, then makes it wait until the oldest failure leaves the window', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(0);
      throttle.recordFailure('10.0.0.1');
      now += 1_000;
    }
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(57);
    expect(throttle.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 57_000;
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('forgets an address once it signs in', () => {
    const throttle = new LoginThrottle(1, 60_000, () => 0);
    throttle.recordFailure('a');
    expect(throttle.retryAfterSeconds('a')).toBeGreaterThan(0);
    throttle.recordSuccess('a');
    expect(throttle.retryAfterSeconds('a')).toBe(0);
  });
});
