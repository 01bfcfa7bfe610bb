import type { OrderRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';

export const ANSWER_CANCELLATION = 'cancellationSink.answerCancellation';

/**
 * Cancellation, the answer: a buyer's request is accepted while nothing has shipped (the order
 * was received, acknowledged or forwarded), refused once a parcel has left. The marketplace is
 * told first; the order records the outcome after it accepted the answer (OrderCancelled or
 * OrderCancellationRefused), so a failed call leaves the request open to be answered again.
 */
export class AnswerCancellationHandler implements DeliveryHandler {
  readonly capability = ANSWER_CANCELLATION;

  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
  ) {}

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const sink = connector.cancellationSink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot answer cancellations');
    const found = await this.orders.findById(this.db, event.aggregateId);
    if (!found) throw new PermanentDeliveryFailure('ORDER_MISSING', `order ${event.aggregateId} does not exist`);
    const cancellation = found.order.cancellation;
    if (found.order.status !== 'cancellation_requested' || !cancellation) return { skipped: `order is ${found.order.status}` };
    const accepted = ['received', 'acknowledged', 'forwarded'].includes(cancellation.interrupted);
    await sink.answerCancellation(found.order.source.externalOrderNumber, accepted, accepted ? undefined : 'already shipped');
    await this.tx.run(async (m) => {
      const current = await this.orders.findById(m, event.aggregateId);
      if (!current || current.order.status !== 'cancellation_requested') return;
      if (accepted) current.order.confirmCancellation();
      else current.order.refuseCancellation();
      await this.orders.update(m, current.order, current.version);
    });
    return { accepted };
  }
}
