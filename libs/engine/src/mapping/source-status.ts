import { ORDER_STATUSES, type OrderStatus } from '@serai/domain';
import type { SourcedOrder } from '../ports/capabilities';

/** The one lookup the intakes need from the `order-statuses` table (MappingService implements it). */
export interface OrderStatusLookup {
  orderStatusOfKey(key: string): Promise<{ readonly canonical: string } | undefined>;
}

/** A sourced order with what its source status means in canonical terms. */
export type MappedSourcedOrder = SourcedOrder & { readonly canonicalStatus?: OrderStatus };

/**
 * What a source's status means is data (ADR 0010, 0022): the `order-statuses` table, keyed by the
 * connector's `statusKey` (`nengmao:4`, `nomad-envoy:TRADE_REFUND`), decides whether the source
 * cancelled the order or asks for it to be cancelled, so an operator's edit takes effect on the
 * next read (MappingService refreshes within a second). A status the table does not hold (an
 * operator deleted it, or a code no document lists) keeps the connector's own reading.
 */
export async function withMappedStatus(lookup: OrderStatusLookup | undefined, sourced: SourcedOrder): Promise<MappedSourcedOrder> {
  if (lookup === undefined || sourced.statusKey === undefined) return sourced;
  const canonical = (await lookup.orderStatusOfKey(sourced.statusKey))?.canonical;
  if (canonical === undefined || !(ORDER_STATUSES as readonly string[]).includes(canonical)) return sourced;
  const status = canonical as OrderStatus;
  return {
    ...sourced,
    canonicalStatus: status,
    cancelled: status === 'cancelled',
    cancellationRequested: status === 'cancellation_requested',
  };
}
