import type { NengmaoCancelConfirmItem, NengmaoCancelConfirmRequest } from '../wire/order-cancel-confirm';

export function buildCancelConfirmRequest(items: readonly NengmaoCancelConfirmItem[]): NengmaoCancelConfirmRequest {
  return { cancelList: items };
}

// §7.4's example lists the refused (20) answer in successList too: success means "answer recorded".
export { readBatchResult as readCancelConfirmAnswer } from './batch-result';
