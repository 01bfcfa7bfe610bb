import type { WireDecimal } from './wire-decimal';

/** Brand doc §6.5 `POST /api/price/update` (≤2000), TMG doc §9.1 `POST /tmg/api/price/update` (≤100). */
export interface NengmaoPriceUpdateRequest {
  readonly skuList: readonly NengmaoPriceItem[];
}

export interface NengmaoPriceItem {
  readonly sku: string;
  readonly upcCode?: string;
  readonly internalId?: string;
  readonly salePrice: WireDecimal;
  /** Brand only, a String holding "true" in the example. */
  readonly isDiscount?: string;
  /** TMG only. */
  readonly goodsSn?: string;
}
