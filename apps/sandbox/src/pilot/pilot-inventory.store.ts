import type { CatalogSku } from '../core/sandbox-catalog';
import type { PilotInventoryProduct } from './pilot.wire';

/** The register/update body ("Inventory product request body"), as documented (names of unnamed bullets from the example). */
export interface PilotInventoryProductBody {
  merchantGoodsNo: string;
  platformGoodsNo: string;
  barcodes: string;
  warehouseGoodsNo: string;
  thirdCategoryNo: string;
  goodsName: string;
  grossWeight: number;
  netWeight: number;
  safeDays: number;
  batch: string;
  overseaPurchase: string;
  pattern: string;
  qiRecord: string;
  customRecord: string;
  ccProvider: string;
  bondedArea: string;
  customsSellerRecord: string;
  batAttrIds: string;
  modelNumber: string;
  spec: string;
  vatRate: number;
  taxRate: number;
  hsCode: string;
  country: string;
  qiCountry: string;
  legalUnit1: string;
  legalAmount1: string;
  legalUnit2: string;
  legalAmount2: string;
  measurement: string;
  qiMeasurement: string;
  declarationElements: string;
}

/** One product at the 3PL with its stock: on hand, and reserved for packed packages not yet shipped. */
export interface PilotStockItem {
  /** Catalogue SKU for seeded products; the merchant goods number for products registered through the API. */
  readonly sku: string;
  body: PilotInventoryProductBody;
  brandName: string;
  manufacturer: string;
  produceAddress: string;
  shopNo: string;
  onHand: number;
  reserved: number;
}

export interface StockLine {
  readonly item: PilotStockItem;
  readonly quantity: number;
}

export function emptyInventoryProductBody(): PilotInventoryProductBody {
  return {
    merchantGoodsNo: '',
    platformGoodsNo: '',
    barcodes: '',
    warehouseGoodsNo: '',
    thirdCategoryNo: '',
    goodsName: '',
    grossWeight: 0,
    netWeight: 0,
    safeDays: 0,
    batch: '',
    overseaPurchase: '',
    pattern: '',
    qiRecord: '',
    customRecord: '',
    ccProvider: '',
    bondedArea: '',
    customsSellerRecord: '',
    batAttrIds: '',
    modelNumber: '',
    spec: '',
    vatRate: 0,
    taxRate: 0,
    hsCode: '',
    country: '',
    qiCountry: '',
    legalUnit1: '',
    legalAmount1: '',
    legalUnit2: '',
    legalAmount2: '',
    measurement: '',
    qiMeasurement: '',
    declarationElements: '',
  };
}

/** Shelf life in days the 3PL assumes when none is registered. */
const DEFAULT_SAFE_DAYS = 730;

/** Products and stock at the 3PL; seeded from the shared catalogue with its `initialStock`. */
export class PilotInventoryStore {
  private readonly items: PilotStockItem[] = [];

  constructor(catalog: readonly CatalogSku[]) {
    for (const sku of catalog) {
      const weight = Number(sku.weightKg);
      this.items.push({
        sku: sku.sku,
        body: {
          ...emptyInventoryProductBody(),
          merchantGoodsNo: sku.merchantGoodsNo,
          platformGoodsNo: sku.goodsSn,
          barcodes: sku.barcode,
          warehouseGoodsNo: sku.warehouseGoodsNo,
          goodsName: sku.titleZh,
          grossWeight: weight,
          netWeight: weight,
          safeDays: DEFAULT_SAFE_DAYS,
          hsCode: sku.hsCode,
          country: sku.originCountry,
          pattern: 'BBC',
        },
        brandName: sku.brand,
        manufacturer: sku.brand,
        produceAddress: sku.originCountry,
        shopNo: '',
        onHand: sku.initialStock,
        reserved: 0,
      });
    }
  }

  all(): readonly PilotStockItem[] {
    return this.items;
  }

  /** By catalogue SKU, merchant goods number, warehouse goods number or one of the barcodes. */
  find(id: string): PilotStockItem | undefined {
    return (
      this.items.find((i) => i.sku === id) ??
      this.items.find((i) => i.body.merchantGoodsNo === id || i.body.warehouseGoodsNo === id) ??
      this.items.find((i) => i.body.barcodes.split(',').some((b) => b.trim() === id))
    );
  }

  findByMerchantGoodsNo(merchantGoodsNo: string): PilotStockItem | undefined {
    return this.items.find((i) => i.body.merchantGoodsNo === merchantGoodsNo);
  }

  findByWarehouseGoodsNo(warehouseGoodsNo: string): PilotStockItem | undefined {
    return this.items.find((i) => i.body.warehouseGoodsNo === warehouseGoodsNo);
  }

  add(item: PilotStockItem): void {
    this.items.push(item);
  }

  usable(item: PilotStockItem): number {
    return item.onHand - item.reserved;
  }

  /** Reserves every line or none: a package is packed whole. */
  reserve(lines: readonly StockLine[]): boolean {
    const wanted = new Map<PilotStockItem, number>();
    for (const line of lines) wanted.set(line.item, (wanted.get(line.item) ?? 0) + line.quantity);
    for (const [item, quantity] of wanted) if (this.usable(item) < quantity) return false;
    for (const [item, quantity] of wanted) item.reserved += quantity;
    return true;
  }

  release(lines: readonly StockLine[]): void {
    for (const line of lines) line.item.reserved = Math.max(0, line.item.reserved - line.quantity);
  }

  /** Goods leave the warehouse: on hand and reserved both drop. */
  deduct(lines: readonly StockLine[]): void {
    for (const line of lines) {
      line.item.onHand = Math.max(0, line.item.onHand - line.quantity);
      line.item.reserved = Math.max(0, line.item.reserved - line.quantity);
    }
  }

  receive(item: PilotStockItem, quantity: number): void {
    item.onHand += quantity;
  }

  /** Sets the stock on hand (a count); never below what packed packages hold. */
  setOnHand(item: PilotStockItem, onHand: number): void {
    item.onHand = Math.max(onHand, item.reserved);
  }

  toWire(item: PilotStockItem, recordCount: number): PilotInventoryProduct {
    const b = item.body;
    return {
      merchantGoodsNo: b.merchantGoodsNo,
      platformGoodsNo: b.platformGoodsNo,
      warehouseGoodsNo: b.warehouseGoodsNo,
      barcodes: b.barcodes,
      thirdCategoryNo: b.thirdCategoryNo,
      goodsName: b.goodsName,
      shopNo: item.shopNo,
      stockStatus: 'GOOD',
      stockType: 'NORMAL',
      totalNum: String(item.onHand),
      usableNum: String(this.usable(item)),
      recordCount: String(recordCount),
      brandName: item.brandName,
      manufacturer: item.manufacturer,
      produceAddress: item.produceAddress,
      grossWeight: b.grossWeight,
      netWeight: b.netWeight,
      safeDays: b.safeDays,
      adventDay: Math.floor(b.safeDays / 3),
    };
  }
}
