import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';
import { itemFailure } from './item-failure';

export const ACKNOWLEDGE_RETURN = 'returnSource.acknowledgeReturns';

/** Tells the marketplace returns are stored (a reconciliation repair of a return left unacknowledged). */
export class AcknowledgeReturnHandler implements DeliveryHandler {
  readonly capability = ACKNOWLEDGE_RETURN;

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const source = connector.returnSource;
    if (!source) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection has no returns');
    const numbers = (event.payload as { returnNumbers?: unknown }).returnNumbers;
    if (!Array.isArray(numbers) || numbers.length === 0 || !numbers.every((n) => typeof n === 'string'))
      throw new PermanentDeliveryFailure('NO_RETURNS', 'the event names no return number');
    const outcome = await source.acknowledgeReturns(numbers as string[]);
    const failure = outcome.failed[0];
    if (failure !== undefined) throw itemFailure(failure);
    return { acknowledged: outcome.succeeded };
  }
}
