import { Money } from '@serai/domain';
import type { EntityManager } from 'typeorm';
import type { PriceChange } from '../ports/capabilities';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';
import { itemFailure } from './item-failure';

/** A reconciliation repair: the canonical price re-sent, apart from the routed, coalesced price pushes. */
export const REPAIR_PUSH_PRICE = 'repair.priceSink.pushPrices';

interface PushPricePayload {
  readonly prices: readonly { readonly sku: string; readonly kind: PriceChange['kind'] }[];
}

/** Pushes the canonical price (price.scope = 'canonical') of some SKUs to a system, read when the delivery runs. */
export class PushPriceHandler implements DeliveryHandler {
  readonly capability = REPAIR_PUSH_PRICE;

  constructor(private readonly db: EntityManager) {}

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const sink = connector.priceSink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot take prices');
    const { prices } = event.payload as unknown as PushPricePayload;
    if (!Array.isArray(prices) || prices.length === 0) throw new PermanentDeliveryFailure('NO_PRICES', 'the event names no price');
    const rows = (await this.db.query(
      `SELECT p.sku, p.kind, p.amount::text AS amount, p.currency
         FROM price p JOIN unnest($1::text[], $2::text[]) AS w (sku, kind) ON w.sku = p.sku AND w.kind = p.kind
        WHERE p.scope = 'canonical' ORDER BY p.sku`,
      [prices.map((p) => p.sku), prices.map((p) => p.kind)],
    )) as { sku: string; kind: PriceChange['kind']; amount: string; currency: string }[];
    if (rows.length === 0) throw new PermanentDeliveryFailure('PRICE_MISSING', 'no canonical price for the SKUs named');
    const changes: PriceChange[] = rows.map((row) => ({ sku: row.sku, kind: row.kind, amount: Money.of(row.amount, row.currency.trim()) }));
    const outcome = await sink.pushPrices(changes);
    const failure = outcome.failed[0];
    if (failure !== undefined) throw itemFailure(failure);
    return { pushed: rows.map((row) => ({ sku: row.sku, kind: row.kind, amount: row.amount })) };
  }
}
