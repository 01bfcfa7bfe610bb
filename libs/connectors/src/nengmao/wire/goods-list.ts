/** Brand doc §6.2 `POST /api/goods/list`, TMG doc §8.2 `POST /tmg/api/goods/list`. */
export interface NengmaoGoodsListRequest {
  /** Brand only; format `yyyy-MM-dd HH:mm:ss` (GMT+8), as every time below. */
  readonly startCreateTime?: string;
  readonly endCreateTime?: string;
  readonly startModifyTime?: string;
  readonly endModifyTime?: string;
  /** TMG only: 0 in stock, 1 online. */
  readonly goodsStatus?: number;
  /** Spelled `goodSnList` (sic); ≤100; brand: not together with skuList (error 420). */
  readonly goodSnList?: readonly string[];
  readonly skuList?: readonly string[];
  readonly pageNo?: number;
  /** Default 10, max 100. */
  readonly pageSize?: number;
}

export interface NengmaoFitMeasurement {
  readonly measurementTitle?: string;
  readonly us?: string;
  readonly metric?: string;
}

/**
 * One SKU of a goods record. Brand answers list them under `skuList`, TMG answers under
 * `goodsList` (TMG §8.1/8.2 rename); the reader accepts both. Amounts are decimal text.
 */
export interface NengmaoGoodsSku {
  readonly goodsSn?: string;
  readonly color?: string;
  readonly colorCode?: string;
  readonly size?: string;
  readonly sizeCode?: string;
  readonly sku: string;
  readonly upcCode?: string;
  readonly internalId?: string;
  readonly marketPrice?: string;
  readonly salePrice?: string;
  readonly importFee?: string;
  readonly colorImage?: string;
  readonly images?: string;
  readonly video?: string;
  readonly videoImage?: string;
  readonly isDiscount?: string;
  readonly inventory?: number;
  readonly lockInventory?: number;
  /** TMG: 0 in stock, 1 on sale. */
  readonly status?: number;
  readonly shippingRestriction?: string;
  readonly tmallNotes?: string;
  readonly safeValid?: boolean;
  readonly ipStatus?: string;
  readonly colorId?: string;
  readonly sizeId?: string;
  readonly tmallLocalNotes?: string;
}

/** A goods record as the answers carry it (brand `brand`, TMG `goodsBrand`). */
export interface NengmaoGoodsRecord {
  readonly goodsSn: string;
  readonly goodsTitle?: string;
  /** Brand `brand`, TMG `goodsBrand`. */
  readonly brand?: string;
  readonly brandImage?: string;
  readonly goodsCategory?: string;
  readonly goodsSeason?: string;
  readonly goodsSeries?: string;
  readonly goodsYears?: string;
  /** kg, as text ("11"). */
  readonly weight?: string;
  readonly description?: string;
  readonly descriptionImage?: string;
  readonly target?: string;
  readonly hscode?: string;
  readonly sizeChart?: string;
  readonly material?: string;
  readonly volume?: string;
  readonly characteristics?: string;
  readonly measure?: string;
  readonly originCountry?: string;
  readonly careInfo?: string;
  readonly shippingRestriction?: string;
  readonly newArrivals?: string;
  readonly updateInfo?: string;
  readonly priority?: string;
  readonly remarks?: string;
  readonly currency?: string;
  readonly targetActiveDate?: string;
  readonly merchClass?: string;
  readonly deliverySeperate?: string;
  readonly dimensions?: string;
  readonly modelNotes?: string;
  readonly additionalDescription?: string;
  readonly vendorBrand?: string;
  readonly careFacet?: string;
  readonly goodsStyleNo?: string;
  readonly fitMeasurement?: readonly NengmaoFitMeasurement[];
  readonly tmallLocalNotes?: string;
  readonly productID?: string;
  readonly status?: number;
  readonly createTime?: string;
  readonly modifyTime?: string;
  readonly skuList: readonly NengmaoGoodsSku[];
}
