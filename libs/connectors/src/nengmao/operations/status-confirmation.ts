import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoStatusConfirmationRequest, NengmaoStatusConfirmationResult } from '../wire/status-confirmation';
import { readBatchResult } from './batch-result';

export function buildStatusConfirmationRequest(
  orderSns: readonly string[],
  returnSns: readonly string[],
): NengmaoStatusConfirmationRequest {
  return {
    ...(orderSns.length === 0 ? {} : { orderSnList: orderSns }),
    ...(returnSns.length === 0 ? {} : { returnSnList: returnSns }),
  };
}

export function readStatusConfirmationAnswer(data: ResponseReader): NengmaoStatusConfirmationResult {
  if (!data.isPresent()) return { orderResult: { successList: [], failureList: [] }, returnResult: { successList: [], failureList: [] } };
  return { orderResult: readBatchResult(data.field('orderResult')), returnResult: readBatchResult(data.field('returnResult')) };
}
