import { Injectable } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { NENGMAO_CODES } from './nengmao-codes';
import { NengmaoApiError, NengmaoEnvelope, nengmaoSuccess } from './nengmao-envelope';
import {
  GOODS_TEXT_FIELDS,
  GoodsTextField,
  NengmaoSku,
  SKU_TEXT_FIELDS,
  SkuTextField,
  emptyGoodsText,
  emptySkuText,
} from './nengmao-goods.store';
import { centsToWire, readAmountCents } from './nengmao-money';
import {
  NengmaoJsonObject,
  readObjectBody,
  readObjectList,
  readOptionalInteger,
  readOptionalList,
  readOptionalString,
  readOptionalStringList,
  readPage,
  readRequiredInteger,
} from './nengmao-request-reader';
import { NengmaoShop } from './nengmao-shop';
import { formatNengmaoTime, nengmaoNowMs, readNengmaoTime } from './nengmao-time';
import { renderBrandGoods, renderTmgGoods, renderTmgSku } from './nengmao-wire.mapper';

export type NengmaoFlavor = 'brand' | 'tmg';

/** Brand doc §6.1 "(Note:The number of data should not exceed 100)". */
const GOODS_PER_UPLOAD = 100;
/**
 * Brand doc §6.3 and §6.5: "(Note:The number of data should not exceed 2000)". The general error 406 reads
 * "Request list parameter exceeds 1000"; the operation's own note is the more specific statement, so the sandbox
 * enforces 2000 and says so in the 406 message. The TMG stock update states no limit; the same OMS limit applies.
 */
const SKUS_PER_STOCK_OR_BRAND_PRICE_UPDATE = 2000;
/** TMG doc §9.1: "Supports up to 100 products at a time". */
const SKUS_PER_TMG_PRICE_UPDATE = 100;
/** Query lists (brand §6.2, §6.4, §6.6; TMG §8.2): "array length <=100". */
const SKUS_PER_QUERY = 100;

/** Mandatory keys per document (presence only: the documents' own examples send "" for some of them). */
const REQUIRED_GOODS_FIELDS: Readonly<Record<NengmaoFlavor, readonly string[]>> = {
  brand: ['brand', 'goodsSn', 'goodsTitle', 'weight', 'material'],
  tmg: ['brand', 'goodsSn', 'goodsTitle', 'goodsYears', 'weight', 'hscode'],
};
const REQUIRED_SKU_FIELDS: Readonly<Record<NengmaoFlavor, readonly string[]>> = {
  brand: ['color', 'size', 'sku', 'marketPrice', 'salePrice', 'images'],
  tmg: ['sku', 'salePrice', 'images'],
};

function requirePresent(item: NengmaoJsonObject, fields: readonly string[], where: string): void {
  for (const field of fields) {
    if (item[field] === undefined || item[field] === null)
      throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.${field} is required`);
  }
}

function textOf(item: NengmaoJsonObject, field: string): string {
  const value = item[field];
  if (Array.isArray(value)) return value.map(String).join(','); // TMG §8.1 types originCountry as an array.
  return readOptionalString(item, field) ?? '';
}

/** The stock, price and goods operations of both APIs; `flavor` picks the document's rules and shapes. */
@Injectable()
export class NengmaoGoodsService {
  constructor(private readonly clock: SandboxClock) {}

  /** Brand §6.1 `api/goods`, TMG §8.1 `tmg/api/goods`: create or modify goods with their SKUs. */
  uploadGoods(shop: NengmaoShop, flavor: NengmaoFlavor, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const list = readObjectList(body, 'goodsList', GOODS_PER_UPLOAD);
    if (!list || list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.goodsListEmpty);
    const prepared = list.map((item, i) => this.prepareGoods(item, flavor, `goodsList[${i}]`));
    const nowMs = nengmaoNowMs(this.clock);
    const saved = prepared.map((p) => {
      const goods = shop.goods.putGoods(p.goodsSn, nowMs, p.text, p.fitMeasurement);
      for (const sku of p.skus) {
        const previous = shop.goods.findSku(sku.sku);
        const record: NengmaoSku = {
          sku: sku.sku,
          goodsSn: p.goodsSn,
          text: sku.text,
          safeValid: sku.safeValid,
          marketPriceCents: sku.marketPriceCents,
          salePriceCents: sku.salePriceCents,
          importFeeCents: sku.importFeeCents,
          status: previous?.status ?? 0,
          stocks: sku.stocks ?? previous?.stocks ?? 0,
          lockInventory: previous?.lockInventory ?? 0,
          stockModifyTimeMs: sku.stocks === undefined && previous ? previous.stockModifyTimeMs : nowMs,
          stockUpdates: (previous?.stockUpdates ?? 0) + (sku.stocks === undefined ? 0 : 1),
          priceModifyTimeMs: previous && previous.salePriceCents === sku.salePriceCents ? previous.priceModifyTimeMs : nowMs,
          priceUpdates: (previous?.priceUpdates ?? 0) + (previous && previous.salePriceCents === sku.salePriceCents ? 0 : 1),
        };
        shop.goods.putSku(goods, record);
      }
      return goods;
    });
    const data = saved.map((g) => (flavor === 'brand' ? renderBrandGoods(g, shop.goods) : renderTmgGoods(g, shop.goods)));
    return flavor === 'brand' ? nengmaoSuccess(data, data.length) : nengmaoSuccess(data);
  }

  /** Brand §6.2 `api/goods/list`, TMG §8.2 `tmg/api/goods/list`. */
  listGoods(shop: NengmaoShop, flavor: NengmaoFlavor, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const goodsSns = readOptionalStringList(body, 'goodSnList', SKUS_PER_QUERY);
    const skus = readOptionalStringList(body, 'skuList', SKUS_PER_QUERY);
    const hasGoodsSns = goodsSns !== undefined && goodsSns.length > 0;
    const hasSkus = skus !== undefined && skus.length > 0;
    // Brand §6.2 note: "goodSnList and skuList cannot be used at the same time" (error 420). The TMG document has
    // no such rule and its own example combines both lists; there they narrow together.
    if (flavor === 'brand' && hasGoodsSns && hasSkus) throw new NengmaoApiError(NENGMAO_CODES.goodSnListWithSkuList);
    const page = readPage(body);
    const result = shop.goods.queryGoods({
      createFromMs: flavor === 'brand' ? readNengmaoTime(body, 'startCreateTime') : undefined,
      createToMs: flavor === 'brand' ? readNengmaoTime(body, 'endCreateTime') : undefined,
      modifyFromMs: readNengmaoTime(body, 'startModifyTime'),
      modifyToMs: readNengmaoTime(body, 'endModifyTime'),
      goodsSns: hasGoodsSns ? goodsSns : undefined,
      skus: hasSkus ? skus : undefined,
      status: flavor === 'tmg' ? readOptionalInteger(body, 'goodsStatus', 0, 1) : undefined,
      offset: (page.pageNo - 1) * page.pageSize,
      limit: page.pageSize,
    });
    const data = result.goods.map((g) => (flavor === 'brand' ? renderBrandGoods(g, shop.goods) : renderTmgGoods(g, shop.goods)));
    return nengmaoSuccess(data, result.total);
  }

  /** Brand §6.3 `api/stocks/update`, TMG §5.1 `tmg/api/stocks/update`. */
  updateStocks(shop: NengmaoShop, flavor: NengmaoFlavor, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const updateType = readRequiredInteger(body, 'updateType', 0, 1);
    const list = this.readSkuItems(body, SKUS_PER_STOCK_OR_BRAND_PRICE_UPDATE);
    const changes = list.map((item, i) => {
      const stocks = readRequiredInteger(item, 'stocks', updateType === 0 ? 0 : -1_000_000_000, 1_000_000_000);
      return { index: i, stocks };
    });
    const skus = this.resolveSkus(shop, list);
    // Full (0): the value replaces the stock of the listed SKUs (unlisted SKUs are untouched, so a full push may be
    // split over several calls). Incremental (1): the value is a signed movement added to the stock.
    const targets = changes.map(({ index, stocks }) => {
      const sku = skus[index] as NengmaoSku;
      const next = updateType === 0 ? stocks : sku.stocks + stocks;
      if (next < 0)
        throw new NengmaoApiError(NENGMAO_CODES.parameter, `skuList[${index}].stocks would make the stock of ${sku.sku} negative`);
      return { sku, next };
    });
    const nowMs = nengmaoNowMs(this.clock);
    for (const { sku, next } of targets) shop.goods.setStock(sku, next, nowMs);
    // Brand §6.3 answers `data: {}`; TMG §5.1 answers the updated product records.
    return nengmaoSuccess(flavor === 'brand' ? {} : dedupe(targets.map((t) => t.sku)).map(renderTmgSku));
  }

  /** Brand §6.4 `api/stocks/list`. */
  listStocks(shop: NengmaoShop, raw: unknown): NengmaoEnvelope {
    const { fromMs, toMs, skus, page } = this.readSkuTimeQuery(readObjectBody(raw));
    const result = shop.goods.queryStocks({ fromMs, toMs, skus, offset: (page.pageNo - 1) * page.pageSize, limit: page.pageSize });
    const data = result.skus.map((s) => ({ sku: s.sku, stocks: s.stocks, lastModifyTime: formatNengmaoTime(s.stockModifyTimeMs) }));
    return nengmaoSuccess(data, result.total);
  }

  /** Brand §6.5 `api/price/update`, TMG §9.1 `tmg/api/price/update`. */
  updatePrices(shop: NengmaoShop, flavor: NengmaoFlavor, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const list = this.readSkuItems(body, flavor === 'brand' ? SKUS_PER_STOCK_OR_BRAND_PRICE_UPDATE : SKUS_PER_TMG_PRICE_UPDATE);
    const prices = list.map((item, i) => {
      if (item.salePrice === undefined || item.salePrice === null)
        throw new NengmaoApiError(NENGMAO_CODES.parameter, `skuList[${i}].salePrice is required`);
      return { cents: readAmountCents(item.salePrice, `skuList[${i}].salePrice`), isDiscount: readOptionalString(item, 'isDiscount') };
    });
    const skus = this.resolveSkus(shop, list);
    const nowMs = nengmaoNowMs(this.clock);
    prices.forEach(({ cents, isDiscount }, i) => {
      const sku = skus[i] as NengmaoSku;
      shop.goods.setPrice(sku, cents, nowMs);
      if (flavor === 'brand' && isDiscount !== undefined) sku.text = { ...sku.text, isDiscount };
    });
    return nengmaoSuccess(flavor === 'brand' ? {} : dedupe(skus).map(renderTmgSku));
  }

  /** Brand §6.6 `api/price/list`. */
  listPrices(shop: NengmaoShop, raw: unknown): NengmaoEnvelope {
    const { fromMs, toMs, skus, page } = this.readSkuTimeQuery(readObjectBody(raw));
    const result = shop.goods.queryPrices({ fromMs, toMs, skus, offset: (page.pageNo - 1) * page.pageSize, limit: page.pageSize });
    const data = result.skus.map((s) => ({
      sku: s.sku,
      price: centsToWire(s.salePriceCents),
      lastModifyTime: formatNengmaoTime(s.priceModifyTimeMs),
    }));
    return nengmaoSuccess(data, result.total);
  }

  private readSkuItems(body: NengmaoJsonObject, max: number): NengmaoJsonObject[] {
    const list = readObjectList(body, 'skuList', max);
    if (!list || list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, 'skuList is required');
    list.forEach((item, i) => {
      const sku = readOptionalString(item, 'sku');
      const upc = readOptionalString(item, 'upcCode');
      if ((sku === undefined || sku === '') && (upc === undefined || upc === '')) {
        throw new NengmaoApiError(NENGMAO_CODES.skuOrUpcRequired, `skuList[${i}] has neither sku nor upcCode`);
      }
    });
    return list;
  }

  /** Every SKU must exist (by sku, else by upcCode); one unknown refuses the whole call with 410. */
  private resolveSkus(shop: NengmaoShop, list: readonly NengmaoJsonObject[]): NengmaoSku[] {
    const unknown: string[] = [];
    const found = list.map((item) => {
      const code = readOptionalString(item, 'sku') ?? '';
      const upc = readOptionalString(item, 'upcCode') ?? '';
      const sku = code !== '' ? shop.goods.findSku(code) : shop.goods.findByUpc(upc);
      if (!sku) unknown.push(code !== '' ? code : upc);
      return sku;
    });
    if (unknown.length > 0) throw new NengmaoApiError(NENGMAO_CODES.skuUnknown, unknown.slice(0, 20).join(', '));
    return found.filter((s): s is NengmaoSku => s !== undefined);
  }

  /** Brand §6.4 / §6.6: "At least one of modification time and skulist is required" (408 when neither). */
  private readSkuTimeQuery(body: NengmaoJsonObject) {
    const fromMs = readNengmaoTime(body, 'startModifyTime');
    const toMs = readNengmaoTime(body, 'endModifyTime');
    const list = readOptionalStringList(body, 'skuList', SKUS_PER_QUERY);
    const skus = list !== undefined && list.length > 0 ? list : undefined;
    if (fromMs === undefined && toMs === undefined && skus === undefined) {
      throw new NengmaoApiError(NENGMAO_CODES.skuOrUpcRequired, 'give a modification time window or a skuList');
    }
    return { fromMs, toMs, skus, page: readPage(body) };
  }

  private prepareGoods(item: NengmaoJsonObject, flavor: NengmaoFlavor, where: string) {
    requirePresent(item, REQUIRED_GOODS_FIELDS[flavor], where);
    const goodsSn = textOf(item, 'goodsSn');
    if (goodsSn.trim() === '') throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.goodsSn is required`);
    const text = emptyGoodsText();
    for (const field of GOODS_TEXT_FIELDS) text[field as GoodsTextField] = textOf(item, field);
    if (flavor === 'tmg' && text.updateInfo === '') text.updateInfo = textOf(item, 'update'); // TMG §8.1 names it `update`.
    const fit = readOptionalList(item, 'fitMeasurement', 1000) ?? [];
    const skuItems = readObjectList(item, 'skuList', 1000);
    if (!skuItems || skuItems.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.skuList is required`);
    const skus = skuItems.map((sku, i) => {
      const at = `${where}.skuList[${i}]`;
      requirePresent(sku, REQUIRED_SKU_FIELDS[flavor], at);
      const code = textOf(sku, 'sku');
      if (code.trim() === '') throw new NengmaoApiError(NENGMAO_CODES.parameter, `${at}.sku is required`);
      const skuText = emptySkuText();
      for (const field of SKU_TEXT_FIELDS) skuText[field as SkuTextField] = textOf(sku, field);
      return {
        sku: code,
        text: skuText,
        safeValid: sku.safeValid === true || sku.safeValid === 'true',
        marketPriceCents:
          sku.marketPrice === undefined || sku.marketPrice === null ? 0 : readAmountCents(sku.marketPrice, `${at}.marketPrice`),
        salePriceCents: readAmountCents(sku.salePrice, `${at}.salePrice`),
        importFeeCents: sku.importFee === undefined || sku.importFee === null ? 0 : readAmountCents(sku.importFee, `${at}.importFee`),
        stocks: readOptionalInteger(sku, 'stocks', 0, 1_000_000_000),
      };
    });
    return { goodsSn, text, fitMeasurement: fit, skus };
  }
}

function dedupe(skus: readonly NengmaoSku[]): NengmaoSku[] {
  return [...new Set(skus)];
}
