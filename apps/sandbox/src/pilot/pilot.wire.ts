/**
 * Nomad Pilot wire types, named as the document names them (seeds/nomad-pilot-api.txt;
 * catalogue nomad-pilot.md §3–§4). Quantities in inventory answers are strings there
 * (`totalNum`, `usableNum`, every PoItem quantity), so they are strings here.
 */

/** QueryFreightForward `status`: "UNPROCESSED, PACKED, PROCESSED, SHIPPED, CANCEL, ALL" (ALL is a filter only). */
export const PILOT_PACKAGE_STATUSES = ['UNPROCESSED', 'PACKED', 'PROCESSED', 'SHIPPED', 'CANCEL'] as const;
export type PilotPackageStatus = (typeof PILOT_PACKAGE_STATUSES)[number];
export const PILOT_STATUS_FILTERS = [...PILOT_PACKAGE_STATUSES, 'ALL'] as const;
export type PilotStatusFilter = (typeof PILOT_STATUS_FILTERS)[number];

/** `page_size` "options: [1, 10, 50, 100, 1000]"; `page_no` "between 1 and 1000". */
export const PILOT_PAGE_SIZES = [1, 10, 50, 100, 1000] as const;
export const PILOT_MAX_PAGE_NO = 1000;

export const PILOT_FREIGHT_OPERATIONS = ['QUERY', 'QUERY_PRODUCT', 'QUERY_WAYBILL'] as const;
export type PilotFreightOperation = (typeof PILOT_FREIGHT_OPERATIONS)[number];
/** FreightForward body: "Not more than 100 elements"; `pageSize` "maximum value is 100". */
export const PILOT_MAX_ITEM_KEYS = 100;
export const PILOT_MAX_BODY_PAGE_SIZE = 100;

/** `stock_status` "options: 1, Good product; 2, Defective product; 3, Samples" — values GOOD, DEFECTIVE, SAMPLE. */
export const PILOT_STOCK_STATUSES = ['GOOD', 'DEFECTIVE', 'SAMPLE'] as const;
export type PilotStockStatus = (typeof PILOT_STOCK_STATUSES)[number];
export const PILOT_STOCK_TYPES = ['NORMAL', 'RETURNED', 'RESERVATION', 'WAREHOUSE_LOCK', 'INVENTORY_LOCK'] as const;
export type PilotStockType = (typeof PILOT_STOCK_TYPES)[number];

/** List envelope of carriers and freight-forward operations. */
export interface PilotListResponse<T> {
  code: number;
  message: string;
  data: T[];
  total: number;
}

/** Pilot's `connectorResponses[]`: Envoy's without `apiDocLink`. */
export interface PilotConnectorResponse {
  input: string;
  mappingName: string;
  api: string[];
  httpRequestRawData: string;
  code: number;
  response: string;
  responseEn: string;
  platform: string;
  requestCount: number;
  responseTime: number;
}

export interface PilotInventoryProduct {
  merchantGoodsNo: string;
  platformGoodsNo: string;
  warehouseGoodsNo: string;
  barcodes: string;
  thirdCategoryNo: string;
  goodsName: string;
  shopNo: string;
  stockStatus: string;
  stockType: string;
  totalNum: string;
  usableNum: string;
  recordCount: string;
  brandName: string;
  manufacturer: string;
  produceAddress: string;
  grossWeight: number;
  netWeight: number;
  safeDays: number;
  adventDay: number;
}

export interface PilotPoItem {
  goodsNo: string;
  goodsName: string;
  goodsStatus: string;
  serialNo: string;
  numApplication: string;
  unQualifiedQty: string;
  qualifiedQty: string;
  realInstoreQty: string;
  shortQty: string;
  damagedQty: string;
  emptyQty: string;
  expiredQty: string;
  otherQty: string;
  goodsDamagedQty: string;
  deformedQty: string;
  errorQty: string;
  excessQty: string;
  barcodeScanFailQty: string;
  expirationDateErrorQty: string;
  barcodeErrorQty: string;
  pollutionQty: string;
  markUnclearQty: string;
  remark: string;
  orderLine: string;
  realGoodsStatus: string;
  realGoodsLevel: string;
  checkResultStr: string;
  errReason: string;
  qcTimeStr: string;
  batchCode: string;
  isvGoodsNo: string;
}

export interface PilotPurchase {
  warehousePurchaseNo: string;
  warehouseGoodsNo: string;
  supplierNo: string;
  poOrderStatus: string;
  storageStatus: string;
  createTime: string;
  completeTime: string;
  productName: string;
  receiveBoxNumber: string;
  grossWeight: string;
  volume: string;
  poItems: PilotPoItem[];
  qcQualifiedItems: PilotPoItem[];
  qcUnqualifiedItems: PilotPoItem[];
}

/** Inventory envelope (product query/register/update, purchase query/create). */
export interface PilotInventoryResponse {
  code: number;
  message: string;
  connectorResponses: PilotConnectorResponse[];
  products: PilotInventoryProduct[];
  purchases: PilotPurchase[];
}

/** PUT /freight-forward/product/{carrier} body, also the record QUERY_PRODUCT returns. */
export interface PilotFreightProduct {
  barcode: string;
  skuNumber: string;
  brand: string;
  name: string;
  nameCn: string;
  hsCode: string;
  model: string;
  customsUnitCodeWeight: string;
  customsUnitCode: string;
  customsUnitCodePackage: string;
  countryOfOrigin: string;
  netWeight: number;
  grossWeight: number;
  spec: string;
  descriptionEn: string;
  descriptionCn: string;
  additionalImageUrls: string[];
  storeIds: string[];
  rrpCny: number;
  rrpGbp: number;
  customsFilingId: string;
  ingredients: string;
  taxRate: number;
}

/**
 * One package as QueryFreightForward and QUERY_WAYBILL return it. The document leaves `data[]`
 * undocumented ("data": []); these names follow the callback's (`deliveryOrderCode`,
 * `logisticsCode`) and the FreightForward description ("tracking reference", "PDF packing label").
 */
export interface PilotPackageRecord {
  deliveryOrderCode: string;
  deliveryOrderId: string;
  carrier: string;
  store: string;
  status: PilotPackageStatus;
  trackingReference: string;
  logisticsCode: string;
  logisticsName: string;
  labelUrl: string;
  warehouseCode: string;
  createdAt: string;
  updatedAt: string;
  packedAt: string;
  processedAt: string;
  shippedAt: string;
  cancelledAt: string;
  items: { skuNumber: string; merchantGoodsNo: string; warehouseGoodsNo: string; quantity: number }[];
  consignee: { name: string; mobile: string; province: string; city: string; address: string };
}

export interface PilotCarrierRecord {
  carrier: string;
  logisticsCode: string;
  logisticsName: string;
  warehouseCode: string;
}

/** The callback's `deliveryOrder`: every field a string in the document's example. */
export interface PilotDeliveryOrder {
  deliveryOrderCode: string;
  deliveryOrderId: string;
  warehouseCode: string;
  orderType: string;
  status: string;
  outBizCode: string;
  confirmType: string;
  orderConfirmTime: string;
  operatorCode: string;
  operatorName: string;
  operateTime: string;
  storageFee: string;
  logisticsCode: string;
  logisticsName: string;
  expressCode: string;
}

/** The callback answer `{success, errorcode, errormsg}` (lower-case names, `success` a string). */
export interface PilotCallbackReply {
  success: string;
  errorcode: string;
  errormsg: string;
}
