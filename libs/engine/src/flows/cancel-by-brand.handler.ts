import type { OrderRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';

export const CANCEL_BY_BRAND = 'cancellationSink.cancelByBrand';

interface CancelledPayload {
  readonly reason?: string;
  readonly initiatedBy?: string;
}

/**
 * Brand-side cancellation, marketplace side: an OrderCancelled the brand initiated (the API's
 * POST /orders/{id}/cancel) becomes the marketplace's cancelbybrand call with the order's lines
 * and the reason code (the connector maps it to the provider's wording). A cancellation the
 * marketplace asked for is answered by AnswerCancellationHandler instead, so it is skipped here.
 */
export class CancelByBrandHandler implements DeliveryHandler {
  readonly capability = CANCEL_BY_BRAND;

  constructor(
    private readonly db: EntityManager,
    private readonly orders: OrderRepository,
  ) {}

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const payload = event.payload as CancelledPayload;
    if (payload.initiatedBy !== 'brand') return { skipped: `cancellation initiated by ${payload.initiatedBy ?? 'unknown'}` };
    const sink = connector.cancellationSink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot cancel orders');
    const found = await this.orders.findById(this.db, event.aggregateId);
    if (!found) throw new PermanentDeliveryFailure('ORDER_MISSING', `order ${event.aggregateId} does not exist`);
    const reason = payload.reason;
    if (reason === undefined || reason === '') throw new PermanentDeliveryFailure('REASON_MISSING', 'the cancellation has no reason code');
    const lines = found.order.lines.map((line) => ({ sku: line.sku.sku, quantity: line.quantity }));
    await sink.cancelByBrand(found.order.source.externalOrderNumber, reason, lines);
    return { externalOrderNumber: found.order.source.externalOrderNumber, reason, lines: lines.length };
  }
}
