/**
 * Shipment statuses in the order a parcel lives them. Providers report them out of order
 * (a late "shipped" callback after "in_transit"), so moves are judged by rank: only a move to a
 * higher rank is applied, and a terminal status (delivered, cancelled) never changes.
 */
export const SHIPMENT_STATUSES = ['pending', 'shipped', 'in_transit', 'delivered', 'cancelled'] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const SHIPMENT_STATUS_RANK: Readonly<Record<ShipmentStatus, number>> = {
  pending: 0,
  shipped: 1,
  in_transit: 2,
  delivered: 3,
  cancelled: 3,
};

export function isTerminalShipmentStatus(status: ShipmentStatus): boolean {
  return status === 'delivered' || status === 'cancelled';
}

/** True when moving `from` -> `to` is progress; stale, repeated and post-terminal reports are not. */
export function isForwardMove(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return !isTerminalShipmentStatus(from) && SHIPMENT_STATUS_RANK[to] > SHIPMENT_STATUS_RANK[from];
}

/** Whether a shipment in this status has physically left the warehouse (counts against the order). */
export function hasLeftWarehouse(status: ShipmentStatus): boolean {
  return status === 'shipped' || status === 'in_transit' || status === 'delivered';
}

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}
