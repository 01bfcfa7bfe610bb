import { SHIPMENT_STATUSES, ShipmentStatus } from '@serai/domain';
import { decideParcel, ParcelDecision } from './parcel-progress';

type Kind = ParcelDecision['kind'] | 'ignore:older' | 'ignore:repeated' | 'ignore:cancelled-after-shipment';

// Every pair written out, so the rules of ADR 0013 can be read and reviewed as a table.
const EXPECTED: Readonly<Record<ShipmentStatus, Readonly<Record<ShipmentStatus, Kind>>>> = {
  pending: {
    pending: 'ignore:repeated',
    shipped: 'advance',
    in_transit: 'advance',
    delivered: 'advance',
    cancelled: 'advance',
  },
  shipped: {
    pending: 'ignore:older',
    shipped: 'ignore:repeated',
    in_transit: 'advance',
    delivered: 'advance',
    cancelled: 'ignore:cancelled-after-shipment',
  },
  in_transit: {
    pending: 'ignore:older',
    shipped: 'ignore:older',
    in_transit: 'ignore:repeated',
    delivered: 'advance',
    cancelled: 'ignore:cancelled-after-shipment',
  },
  delivered: {
    pending: 'ignore:older',
    shipped: 'ignore:older',
    in_transit: 'ignore:older',
    delivered: 'ignore:repeated',
    cancelled: 'ignore:cancelled-after-shipment',
  },
  cancelled: {
    pending: 'conflict',
    shipped: 'conflict',
    in_transit: 'conflict',
    delivered: 'conflict',
    cancelled: 'ignore:repeated',
  },
};

function kindOf(decision: ParcelDecision): Kind {
  return decision.kind === 'ignore' ? `ignore:${decision.reason}` : decision.kind;
}

describe('what a reported status does to a parcel', () => {
  const pairs = SHIPMENT_STATUSES.flatMap((current) => SHIPMENT_STATUSES.map((reported) => [current, reported] as const));

  it.each(pairs)('a %s parcel reported %s', (current, reported) => {
    expect(kindOf(decideParcel(current, reported))).toBe(EXPECTED[current][reported]);
  });

  it('records any report of a parcel not yet known', () => {
    for (const reported of SHIPMENT_STATUSES) expect(decideParcel(undefined, reported)).toEqual({ kind: 'record' });
  });

  it('ends in the same status whatever order two non-contradictory reports arrive in', () => {
    const apply = (first: ShipmentStatus, second: ShipmentStatus): ShipmentStatus =>
      decideParcel(first, second).kind === 'advance' ? second : first;
    const progress: ShipmentStatus[] = ['pending', 'shipped', 'in_transit', 'delivered'];
    for (const a of progress) for (const b of progress) expect(apply(a, b)).toBe(apply(b, a));
  });
});
