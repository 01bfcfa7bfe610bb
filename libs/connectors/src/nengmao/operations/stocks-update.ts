import type { ResponseReader } from '../../kernel/response-reader';
import { NENGMAO_STOCK_UPDATE_TYPE } from '../codes';
import type { NengmaoBatchResult } from '../wire/envelope';
import type { NengmaoGoodsSku } from '../wire/goods-list';
import type { NengmaoStockItem, NengmaoStocksUpdateRequest } from '../wire/stocks-update';
import { readBatchResult } from './batch-result';
import { readGoodsSku } from './goods-list';

export function buildStocksUpdateRequest(mode: 'full' | 'incremental', items: readonly NengmaoStockItem[]): NengmaoStocksUpdateRequest {
  return { updateType: NENGMAO_STOCK_UPDATE_TYPE[mode], skuList: items };
}

/** What a stock or price update answers: brand `data: {}` (§6.3, §6.5), TMG the updated SKU records (§5.1, §9.1). */
export interface SkuUpdateAnswer {
  readonly records: readonly NengmaoGoodsSku[];
  /** Only when the provider answers per-item lists (not documented for these operations). */
  readonly batch?: NengmaoBatchResult;
}

export function readSkuUpdateAnswer(data: ResponseReader): SkuUpdateAnswer {
  if (!data.isPresent()) return { records: [] };
  if (Array.isArray(data.raw())) return { records: data.array().map(readGoodsSku) };
  const object = data.object();
  if ('successList' in object || 'failureList' in object) return { records: [], batch: readBatchResult(data) };
  return { records: [] };
}
