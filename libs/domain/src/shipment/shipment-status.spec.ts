import { isForwardMove, SHIPMENT_STATUSES, ShipmentStatus } from './shipment-status';

// The expected answer for every pair, written out so the table can be read and reviewed.
const FORWARD: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  pending: ['shipped', 'in_transit', 'delivered', 'cancelled'],
  shipped: ['in_transit', 'delivered', 'cancelled'],
  in_transit: ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
};

describe('shipment status ranking', () => {
  const pairs = SHIPMENT_STATUSES.flatMap((from) => SHIPMENT_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('judges %s -> %s', (from, to) => {
    expect(isForwardMove(from, to)).toBe(FORWARD[from].includes(to));
  });

  it('never moves a shipment backwards, whatever order reports arrive in', () => {
    expect(isForwardMove('in_transit', 'shipped')).toBe(false);
    expect(isForwardMove('delivered', 'in_transit')).toBe(false);
  });

  it('treats a repeated status as no move', () => {
    for (const status of SHIPMENT_STATUSES) expect(isForwardMove(status, status)).toBe(false);
  });
});
