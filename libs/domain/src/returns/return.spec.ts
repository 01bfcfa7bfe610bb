import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { IllegalTransition } from '../errors/illegal-transition.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { createParty } from '../party/party';
import { Instant } from '../time/instant';
import { ReceiveReturnInput, Return } from './return';
import { RETURN_STATUSES, RETURN_TRANSITIONS, ReturnStatus } from './return-status';

const T0 = Instant.parse('2018-04-10T08:23:47Z');
const RETURN_ID = '7d1e3f5a-0000-4b2c-8d9e-000000000001';
const ORDER_ID = '0b8f7e9a-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const cny = (amount: string): Money => Money.of(amount, 'CNY');

/** The Nengmao return-list example (§7.8). */
const input = (overrides: Partial<ReceiveReturnInput> = {}): ReceiveReturnInput => ({
  id: RETURN_ID,
  returnNumber: '182010102121',
  orderId: ORDER_ID,
  lines: [{ sku: '1122123', quantity: 1, refund: cny('100') }],
  reason: 'test',
  returnee: createParty({
    name: 'abc123',
    mobile: '137*******2',
    address: { province: '上海', city: '上海', district: '黄浦区', street: 'aaaa', postcode: '200000' },
  }),
  parcel: { carrierCode: 'sf', trackingNumber: '1212121' },
  shippingRefund: cny('20'),
  requestedAt: T0,
  ...overrides,
});

// Drives a return to `status` along legal transitions.
const PATH: Record<ReturnStatus, readonly ((r: Return) => void)[]> = {
  requested: [],
  approved: [(r) => r.approve(T0)],
  received: [(r) => r.approve(T0), (r) => r.markReceived(T0)],
  refunded: [(r) => r.approve(T0), (r) => r.markReceived(T0), (r) => r.markRefunded(T0)],
  rejected: [(r) => r.reject('not eligible', T0)],
  cancelled: [(r) => r.cancel('buyer withdrew', T0)],
};

function returnIn(status: ReturnStatus): Return {
  const created = Return.receive(input(), T0);
  PATH[status].forEach((step) => step(created));
  created.pullEvents();
  return created;
}

const ACTIONS: Record<Exclude<ReturnStatus, 'requested'>, (r: Return) => void> = {
  approved: (r) => r.approve(T0),
  received: (r) => r.markReceived(T0),
  refunded: (r) => r.markRefunded(T0),
  rejected: (r) => r.reject('damaged', T0),
  cancelled: (r) => r.cancel('withdrawn', T0),
};

describe('Return', () => {
  it('receives a return and records ReturnReceived with the refund total', () => {
    const created = Return.receive(input(), T0);
    expect(created.status).toBe('requested');
    expect(created.refundTotal.amount).toBe('100.00');
    expect(created.pullEvents()).toEqual([
      {
        type: 'ReturnReceived',
        aggregateType: 'Return',
        aggregateId: RETURN_ID,
        occurredAt: T0.toISOString(),
        payload: {
          returnNumber: '182010102121',
          orderId: ORDER_ID,
          status: 'requested',
          refundTotal: { amount: '100.00', currency: 'CNY' },
          lines: [{ sku: '1122123', quantity: 1, refund: { amount: '100.00', currency: 'CNY' } }],
        },
      },
    ]);
  });

  it('keeps a return whose order the hub does not know, with a null order in its event', () => {
    const { orderId: _known, ...unknownOrder } = input();
    const created = Return.receive(unknownOrder, T0);
    expect(created.orderId).toBeUndefined();
    expect(created.pullEvents()[0]?.payload).toEqual(expect.objectContaining({ orderId: null }));
    expect(Return.restore(created.toSnapshot()).toSnapshot()).toEqual(created.toSnapshot());
  });

  it('takes in a return the marketplace has already approved', () => {
    expect(Return.receive(input({ status: 'approved' }), T0).status).toBe('approved');
  });

  it('sums the refund over the lines', () => {
    const created = Return.receive(
      input({
        lines: [
          { sku: 'A', quantity: 1, refund: cny('10.10') },
          { sku: 'B', quantity: 2, refund: cny('0.20') },
        ],
      }),
      T0,
    );
    expect(created.refundTotal.amount).toBe('10.30');
  });

  it('refuses a return without lines, with a zero quantity, a negative refund or mixed currencies', () => {
    expect(() => Return.receive(input({ lines: [] }), T0)).toThrow(expect.objectContaining({ field: 'lines' }));
    expect(() => Return.receive(input({ lines: [{ sku: 'A', quantity: 0, refund: cny('1') }] }), T0)).toThrow(
      expect.objectContaining({ field: 'lines[0].quantity' }),
    );
    expect(() => Return.receive(input({ lines: [{ sku: 'A', quantity: 1, refund: cny('-1') }] }), T0)).toThrow(InvariantViolation);
    expect(() =>
      Return.receive(
        input({
          lines: [
            { sku: 'A', quantity: 1, refund: cny('1') },
            { sku: 'B', quantity: 1, refund: Money.of('1', 'USD') },
          ],
        }),
        T0,
      ),
    ).toThrow(CurrencyMismatch);
    expect(() => Return.receive(input({ shippingRefund: Money.of('1', 'USD') }), T0)).toThrow(CurrencyMismatch);
  });

  const pairs = RETURN_STATUSES.flatMap((from) =>
    (Object.keys(ACTIONS) as Exclude<ReturnStatus, 'requested'>[]).map((to) => [from, to] as const),
  );

  it.each(pairs)('from %s, moving to %s succeeds exactly when the table allows it', (from, to) => {
    const subject = returnIn(from);
    if (RETURN_TRANSITIONS[from].includes(to)) {
      ACTIONS[to](subject);
      expect(subject.status).toBe(to);
      expect(subject.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        ['ReturnStatusChanged', expect.objectContaining({ returnNumber: '182010102121', from, to })],
      ]);
    } else {
      expect(() => ACTIONS[to](subject)).toThrow(IllegalTransition);
      expect(subject.status).toBe(from);
      expect(subject.pullEvents()).toEqual([]);
    }
  });

  it('keeps the reason of a rejection in its event', () => {
    const subject = returnIn('received');
    subject.reject('used item', T0);
    expect(subject.pullEvents()[0].payload).toEqual({
      returnNumber: '182010102121',
      from: 'received',
      to: 'rejected',
      reason: 'used item',
    });
  });

  it('restores from its snapshot without events', () => {
    const subject = returnIn('received');
    const restored = Return.restore(subject.toSnapshot());
    expect(restored.toSnapshot()).toEqual(subject.toSnapshot());
    expect(restored.pullEvents()).toEqual([]);
  });
});
