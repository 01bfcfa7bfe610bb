import type { NengmaoPriceItem, NengmaoPriceUpdateRequest } from '../wire/price-update';

export function buildPriceUpdateRequest(items: readonly NengmaoPriceItem[]): NengmaoPriceUpdateRequest {
  return { skuList: items };
}

// The answer is read like a stock update's: brand `{}`, TMG the SKU records (stocks-update.ts).
export { readSkuUpdateAnswer as readPriceUpdateAnswer } from './stocks-update';
