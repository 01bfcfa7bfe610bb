/**
 * The return state machine, one table:
 *   requested → approved | rejected | cancelled
 *   approved  → received | cancelled          (buyer may still withdraw before sending)
 *   received  → refunded | rejected           (inspection can fail after the goods arrive)
 *   refunded, rejected, cancelled: terminal
 */
export const RETURN_STATUSES = ['requested', 'approved', 'received', 'refunded', 'rejected', 'cancelled'] as const;

export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_TRANSITIONS: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  requested: ['approved', 'rejected', 'cancelled'],
  approved: ['received', 'cancelled'],
  received: ['refunded', 'rejected'],
  refunded: [],
  rejected: [],
  cancelled: [],
};

export function isReturnTransitionAllowed(from: ReturnStatus, to: ReturnStatus): boolean {
  return RETURN_TRANSITIONS[from].includes(to);
}

export function isReturnStatus(value: string): value is ReturnStatus {
  return (RETURN_STATUSES as readonly string[]).includes(value);
}
