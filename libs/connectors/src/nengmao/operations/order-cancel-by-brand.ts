import type { NengmaoCancelByBrandItem, NengmaoCancelByBrandRequest } from '../wire/order-cancel-by-brand';

export function buildCancelByBrandRequest(items: readonly NengmaoCancelByBrandItem[]): NengmaoCancelByBrandRequest {
  return { cancelList: items };
}

// The answer is a batch result: operations/batch-result.ts.
export { readBatchResult as readCancelByBrandAnswer } from './batch-result';
