/** Brand doc §6.6 `POST /api/price/list` (not in the TMG document). */
export interface NengmaoPriceListRequest {
  readonly startModifyTime?: string;
  readonly endModifyTime?: string;
  readonly skuList?: readonly string[];
  readonly pageNo?: number;
  readonly pageSize?: number;
}

export interface NengmaoPriceRecord {
  readonly sku: string;
  /** Decimal text; named `price` here although price/update sends `salePrice` (§6.6). */
  readonly price: string;
  readonly lastModifyTime?: string;
}
