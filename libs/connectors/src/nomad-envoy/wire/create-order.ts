import type { EnvoyOrder } from './order';

/**
 * `POST /order/{store}` (method and path inferred, catalogue §3.2): the body is "Order details",
 * one `Order`. `orderId`, `createdAt` and `updatedAt` are the server's; the client leaves
 * `orderId` out.
 */
export type EnvoyCreateOrderBody = Omit<EnvoyOrder, 'orderId'>;

/** What a create call comes to: the new order, or the one already stored for that `clientOrderRef`. */
export interface EnvoyCreateOrderResult {
  readonly orderId: string;
  readonly alreadyExisted: boolean;
  readonly order?: EnvoyOrder;
}
