import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoReturnCreateItem, NengmaoReturnCreateRequest } from '../wire/return-create';
import type { NengmaoReturn } from '../wire/return-list';
import { readReturn } from './return-list';

/** TMG §7.2 (sandbox only): a top-level JSON array. */
export function buildReturnCreateRequest(returns: readonly NengmaoReturnCreateItem[]): NengmaoReturnCreateRequest {
  return returns;
}

export function readReturnCreateAnswer(data: ResponseReader): NengmaoReturn[] {
  return data.optionalArray().map(readReturn);
}
