import { IllegalTransition } from '../errors/illegal-transition.error';
import { Order } from './order';
import { effectiveStatusOf, fullShipment, ORDER_STATES, orderIn, partialShipment, T0 } from './order.fixtures';
import { isOrderTransitionAllowed, ORDER_ACTIONS, ORDER_STATUSES, OrderAction, OrderStatus, orderTransitionTargets } from './order-status';

// The state machine, written out independently of ORDER_TRANSITIONS so a change to the
// table shows up here as a diff to review.
const EXPECTED_EDGES: readonly (readonly [OrderStatus, OrderStatus])[] = [
  ['received', 'acknowledged'],
  ['acknowledged', 'forwarded'],
  ['forwarded', 'partially_shipped'],
  ['forwarded', 'shipped'],
  ['partially_shipped', 'partially_shipped'],
  ['partially_shipped', 'shipped'],
  ['shipped', 'delivered'],
  ['received', 'cancellation_requested'],
  ['acknowledged', 'cancellation_requested'],
  ['forwarded', 'cancellation_requested'],
  ['partially_shipped', 'cancellation_requested'],
  ['cancellation_requested', 'cancelled'],
  ['cancellation_requested', 'cancellation_refused'],
  ['received', 'cancelled'],
  ['acknowledged', 'cancelled'],
  ['forwarded', 'cancelled'],
];

const EVENT_OF_ACTION: Record<Exclude<OrderAction, 'recordShipment'>, string> = {
  acknowledge: 'OrderAcknowledged',
  markForwarded: 'OrderForwarded',
  markDelivered: 'OrderDelivered',
  requestCancellation: 'OrderCancellationRequested',
  confirmCancellation: 'OrderCancelled',
  refuseCancellation: 'OrderCancellationRefused',
  cancelByBrand: 'OrderCancelled',
};

const TARGET_OF_ACTION: Record<Exclude<OrderAction, 'recordShipment'>, OrderStatus> = {
  acknowledge: 'acknowledged',
  markForwarded: 'forwarded',
  markDelivered: 'delivered',
  requestCancellation: 'cancellation_requested',
  confirmCancellation: 'cancelled',
  refuseCancellation: 'cancellation_refused',
  cancelByBrand: 'cancelled',
};

function perform(order: Order, action: Exclude<OrderAction, 'recordShipment'>): void {
  const run: Record<typeof action, () => void> = {
    acknowledge: () => order.acknowledge(T0),
    markForwarded: () => order.markForwarded(T0),
    markDelivered: () => order.markDelivered(T0),
    requestCancellation: () => order.requestCancellation('changed mind', T0),
    confirmCancellation: () => order.confirmCancellation(T0),
    refuseCancellation: () => order.refuseCancellation(T0),
    cancelByBrand: () => order.cancelByBrand('out of stock', T0),
  };
  run[action]();
}

describe('order status table', () => {
  const allPairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));

  it.each(allPairs)('has an edge %s -> %s exactly when the issue says so', (from, to) => {
    const inTable = ORDER_ACTIONS.some((action) => isOrderTransitionAllowed(action, from, to));
    const expected = EXPECTED_EDGES.some(([f, t]) => f === from && t === to);
    expect(inTable).toBe(expected);
  });

  it('gives cancellation_refused no edges of its own: it resumes the interrupted status', () => {
    expect(ORDER_ACTIONS.flatMap((action) => orderTransitionTargets(action, 'cancellation_refused'))).toEqual([]);
  });

  it('lets nothing leave delivered or cancelled', () => {
    for (const terminal of ['delivered', 'cancelled'] as const) {
      expect(ORDER_ACTIONS.flatMap((action) => orderTransitionTargets(action, terminal))).toEqual([]);
    }
  });
});

describe('order transitions, for every state and every action', () => {
  const simpleActions = ORDER_ACTIONS.filter((action): action is Exclude<OrderAction, 'recordShipment'> => action !== 'recordShipment');
  const cases = ORDER_STATES.flatMap((state) => simpleActions.map((action) => [state, action] as const));

  it.each(cases)('from %s, %s succeeds exactly when the table allows it', (state, action) => {
    const order = orderIn(state);
    const before = order.status;
    const to = TARGET_OF_ACTION[action];
    if (isOrderTransitionAllowed(action, effectiveStatusOf(state), to)) {
      perform(order, action);
      expect(order.status).toBe(to);
      expect(order.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        [EVENT_OF_ACTION[action], expect.objectContaining({ from: before, to })],
      ]);
    } else {
      expect(() => perform(order, action)).toThrow(IllegalTransition);
      expect(order.status).toBe(before);
      expect(order.pullEvents()).toEqual([]);
    }
  });

  it.each(ORDER_STATES)('from %s, a shipment of everything open succeeds exactly when the table allows it', (state) => {
    const order = orderIn(state);
    const before = order.status;
    if (isOrderTransitionAllowed('recordShipment', effectiveStatusOf(state), 'shipped')) {
      order.recordShipment(fullShipment(order), T0);
      expect(order.status).toBe('shipped');
      expect(order.pullEvents().map((event) => event.type)).toEqual(['OrderShipped']);
    } else {
      expect(() => order.recordShipment(fullShipment(order), T0)).toThrow(IllegalTransition);
      expect(order.status).toBe(before);
      expect(order.pullEvents()).toEqual([]);
    }
  });

  it.each(ORDER_STATES)('from %s, a partial shipment succeeds exactly when the table allows it', (state) => {
    const order = orderIn(state);
    const before = order.status;
    if (isOrderTransitionAllowed('recordShipment', effectiveStatusOf(state), 'partially_shipped')) {
      order.recordShipment(partialShipment(order), T0);
      expect(order.status).toBe('partially_shipped');
      expect(order.pullEvents().map((event) => event.type)).toEqual(['OrderPartiallyShipped']);
    } else {
      expect(() => order.recordShipment(partialShipment(order), T0)).toThrow(IllegalTransition);
      expect(order.status).toBe(before);
      expect(order.pullEvents()).toEqual([]);
    }
  });
});
