import type { NengmaoFitMeasurement } from './goods-list';
import type { WireDecimal } from './wire-decimal';

/** Brand doc §6.1 `POST /api/goods` ("List of Goods"), TMG doc §8.1 `POST /tmg/api/goods`: create or modify goods. */
export interface NengmaoGoodsUploadRequest {
  /** ≤100 goods (brand §6.1 note). */
  readonly goodsList: readonly NengmaoGoodsUploadItem[];
}

export interface NengmaoGoodsUploadItem {
  readonly brand: string;
  readonly brandImage?: string;
  readonly goodsSn: string;
  readonly goodsTitle: string;
  readonly goodsCategory?: string;
  readonly goodsSeason?: string;
  readonly goodsSeries?: string;
  /** Mandatory in TMG §8.1. */
  readonly goodsYears?: string;
  /** kg, as text. */
  readonly weight: string;
  readonly description?: string;
  readonly descriptionImage?: string;
  readonly target?: string;
  /** Mandatory in TMG §8.1. */
  readonly hscode?: string;
  readonly sizeChart?: string;
  /** Mandatory in the brand table; its own example sends "". */
  readonly material: string;
  readonly volume?: string;
  readonly measure?: string;
  readonly characteristics?: string;
  readonly currency?: string;
  readonly originCountry?: string;
  readonly careInfo?: string;
  readonly shippingRestriction?: string;
  readonly newArrivals?: string;
  /** Brand name; TMG §8.1 calls it `update`. */
  readonly updateInfo?: string;
  readonly update?: string;
  readonly remarks?: string;
  readonly targetActiveDate?: string;
  readonly merchClass?: string;
  readonly priority?: string;
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
  readonly skuList: readonly NengmaoGoodsUploadSku[];
}

export interface NengmaoGoodsUploadSku {
  readonly color: string;
  readonly colorCode?: string;
  readonly size: string;
  readonly sizeCode?: string;
  readonly sku: string;
  readonly upcCode?: string;
  readonly internalId?: string;
  readonly marketPrice: WireDecimal;
  readonly salePrice: WireDecimal;
  readonly importFee?: WireDecimal;
  readonly colorImage?: string;
  /** Image URLs joined with `|`. */
  readonly images: string;
  readonly video?: string;
  readonly videoImage?: string;
  readonly isDiscount?: string;
  readonly stocks?: number;
  readonly shippingRestriction?: string;
  readonly tmallNotes?: string;
  readonly ipStatus?: string;
  readonly safeValid?: boolean;
  readonly colorId?: string;
  readonly sizeId?: string;
  readonly tmallLocalNotes?: string;
}
