/** Brand doc §6.4 `POST /api/stocks/list` (not in the TMG document). */
export interface NengmaoStocksListRequest {
  readonly startModifyTime?: string;
  readonly endModifyTime?: string;
  /** ≤100; a time window or a skuList is required. */
  readonly skuList?: readonly string[];
  readonly pageNo?: number;
  readonly pageSize?: number;
}

export interface NengmaoStockRecord {
  readonly sku: string;
  readonly stocks: number;
  /** `yyyy-MM-dd HH:mm:ss` GMT+8. */
  readonly lastModifyTime?: string;
}
