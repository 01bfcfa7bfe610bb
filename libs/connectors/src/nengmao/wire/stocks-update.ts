/** Brand doc §6.3 `POST /api/stocks/update`, TMG doc §5.1 `POST /tmg/api/stocks/update`. */
export interface NengmaoStocksUpdateRequest {
  /** 0 full volume, 1 increment (NENGMAO_STOCK_UPDATE_TYPE). */
  readonly updateType: 0 | 1;
  /** Brand: ≤2000 (error 406 says 1000); TMG: no limit stated. */
  readonly skuList: readonly NengmaoStockItem[];
}

export interface NengmaoStockItem {
  readonly sku: string;
  readonly upcCode?: string;
  readonly internalId?: string;
  /** Full: the new stock; incremental: a signed movement. */
  readonly stocks: number;
  /** TMG only. */
  readonly goodsSn?: string;
}
