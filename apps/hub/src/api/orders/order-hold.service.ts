import { Injectable } from '@nestjs/common';
import { OrderActionResultDto } from './order-actions.dto';
import { OrderChanges } from './order-changes';
import { parseOrderId } from './order-id';

/**
 * Hold and release. A held order is not forwarded (ForwardOrderHandler skips it); releasing it
 * records OrderReleased, which the routes send to the order system again, so an order held
 * before it was forwarded is forwarded once released.
 */
@Injectable()
export class OrderHoldService {
  constructor(private readonly changes: OrderChanges) {}

  async hold(rawId: string, reason: string): Promise<OrderActionResultDto> {
    return (await this.changes.apply(parseOrderId(rawId), (order) => order.hold(reason.trim()))).result;
  }

  async release(rawId: string): Promise<OrderActionResultDto> {
    return (await this.changes.apply(parseOrderId(rawId), (order) => order.release())).result;
  }
}
