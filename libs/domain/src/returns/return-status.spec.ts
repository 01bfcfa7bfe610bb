import { isReturnTransitionAllowed, RETURN_STATUSES, ReturnStatus } from './return-status';

const EXPECTED: readonly (readonly [ReturnStatus, ReturnStatus])[] = [
  ['requested', 'approved'],
  ['requested', 'rejected'],
  ['requested', 'cancelled'],
  ['approved', 'received'],
  ['approved', 'cancelled'],
  ['received', 'refunded'],
  ['received', 'rejected'],
];

describe('return status table', () => {
  const pairs = RETURN_STATUSES.flatMap((from) => RETURN_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('allows %s -> %s exactly when the lifecycle says so', (from, to) => {
    expect(isReturnTransitionAllowed(from, to)).toBe(EXPECTED.some(([f, t]) => f === from && t === to));
  });
});
