import { Instant, Money, normalizeCountryCode, PriceInput, ProductInput, ProductSnapshot, SkuInput, Weight } from '@serai/domain';
import type { PriceChange, StockFigure } from '@serai/engine/ports';
import { fromNengmaoTime } from './operations/nengmao-time';
import type { NengmaoGoodsRecord, NengmaoGoodsSku } from './wire/goods-list';
import type { NengmaoGoodsUploadItem, NengmaoGoodsUploadSku } from './wire/goods-upload';
import type { NengmaoPriceRecord } from './wire/price-list';
import type { NengmaoPriceItem } from './wire/price-update';
import type { NengmaoStockRecord } from './wire/stocks-list';
import type { NengmaoStockItem } from './wire/stocks-update';
import { WireDecimal } from './wire/wire-decimal';

/** Goods, SKUs, stocks and prices <-> canonical. Pure functions. */

const CJK = /[\u3400-\u9fff]/;

/**
 * A canonical product as one goods upload item (brand §6.1 / TMG §8.1). Mandatory fields with no
 * canonical source are sent as the documents' own examples send them: `material` "" and, for
 * the TMG-mandatory `goodsYears` / `hscode`, "" when unknown. `images` is mandatory per SKU but
 * the canonical SKU has none: "" (images are managed in the Nengmao back office).
 */
export function toNengmaoGoods(product: ProductSnapshot): NengmaoGoodsUploadItem {
  const first = product.skus[0];
  const weight = first?.grossWeight ?? first?.netWeight;
  return {
    brand: product.brand ?? '',
    goodsSn: product.id,
    goodsTitle: product.titles.zh ?? product.titles.en ?? product.id,
    ...optionalText('goodsCategory', product.category),
    goodsYears: '',
    weight: weight === undefined ? '0' : weight.toKilograms().value,
    ...optionalText('description', product.description),
    hscode: first?.customs?.hsCode ?? '',
    material: '',
    ...(first?.customs?.originCountry === undefined ? {} : { originCountry: first.customs.originCountry }),
    ...(first === undefined ? {} : { currency: first.prices.sale.currency }),
    skuList: product.skus.map((sku): NengmaoGoodsUploadSku => {
      const internalId = sku.itemNumbers.internalId;
      return {
        color: sku.attributes.color ?? sku.attributes.colour ?? '',
        size: sku.attributes.size ?? '',
        sku: sku.sku,
        ...(sku.barcodes[0] === undefined ? {} : { upcCode: sku.barcodes[0] }),
        ...(internalId === undefined ? {} : { internalId }),
        // marketPrice is mandatory (brand §6.1): without an RRP the sale price stands for it.
        marketPrice: WireDecimal.of((sku.prices.market ?? sku.prices.sale).amount),
        salePrice: WireDecimal.of(sku.prices.sale.amount),
        images: '',
      };
    }),
  };
}

/** A goods record of an answer (brand `skuList`, TMG `goodsList` already merged by the reader) as a canonical product. */
export function mapNengmaoGoods(record: NengmaoGoodsRecord, currency: string): ProductInput {
  const title = nonBlank(record.goodsTitle) ?? record.goodsSn;
  const titles = CJK.test(title) ? { zh: title } : { en: title };
  const weight = nonBlank(record.weight);
  const grossWeight = weight !== undefined && /^\d+(\.\d+)?$/.test(weight) ? Weight.of(weight, 'kg') : undefined;
  const hsCode = nonBlank(record.hscode)?.replace(/[.\s]/g, '');
  const customs = {
    // The examples' "11212" is not an HS code (6 to 10 digits): dropped rather than refused.
    ...(hsCode !== undefined && /^\d{6,10}$/.test(hsCode) ? { hsCode } : {}),
    ...optionalCountry(record.originCountry),
  };
  return {
    id: record.goodsSn,
    titles,
    brand: nonBlank(record.brand),
    category: nonBlank(record.goodsCategory),
    description: nonBlank(record.description),
    skus: record.skuList.map((sku): SkuInput => ({
      sku: sku.sku,
      barcodes: nonBlank(sku.upcCode) === undefined ? [] : [sku.upcCode ?? ''],
      itemNumbers: { internalId: sku.internalId },
      titles,
      attributes: { color: sku.color, size: sku.size },
      ...(grossWeight === undefined ? {} : { grossWeight }),
      ...(Object.keys(customs).length === 0 ? {} : { customs }),
      prices: {
        sale: Money.of(sku.salePrice ?? '0', currency),
        ...(sku.marketPrice === undefined ? {} : { market: Money.of(sku.marketPrice, currency) }),
      },
    })),
  };
}

/** stocks/update item: `stocks` is the new level (full) or a signed movement (incremental). */
export function toNengmaoStockItem(level: { readonly sku: string; readonly quantity: number }): NengmaoStockItem {
  return { sku: level.sku, stocks: level.quantity };
}

/** stocks/list record (brand §6.4): one figure, all of it available (the list has no reservation). */
export function mapNengmaoStockRecord(record: NengmaoStockRecord, location: string, fallbackAsOf: Instant): StockFigure {
  return {
    sku: record.sku,
    location,
    onHand: record.stocks,
    available: record.stocks,
    reserved: 0,
    asOf: record.lastModifyTime === undefined ? fallbackAsOf : fromNengmaoTime(record.lastModifyTime, 'lastModifyTime'),
  };
}

/** A goods SKU's `inventory` (total) and `lockInventory` (held for orders) as a stock figure. */
export function mapNengmaoSkuStock(sku: NengmaoGoodsSku, location: string, asOf: Instant): StockFigure {
  const onHand = sku.inventory ?? 0;
  const reserved = Math.min(sku.lockInventory ?? 0, onHand);
  return { sku: sku.sku, location, onHand, available: onHand - reserved, reserved, asOf };
}

export type PriceItemMapping =
  { readonly ok: true; readonly item: NengmaoPriceItem } | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * A canonical price change as a price/update item. Nengmao keeps one price per SKU, `salePrice`:
 * a sale price maps to it, a promotion too (brand: flagged `isDiscount: "true"`); market and cost
 * prices have no place there and are refused per item.
 */
export function toNengmaoPriceItem(change: PriceChange, currency: string, hasIsDiscount: boolean): PriceItemMapping {
  if (change.kind === 'market' || change.kind === 'cost') {
    return { ok: false, code: 'UNSUPPORTED_PRICE_KIND', message: `Nengmao price/update sets salePrice only, not a ${change.kind} price` };
  }
  if (change.amount.currency !== currency) {
    return { ok: false, code: 'CURRENCY_MISMATCH', message: `the connection prices in ${currency}, not ${change.amount.currency}` };
  }
  return {
    ok: true,
    item: {
      sku: change.sku,
      salePrice: WireDecimal.of(change.amount.amount),
      ...(hasIsDiscount ? { isDiscount: change.kind === 'promotion' ? 'true' : 'false' } : {}),
    },
  };
}

/** price/list record (brand §6.6) as a canonical sale price. */
export function mapNengmaoPriceRecord(record: NengmaoPriceRecord, currency: string, fallbackAsOf: Instant): PriceInput {
  return {
    sku: record.sku,
    kind: 'sale',
    amount: Money.of(record.price, currency),
    asOf: record.lastModifyTime === undefined ? fallbackAsOf : fromNengmaoTime(record.lastModifyTime, 'lastModifyTime'),
  };
}

function optionalCountry(text: string | undefined): { originCountry?: string } {
  const value = nonBlank(text);
  if (value === undefined) return {};
  try {
    return { originCountry: normalizeCountryCode(value) };
  } catch {
    // A country name or an unknown code: kept only in `raw`, never a reason to refuse the goods.
    return {};
  }
}

function optionalText<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value === undefined || value === null || value.trim() === '' ? {} : ({ [key]: value } as Record<K, string>);
}

function nonBlank(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
