import { hasLeftWarehouse, isForwardMove, ShipmentStatus } from '@serai/domain';

/**
 * What a reported status does to a parcel, whatever order the reports arrive in (ADR 0013).
 * Parcels move pending -> shipped -> in_transit -> delivered and never back; a report of a lower
 * or equal status changes nothing. Cancelled ends a parcel that has not left the warehouse; a
 * cancellation reported after the parcel left is ignored (the marketplace has been told it
 * shipped; getting it back is a return), and a shipment reported for a parcel the 3PL cancelled
 * is a contradiction an operator settles: it is refused, never guessed.
 */
export type ParcelDecision =
  | { readonly kind: 'record' }
  | { readonly kind: 'advance' }
  | { readonly kind: 'ignore'; readonly reason: 'repeated' | 'older' | 'cancelled-after-shipment' }
  | { readonly kind: 'conflict'; readonly reason: string };

export function decideParcel(current: ShipmentStatus | undefined, reported: ShipmentStatus): ParcelDecision {
  if (current === undefined) return { kind: 'record' };
  if (current === reported) return { kind: 'ignore', reason: 'repeated' };
  if (reported === 'cancelled') {
    return hasLeftWarehouse(current) ? { kind: 'ignore', reason: 'cancelled-after-shipment' } : { kind: 'advance' };
  }
  if (current === 'cancelled') {
    return { kind: 'conflict', reason: `the parcel is reported ${reported} but the 3PL cancelled it earlier` };
  }
  return isForwardMove(current, reported) ? { kind: 'advance' } : { kind: 'ignore', reason: 'older' };
}
