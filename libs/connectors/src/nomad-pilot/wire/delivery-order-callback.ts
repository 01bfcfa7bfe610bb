/**
 * The delivery-order callback a logistics provider posts (`POST /callback/{store}`, "available
 * provider haiku"). The document shows `{"deliveryOrder": {...}}` with 15 string fields under an
 * XML content type (A9). Real messages of the QiMen family it matches also carry `orderLines`
 * and `packages`, under an XML root `<request>`; both are read.
 */
export interface PilotDeliveryOrder {
  readonly deliveryOrderCode: string;
  readonly deliveryOrderId?: string;
  readonly warehouseCode?: string;
  readonly orderType?: string;
  readonly status: string;
  /** Unique per message in the QiMen family: the receiver's idempotency key. */
  readonly outBizCode?: string;
  readonly confirmType?: string;
  readonly orderConfirmTime?: string;
  readonly operatorCode?: string;
  readonly operatorName?: string;
  readonly operateTime?: string;
  /** A fee carried as a string. */
  readonly storageFee?: string;
  readonly logisticsCode?: string;
  readonly logisticsName?: string;
  /** The tracking number. */
  readonly expressCode?: string;
}

export const DELIVERY_ORDER_FIELDS = [
  'deliveryOrderCode',
  'deliveryOrderId',
  'warehouseCode',
  'orderType',
  'status',
  'outBizCode',
  'confirmType',
  'orderConfirmTime',
  'operatorCode',
  'operatorName',
  'operateTime',
  'storageFee',
  'logisticsCode',
  'logisticsName',
  'expressCode',
] as const;

export interface PilotDeliveryOrderLine {
  readonly orderLineNo?: string;
  /** The merchant's goods code (Pilot `merchantGoodsNo`). */
  readonly itemCode: string;
  readonly itemId?: string;
  readonly planQty?: string;
  readonly actualQty?: string;
}

export interface PilotDeliveryPackage {
  /** QiMen's package number; absent, the package is known by its `expressCode`. */
  readonly packageCode?: string;
  readonly logisticsCode?: string;
  readonly expressCode?: string;
  readonly items: readonly { readonly itemCode: string; readonly quantity: string }[];
}

export interface PilotDeliveryOrderCallback {
  readonly deliveryOrder: PilotDeliveryOrder;
  readonly orderLines: readonly PilotDeliveryOrderLine[];
  readonly packages: readonly PilotDeliveryPackage[];
}

/** The callback answer `{success, errorcode, errormsg}`; `success` is a string ("success"). */
export interface PilotCallbackReply {
  readonly success: string;
  readonly errorcode: string;
  readonly errormsg: string;
}
