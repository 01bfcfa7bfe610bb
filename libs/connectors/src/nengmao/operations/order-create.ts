import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoOrder } from '../wire/order-list';
import type { NengmaoOrderCreateItem, NengmaoOrderCreateRequest } from '../wire/order-create';
import { readOrder } from './order-list';

/** TMG §6.4 (sandbox only): a top-level JSON array, unlike every other body. */
export function buildOrderCreateRequest(orders: readonly NengmaoOrderCreateItem[]): NengmaoOrderCreateRequest {
  return orders;
}

export function readOrderCreateAnswer(data: ResponseReader): NengmaoOrder[] {
  return data.optionalArray().map(readOrder);
}
