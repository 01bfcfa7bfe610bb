import type { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoGoodsRecord } from '../wire/goods-list';
import type { NengmaoGoodsUploadItem, NengmaoGoodsUploadRequest } from '../wire/goods-upload';
import { readGoodsRecord } from './goods-list';

export function buildGoodsUploadRequest(goods: readonly NengmaoGoodsUploadItem[]): NengmaoGoodsUploadRequest {
  return { goodsList: goods };
}

/** The answer lists the goods as stored (brand §6.1 example; TMG §8.1 with `goodsBrand`/`goodsList`). */
export function readGoodsUploadAnswer(data: ResponseReader): NengmaoGoodsRecord[] {
  return data.optionalArray().map(readGoodsRecord);
}
