/**
 * Goods (a `goodsSn` with its SKUs), stock and price of one shop. Stock and price carry their own modify times,
 * read back by stocks/list and price/list (brand doc §6.4, §6.6); goods carry create and modify times (§6.2).
 */

/** Goods-level text fields of the brand upload (brand doc §6.1), kept verbatim and echoed by goods/list. */
export const GOODS_TEXT_FIELDS = [
  'brand',
  'brandImage',
  'goodsTitle',
  'goodsCategory',
  'goodsSeason',
  'goodsSeries',
  'goodsYears',
  'weight',
  'description',
  'descriptionImage',
  'target',
  'hscode',
  'sizeChart',
  'material',
  'volume',
  'characteristics',
  'measure',
  'originCountry',
  'careInfo',
  'shippingRestriction',
  'newArrivals',
  'updateInfo',
  'priority',
  'remarks',
  'currency',
  'targetActiveDate',
  'merchClass',
  'deliverySeperate',
  'dimensions',
  'modelNotes',
  'additionalDescription',
  'vendorBrand',
  'careFacet',
  'goodsStyleNo',
  'tmallLocalNotes',
  'productID',
] as const;

export type GoodsTextField = (typeof GOODS_TEXT_FIELDS)[number];

/** SKU-level text fields of the brand upload (brand doc §6.1 `skuList[]`). */
export const SKU_TEXT_FIELDS = [
  'color',
  'colorCode',
  'size',
  'sizeCode',
  'upcCode',
  'internalId',
  'colorImage',
  'images',
  'video',
  'videoImage',
  'isDiscount',
  'shippingRestriction',
  'tmallNotes',
  'ipStatus',
  'colorId',
  'sizeId',
  'tmallLocalNotes',
] as const;

export type SkuTextField = (typeof SKU_TEXT_FIELDS)[number];

export interface NengmaoGoods {
  readonly goodsSn: string;
  text: Record<GoodsTextField, string>;
  fitMeasurement: readonly unknown[];
  readonly createTimeMs: number;
  modifyTimeMs: number;
  /** SKU codes in upload order. */
  readonly skus: string[];
}

export interface NengmaoSku {
  readonly sku: string;
  goodsSn: string;
  text: Record<SkuTextField, string>;
  safeValid: boolean;
  marketPriceCents: number;
  salePriceCents: number;
  importFeeCents: number;
  /** Product status (TMG doc §8.1): 0 in stock, 1 on sale. */
  status: 0 | 1;
  stocks: number;
  lockInventory: number;
  stockModifyTimeMs: number;
  stockUpdates: number;
  priceModifyTimeMs: number;
  priceUpdates: number;
}

export function emptyGoodsText(): Record<GoodsTextField, string> {
  return Object.fromEntries(GOODS_TEXT_FIELDS.map((field) => [field, ''])) as Record<GoodsTextField, string>;
}

export function emptySkuText(): Record<SkuTextField, string> {
  return Object.fromEntries(SKU_TEXT_FIELDS.map((field) => [field, ''])) as Record<SkuTextField, string>;
}

export interface NengmaoGoodsQuery {
  readonly createFromMs?: number;
  readonly createToMs?: number;
  readonly modifyFromMs?: number;
  readonly modifyToMs?: number;
  readonly goodsSns?: readonly string[];
  readonly skus?: readonly string[];
  readonly status?: number;
  readonly offset: number;
  readonly limit: number;
}

export interface NengmaoSkuTimeQuery {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly skus?: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

export class NengmaoGoodsStore {
  private readonly goods = new Map<string, NengmaoGoods>();
  private readonly skus = new Map<string, NengmaoSku>();
  private readonly byUpc = new Map<string, NengmaoSku>();

  findGoods(goodsSn: string): NengmaoGoods | undefined {
    return this.goods.get(goodsSn);
  }

  findSku(sku: string): NengmaoSku | undefined {
    return this.skus.get(sku);
  }

  findByUpc(upcCode: string): NengmaoSku | undefined {
    return this.byUpc.get(upcCode);
  }

  allSkus(): IterableIterator<NengmaoSku> {
    return this.skus.values();
  }

  goodsCount(): number {
    return this.goods.size;
  }

  /** Creates or replaces goods; a SKU named by other goods moves to these (the last upload wins). */
  putGoods(goodsSn: string, nowMs: number, text: Record<GoodsTextField, string>, fitMeasurement: readonly unknown[]): NengmaoGoods {
    const existing = this.goods.get(goodsSn);
    if (existing) {
      existing.text = text;
      existing.fitMeasurement = fitMeasurement;
      existing.modifyTimeMs = nowMs;
      return existing;
    }
    const created: NengmaoGoods = { goodsSn, text, fitMeasurement, createTimeMs: nowMs, modifyTimeMs: nowMs, skus: [] };
    this.goods.set(goodsSn, created);
    return created;
  }

  putSku(goods: NengmaoGoods, sku: NengmaoSku): NengmaoSku {
    const previous = this.skus.get(sku.sku);
    if (previous && previous.goodsSn !== goods.goodsSn) {
      const owner = this.goods.get(previous.goodsSn);
      if (owner) owner.skus.splice(owner.skus.indexOf(sku.sku), 1);
    }
    if (previous && previous.text.upcCode !== '') this.byUpc.delete(previous.text.upcCode);
    if (!goods.skus.includes(sku.sku)) goods.skus.push(sku.sku);
    this.skus.set(sku.sku, sku);
    if (sku.text.upcCode !== '') this.byUpc.set(sku.text.upcCode, sku);
    return sku;
  }

  queryGoods(query: NengmaoGoodsQuery): { total: number; goods: NengmaoGoods[] } {
    const skuOwners = query.skus ? new Set(query.skus.map((s) => this.skus.get(s)?.goodsSn).filter((s) => s !== undefined)) : undefined;
    const goodsSns = query.goodsSns ? new Set(query.goodsSns) : undefined;
    const matches = [...this.goods.values()]
      .filter(
        (g) =>
          within(g.createTimeMs, query.createFromMs, query.createToMs) &&
          within(g.modifyTimeMs, query.modifyFromMs, query.modifyToMs) &&
          (goodsSns === undefined || goodsSns.has(g.goodsSn)) &&
          (skuOwners === undefined || skuOwners.has(g.goodsSn)) &&
          (query.status === undefined || this.goodsStatus(g) === query.status),
      )
      .sort((a, b) => a.createTimeMs - b.createTimeMs || a.goodsSn.localeCompare(b.goodsSn));
    return { total: matches.length, goods: matches.slice(query.offset, query.offset + query.limit) };
  }

  skusOf(goods: NengmaoGoods): NengmaoSku[] {
    return goods.skus.map((code) => this.skus.get(code)).filter((s): s is NengmaoSku => s !== undefined);
  }

  /** Goods are on sale when one of their SKUs is. */
  goodsStatus(goods: NengmaoGoods): 0 | 1 {
    return this.skusOf(goods).some((s) => s.status === 1) ? 1 : 0;
  }

  queryStocks(query: NengmaoSkuTimeQuery): { total: number; skus: NengmaoSku[] } {
    return this.queryByTime(query, (s) => s.stockModifyTimeMs);
  }

  queryPrices(query: NengmaoSkuTimeQuery): { total: number; skus: NengmaoSku[] } {
    return this.queryByTime(query, (s) => s.priceModifyTimeMs);
  }

  setStock(sku: NengmaoSku, stocks: number, nowMs: number): void {
    sku.stocks = stocks;
    sku.stockModifyTimeMs = nowMs;
    sku.stockUpdates += 1;
  }

  setPrice(sku: NengmaoSku, salePriceCents: number, nowMs: number): void {
    sku.salePriceCents = salePriceCents;
    sku.priceModifyTimeMs = nowMs;
    sku.priceUpdates += 1;
  }

  private queryByTime(query: NengmaoSkuTimeQuery, timeOf: (sku: NengmaoSku) => number): { total: number; skus: NengmaoSku[] } {
    const candidates = query.skus
      ? [...new Set(query.skus)].map((s) => this.skus.get(s)).filter((s): s is NengmaoSku => s !== undefined)
      : [...this.skus.values()];
    const matches = candidates
      .filter((s) => within(timeOf(s), query.fromMs, query.toMs))
      .sort((a, b) => timeOf(a) - timeOf(b) || a.sku.localeCompare(b.sku));
    return { total: matches.length, skus: matches.slice(query.offset, query.offset + query.limit) };
  }
}

function within(ms: number, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || ms >= from) && (to === undefined || ms <= to);
}
