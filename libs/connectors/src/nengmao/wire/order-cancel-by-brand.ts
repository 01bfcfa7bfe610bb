/**
 * Brand doc §7.3 `POST /api/order/cancelbybrand`, TMG doc §6.2 (and §6.5 "Order Cancelled by
 * Tmall", which reuses the same URL). The answer is a NengmaoBatchResult.
 */
export interface NengmaoCancelByBrandRequest {
  readonly cancelList: readonly NengmaoCancelByBrandItem[];
}

export interface NengmaoCancelByBrandItem {
  readonly orderSn: string;
  /** 10 success, 20 failure (NENGMAO_CANCEL_STATUS). */
  readonly status: 10 | 20;
  readonly message?: string;
  readonly goodsList: readonly { readonly sku: string; readonly internalId?: string; readonly qty: number }[];
}
