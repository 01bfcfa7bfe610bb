import type { NengmaoOrderShipRequest, NengmaoShipOrder } from '../wire/order-ship';

export function buildOrderShipRequest(orders: readonly NengmaoShipOrder[]): NengmaoOrderShipRequest {
  return { shipOrderList: orders };
}

// The answer is a batch result (operations/batch-result.ts); §7.5's example lists an order number
// that is not the one shipped (copied from §7.3), so nothing relies on successList naming it.
export { readBatchResult as readOrderShipAnswer } from './batch-result';
