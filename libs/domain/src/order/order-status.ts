/**
 * The order state machine: ONE table of the edges each named action may take. The Order
 * aggregate consults only this table, and the persistence layer and API can print it.
 *
 *   received ─acknowledge→ acknowledged ─markForwarded→ forwarded ─recordShipment→ partially_shipped ⟲ / shipped
 *   shipped ─markDelivered→ delivered
 *   received | acknowledged | forwarded | partially_shipped ─requestCancellation→ cancellation_requested
 *   cancellation_requested ─confirmCancellation→ cancelled | ─refuseCancellation→ cancellation_refused
 *   received | acknowledged | forwarded ─cancelByBrand→ cancelled
 *
 * cancellation_refused has no row of its own: it RESUMES the status the cancellation request
 * interrupted (kept on the aggregate as `cancellation.interrupted`). Every action legal from
 * that status is legal from cancellation_refused and nothing else is: an order refused while
 * `forwarded` may be shipped but not forwarded again, one refused while `received` must still be
 * acknowledged. The status itself stays visible until the next transition, so the back office
 * sees that a cancellation was refused.
 */
export const ORDER_STATUSES = [
  'received',
  'acknowledged',
  'forwarded',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancellation_requested',
  'cancelled',
  'cancellation_refused',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = [
  'acknowledge',
  'markForwarded',
  'recordShipment',
  'markDelivered',
  'requestCancellation',
  'confirmCancellation',
  'refuseCancellation',
  'cancelByBrand',
] as const;

export type OrderAction = (typeof ORDER_ACTIONS)[number];

export interface OrderTransitionRule {
  readonly action: OrderAction;
  readonly from: readonly OrderStatus[];
  /** Several targets only for recordShipment, where the quantities decide. */
  readonly to: readonly OrderStatus[];
}

export const ORDER_TRANSITIONS: readonly OrderTransitionRule[] = [
  { action: 'acknowledge', from: ['received'], to: ['acknowledged'] },
  { action: 'markForwarded', from: ['acknowledged'], to: ['forwarded'] },
  { action: 'recordShipment', from: ['forwarded', 'partially_shipped'], to: ['partially_shipped', 'shipped'] },
  { action: 'markDelivered', from: ['shipped'], to: ['delivered'] },
  {
    action: 'requestCancellation',
    from: ['received', 'acknowledged', 'forwarded', 'partially_shipped'],
    to: ['cancellation_requested'],
  },
  { action: 'confirmCancellation', from: ['cancellation_requested'], to: ['cancelled'] },
  { action: 'refuseCancellation', from: ['cancellation_requested'], to: ['cancellation_refused'] },
  { action: 'cancelByBrand', from: ['received', 'acknowledged', 'forwarded'], to: ['cancelled'] },
];

export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = ['delivered', 'cancelled'];

/** The status whose edges apply: a refused cancellation resumes the status it interrupted. */
export function effectiveOrderStatus(status: OrderStatus, interrupted: OrderStatus | undefined): OrderStatus {
  return status === 'cancellation_refused' && interrupted !== undefined ? interrupted : status;
}

/** Where `action` may lead from `from` (an effective status); empty when the action is illegal there. */
export function orderTransitionTargets(action: OrderAction, from: OrderStatus): readonly OrderStatus[] {
  return ORDER_TRANSITIONS.filter((rule) => rule.action === action && rule.from.includes(from)).flatMap((rule) => rule.to);
}

export function isOrderTransitionAllowed(action: OrderAction, from: OrderStatus, to: OrderStatus): boolean {
  return orderTransitionTargets(action, from).includes(to);
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}
