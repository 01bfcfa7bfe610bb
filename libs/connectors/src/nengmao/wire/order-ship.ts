/** Brand doc §7.5 `POST /api/order/ship` (not in the TMG document). The answer is a NengmaoBatchResult. */
export interface NengmaoOrderShipRequest {
  readonly shipOrderList: readonly NengmaoShipOrder[];
}

export interface NengmaoShipOrder {
  readonly orderSn: string;
  /** `yyyy-MM-dd HH:mm:ss` GMT+8 (format not stated in §7.5; the example uses it). */
  readonly shipTime: string;
  /** Courier code of §2 (NENGMAO_COURIERS). */
  readonly expressCompany?: string;
  readonly expressNo?: string;
  readonly invoiceNumber?: string;
  readonly shipmentId?: string;
  readonly serialNumber?: string;
  readonly shippingOption?: string;
  readonly goodsList: readonly NengmaoShipGoods[];
}

export interface NengmaoShipGoods {
  readonly sku: string;
  readonly qty: number;
  /** "Shipment return status", example "shipped". */
  readonly status?: string;
  readonly notes?: string;
}
