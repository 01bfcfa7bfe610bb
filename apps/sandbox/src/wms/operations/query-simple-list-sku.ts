import { comparableValue, findCustomField } from '../wms-custom-fields';
import { WmsAnswer, wmsSuccess } from '../wms-codes';
import { readQuerySimpleListSku } from '../wms-sku-input';
import { toWmsSkuResult } from '../wms-sku-result.mapper';
import { WmsHeldSku, WmsSkuRepository } from '../wms-sku.repository';
import { QuerySimpleListSkuRequest, SkuCustomFieldValueSO } from '../wire/wms-sku';

/** The document's sample times are dates without a zone; the sandbox reads them in GMT+8 like the rest of the family. */
const GMT8_OFFSET_MS = 8 * 3_600_000;

function boundMs(value: string, end: boolean): number {
  const [date, time] = value.split(' ');
  const [year, month, day] = date.split('-').map(Number);
  if (time === undefined) {
    // A date-only upper bound includes the whole day.
    return Date.UTC(year, month - 1, day + (end ? 1 : 0)) - GMT8_OFFSET_MS - (end ? 1 : 0);
  }
  const [hour, minute, second] = time.split(':').map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second) - GMT8_OFFSET_MS + (end ? 999 : 0);
}

function matchesCustomField(held: WmsHeldSku, criterion: SkuCustomFieldValueSO): boolean {
  const field = findCustomField(criterion.customFieldId);
  const stored = held.info.skuCustomFieldValueVOList?.find((entry) => entry.customFieldId === criterion.customFieldId);
  if (field === undefined || stored === undefined) return false;
  if (field.columType === 'STRING' || field.columType === 'SELECT')
    return criterion.value === undefined || stored.value === criterion.value;
  const value = comparableValue(field, stored.value);
  if (value === undefined) return false;
  const from = criterion.from === undefined ? undefined : comparableValue(field, criterion.from);
  const to = criterion.to === undefined ? undefined : comparableValue(field, criterion.to);
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

function matches(held: WmsHeldSku, request: QuerySimpleListSkuRequest): boolean {
  const info = held.info;
  if (request.categoryName1 !== undefined && info.categoryName1 !== request.categoryName1) return false;
  if (request.categoryName2 !== undefined && info.categoryName2 !== request.categoryName2) return false;
  if (request.categoryName3 !== undefined && info.categoryName3 !== request.categoryName3) return false;
  if (request.updateTimeFrom !== undefined && held.updatedAtMs < boundMs(request.updateTimeFrom, false)) return false;
  if (request.updateTimeTo !== undefined && held.updatedAtMs > boundMs(request.updateTimeTo, true)) return false;
  if (request.skus !== undefined && request.skus.length > 0 && !request.skus.includes(info.sku)) return false;
  if (request.titles !== undefined && request.titles.length > 0 && !request.titles.includes(info.title)) return false;
  return (request.skuCustomFieldValueSOList ?? []).every((criterion) => matchesCustomField(held, criterion));
}

/** `QUERY_SIMPLE_LIST_SKU` (§1.1): filters are ANDed; `skus` and `titles` match any listed value exactly. */
export function querySimpleListSku(body: unknown, repository: WmsSkuRepository): WmsAnswer {
  const request = readQuerySimpleListSku(body);
  const found = repository.all().filter((held) => matches(held, request));
  const start = (request.page - 1) * request.pageSize;
  return wmsSuccess({ total: found.length, result: found.slice(start, start + request.pageSize).map(toWmsSkuResult) });
}
