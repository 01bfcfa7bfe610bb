import type { PilotGoodsStatus } from '../codes';

/** `GET /inventory/purchase/{carrier}` (deprecated): `purchase_order_no` appears only in the curl example. */
export interface PilotPurchaseOrderQuery {
  readonly purchase_order_no: string;
}

/** `POST /inventory/purchase/{carrier}` (deprecated): one SKU per purchase order. */
export interface PilotPurchaseOrderBody {
  readonly warehouseGoodsNo: string;
  readonly purchaseOrderNo: string;
  readonly supplierNo?: string;
  /** "Quantity of goods applied for storage." */
  readonly goodsNum: number;
  /** Default GOOD. */
  readonly goodsStatus?: PilotGoodsStatus;
}

/** PoItem: 31 string fields, quantities included. */
export const PILOT_PO_ITEM_FIELDS = [
  'goodsNo',
  'goodsName',
  'goodsStatus',
  'serialNo',
  'numApplication',
  'unQualifiedQty',
  'qualifiedQty',
  'realInstoreQty',
  'shortQty',
  'damagedQty',
  'emptyQty',
  'expiredQty',
  'otherQty',
  'goodsDamagedQty',
  'deformedQty',
  'errorQty',
  'excessQty',
  'barcodeScanFailQty',
  'expirationDateErrorQty',
  'barcodeErrorQty',
  'pollutionQty',
  'markUnclearQty',
  'remark',
  'orderLine',
  'realGoodsStatus',
  'realGoodsLevel',
  'checkResultStr',
  'errReason',
  'qcTimeStr',
  'batchCode',
  'isvGoodsNo',
] as const;

export type PilotPoItem = Readonly<Partial<Record<(typeof PILOT_PO_ITEM_FIELDS)[number], string>>>;

export const PILOT_PURCHASE_FIELDS = [
  'warehousePurchaseNo',
  'warehouseGoodsNo',
  'supplierNo',
  'poOrderStatus',
  'storageStatus',
  'createTime',
  'completeTime',
  'productName',
  'receiveBoxNumber',
  'grossWeight',
  'volume',
] as const;

export type PilotPurchase = Readonly<Partial<Record<(typeof PILOT_PURCHASE_FIELDS)[number], string>>> & {
  readonly poItems: readonly PilotPoItem[];
  readonly qcQualifiedItems: readonly PilotPoItem[];
  readonly qcUnqualifiedItems: readonly PilotPoItem[];
};
