import type { EntityManager } from 'typeorm';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';
import { itemFailure } from './item-failure';

/** A reconciliation repair, apart from the routed stock pushes (which the dispatcher queues, never delivers one by one). */
export const REPAIR_PUSH_STOCK = 'repair.inventorySink.pushStock';

interface PushStockPayload {
  readonly skus: readonly string[];
}

/**
 * Pushes the canonical available stock of some SKUs to a marketplace as a full replacement (a
 * reconciliation repair of stock drift). The figure is read when the delivery runs, not when the
 * repair was asked for, so a retry an hour later never pushes a stale number.
 */
export class PushStockHandler implements DeliveryHandler {
  readonly capability = REPAIR_PUSH_STOCK;

  constructor(private readonly db: EntityManager) {}

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const sink = connector.inventorySink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot take stock');
    const { skus } = event.payload as unknown as PushStockPayload;
    if (!Array.isArray(skus) || skus.length === 0) throw new PermanentDeliveryFailure('NO_SKUS', 'the event names no SKU');
    const rows = (await this.db.query(
      `SELECT s.sku, COALESCE(greatest(sum(il.on_hand - il.reserved - il.in_flight), 0), 0)::int AS quantity
         FROM unnest($1::text[]) AS s (sku) LEFT JOIN inventory_level il ON il.sku = s.sku
        GROUP BY s.sku ORDER BY s.sku`,
      [skus],
    )) as { sku: string; quantity: number }[];
    const outcome = await sink.pushStock(rows, 'full');
    const failure = outcome.failed[0];
    if (failure !== undefined) throw itemFailure(failure);
    return { pushed: rows };
  }
}
