import type { ItemFailure } from '../ports/batch-outcome';
import { PermanentDeliveryFailure } from './forward-order.handler';

/** A one-item batch write refused by the provider, as the error the worker understands: retried only when the provider says it may succeed. */
export function itemFailure(failure: ItemFailure<string>): Error {
  const message = `${failure.key}: ${failure.code} ${failure.message}`;
  return failure.retryable ? new Error(message) : new PermanentDeliveryFailure(failure.code, message);
}
