import { ResponseReader } from '../../kernel/response-reader';
import type { NengmaoBatchResult, NengmaoFailure } from '../wire/envelope';

/**
 * `{successList, failureList}` of the list writes. Absent lists read as empty (error answers may
 * carry `data: null`); failure entries may be plain numbers or objects naming the key and a reason.
 */
export function readBatchResult(data: ResponseReader): NengmaoBatchResult {
  if (!data.isPresent() || Array.isArray(data.raw())) return { successList: [], failureList: [] };
  return {
    successList: data
      .field('successList')
      .optionalArray()
      .map((item) => item.string()),
    failureList: data.field('failureList').optionalArray().map(readFailure),
  };
}

function readFailure(item: ResponseReader): NengmaoFailure {
  const raw = item.raw();
  if (typeof raw !== 'object' || raw === null) return { key: item.string() };
  const key = item.fieldOf('orderSn', 'returnSn', 'sku', 'key').string();
  const message = item.fieldOf('msg', 'message', 'reason').optionalString();
  return message === undefined ? { key } : { key, message };
}
