import { Injectable } from '@nestjs/common';
import { OrderActionResultDto } from './order-actions.dto';
import { OrderChanges } from './order-changes';
import { parseOrderId } from './order-id';

/**
 * Brand-side cancellation (ADR 0015): the order is cancelled in the hub at once (the domain
 * refuses it once anything has shipped: 409) and OrderCancelled, initiated by the brand, is routed
 * to the marketplace's cancelbybrand with the reason code. The order system is not called: the
 * Nomad Envoy document lists "cancel" in its tag line but documents no cancel operation.
 */
@Injectable()
export class OrderCancelService {
  constructor(private readonly changes: OrderChanges) {}

  async cancel(rawId: string, reason: string): Promise<OrderActionResultDto> {
    return (await this.changes.apply(parseOrderId(rawId), (order) => order.cancelByBrand(reason))).result;
  }
}
