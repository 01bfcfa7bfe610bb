import type { PilotPageSize, PilotPattern, PilotStockStatus, PilotStockType } from '../codes';
import type { WireDecimal } from '../../kernel/decimal-json';
import type { PilotConnectorResponse } from './envelopes';
import type { PilotPurchase } from './inventory-purchase';

/**
 * `GET /inventory/product/{carrier}` query. The first parameter ("Product number used in
 * warehouse.") lost its name; `warehouse_goods_no` follows the snake_case of the others (catalogue §6).
 */
export interface PilotInventoryProductQuery {
  readonly warehouse_goods_no?: string;
  readonly stock_status?: PilotStockStatus;
  readonly stock_type?: PilotStockType;
  /** "Shop number, required for shop stock query." */
  readonly shop_no?: string;
  readonly page_no?: number;
  readonly page_size?: PilotPageSize;
}

/** `products[]` of the inventory envelope: quantities are strings (parsed strictly by the mapper). */
export interface PilotInventoryProduct {
  readonly merchantGoodsNo?: string;
  readonly platformGoodsNo?: string;
  readonly warehouseGoodsNo?: string;
  /** "multiple bar codes are separated by commas". */
  readonly barcodes?: string;
  readonly thirdCategoryNo?: string;
  readonly goodsName?: string;
  readonly shopNo?: string;
  readonly stockStatus?: string;
  readonly stockType?: string;
  readonly totalNum?: string;
  readonly usableNum?: string;
  readonly recordCount?: string;
  readonly brandName?: string;
  readonly manufacturer?: string;
  readonly produceAddress?: string;
  readonly grossWeight?: WireDecimal;
  readonly netWeight?: WireDecimal;
  readonly safeDays?: number;
  readonly adventDay?: number;
}

export const INVENTORY_PRODUCT_FIELDS = {
  merchantGoodsNo: 'string',
  platformGoodsNo: 'string',
  warehouseGoodsNo: 'string',
  barcodes: 'string',
  thirdCategoryNo: 'string',
  goodsName: 'string',
  shopNo: 'string',
  stockStatus: 'string',
  stockType: 'string',
  totalNum: 'string',
  usableNum: 'string',
  recordCount: 'string',
  brandName: 'string',
  manufacturer: 'string',
  produceAddress: 'string',
  grossWeight: 'decimal',
  netWeight: 'decimal',
  safeDays: 'integer',
  adventDay: 'integer',
} as const;

/** The inventory envelope of product query/register/update and purchase query/create. */
export interface PilotInventoryResponse {
  readonly code?: number;
  readonly message?: string;
  readonly connectorResponses: readonly PilotConnectorResponse[];
  readonly products: readonly PilotInventoryProduct[];
  readonly purchases: readonly PilotPurchase[];
}

/**
 * "Inventory product request body" of POST (register) and PUT (update). Names lost by four bullets
 * come from the example; `overseaPurchase` is only in the example and its meaning is undocumented.
 */
export interface PilotInventoryProductBody {
  readonly merchantGoodsNo: string;
  readonly platformGoodsNo: string;
  readonly barcodes: string;
  readonly warehouseGoodsNo?: string;
  readonly thirdCategoryNo?: string;
  readonly goodsName?: string;
  readonly grossWeight?: WireDecimal;
  readonly netWeight?: WireDecimal;
  readonly safeDays?: number;
  readonly batch?: string;
  readonly overseaPurchase?: string;
  readonly pattern?: PilotPattern;
  readonly qiRecord?: string;
  readonly customRecord?: string;
  readonly ccProvider?: string;
  readonly bondedArea?: string;
  readonly customsSellerRecord?: string;
  readonly batAttrIds?: string;
  readonly modelNumber?: string;
  readonly spec?: string;
  /** "fill in the integer, for example: 16% VAT, pass 16". */
  readonly vatRate?: number;
  /** integer(int32) here, a float in the freight-forward product (catalogue §7.12). */
  readonly taxRate?: number;
  readonly hsCode?: string;
  readonly country?: string;
  readonly qiCountry?: string;
  readonly legalUnit1?: string;
  readonly legalAmount1?: string;
  readonly legalUnit2?: string;
  readonly legalAmount2?: string;
  readonly measurement?: string;
  readonly qiMeasurement?: string;
  readonly declarationElements?: string;
}

export const INVENTORY_PRODUCT_BODY_FIELDS = {
  merchantGoodsNo: 'string',
  platformGoodsNo: 'string',
  barcodes: 'string',
  warehouseGoodsNo: 'string',
  thirdCategoryNo: 'string',
  goodsName: 'string',
  grossWeight: 'decimal',
  netWeight: 'decimal',
  safeDays: 'integer',
  batch: 'string',
  overseaPurchase: 'string',
  pattern: 'string',
  qiRecord: 'string',
  customRecord: 'string',
  ccProvider: 'string',
  bondedArea: 'string',
  customsSellerRecord: 'string',
  batAttrIds: 'string',
  modelNumber: 'string',
  spec: 'string',
  vatRate: 'integer',
  taxRate: 'integer',
  hsCode: 'string',
  country: 'string',
  qiCountry: 'string',
  legalUnit1: 'string',
  legalAmount1: 'string',
  legalUnit2: 'string',
  legalAmount2: 'string',
  measurement: 'string',
  qiMeasurement: 'string',
  declarationElements: 'string',
} as const;
