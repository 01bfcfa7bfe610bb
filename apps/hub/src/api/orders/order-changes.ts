import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Order } from '@serai/domain';
import { OrderRepository, OutboxRepository, StaleOrder, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { OrderActionResultDto } from './order-actions.dto';

/**
 * The one way the API changes an order: read it, let the domain decide (it throws
 * IllegalTransition → 409, InvariantViolation → 422), save it with its events in the same
 * transaction (outbox). Two writers at once: the loser gets 409 (optimistic version), never a lost update.
 */
@Injectable()
export class OrderChanges {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async apply<T = undefined>(
    orderId: string,
    change: (order: Order, m: EntityManager) => Promise<T> | T,
  ): Promise<{ result: OrderActionResultDto; value: T }> {
    try {
      return await this.tx.run(async (m) => {
        const found = await this.orders.findById(m, orderId);
        if (!found) throw new NotFoundException(`No order has id ${orderId}`);
        const last = await this.outbox.lastPositionOf(m, 'Order', orderId);
        const value = await change(found.order, m);
        await this.orders.update(m, found.order, found.version);
        // The version guard makes this transaction the order's only writer: what follows `last` is ours.
        const recorded = await this.outbox.eventTypesAfter(m, 'Order', orderId, last);
        return {
          value,
          result: { orderId, status: found.order.status, onHold: found.order.isHeld, recorded },
        };
      });
    } catch (error) {
      if (error instanceof StaleOrder)
        throw new ConflictException(`Order ${orderId} was changed at the same time; read it again and retry`);
      throw error;
    }
  }
}
