/** Brand doc §7.1 `POST /api/order/list`, TMG doc §6.1 `POST /tmg/api/order/list`. */
export interface NengmaoOrderListRequest {
  /** Brand only. Times are `yyyy-MM-dd HH:mm:ss` in GMT+8. */
  readonly startCreateTime?: string;
  readonly endCreateTime?: string;
  readonly startModifyTime?: string;
  readonly endModifyTime?: string;
  /** Brand 0-7, TMG 0-3; default 1 (NENGMAO_ORDER_STATUSES). */
  readonly orderStatus?: number;
  /** Y new (not yet confirmed), N already retrieved; default Y. */
  readonly orderType?: 'Y' | 'N';
  readonly pageNo?: number;
  /** Default 10, max 100. */
  readonly pageSize?: number;
}

/** One order line (`orderGoods[]`). Amounts are decimal text, never floats. */
export interface NengmaoOrderGoods {
  readonly sku: string;
  readonly upcCode?: string;
  readonly internalId?: string;
  /** Brand: value of ONE unit, net of tax, freight and coupons; TMG: "Product sale total amount" of the line. */
  readonly saleAmount: string;
  readonly tagPrice?: string;
  readonly qty: number;
  /** Brand only: tax of the whole line ("the sum of the taxes of the multiple items"). */
  readonly subOrderTaxFee?: string;
  /** Brand only: "Whether to Include Tax". */
  readonly taxFree?: boolean;
  readonly cid?: string;
  readonly cname?: string;
  readonly engraving?: string;
}

export interface NengmaoOrder {
  /** Kept as text: 18-digit numbers do not fit a double. */
  readonly orderSn: string;
  readonly orderAccount?: string;
  readonly orderAmount: string;
  readonly shippingFee?: string;
  /** Brand table and both examples `discountAmountSum`; TMG table `discountSum` (read either). */
  readonly discountAmountSum?: string;
  readonly consignee: string;
  readonly country?: string;
  readonly province?: string;
  readonly city?: string;
  readonly district?: string;
  readonly address?: string;
  readonly zipcode?: string;
  readonly telephone?: string;
  readonly mobile?: string;
  /**
   * Not in either document: Tmall Global cross-border orders need the consignee's national ID for
   * customs; read when an account sends it (`idCard` / `idNumber`), personal data.
   */
  readonly idCard?: string;
  readonly platform?: string;
  readonly paymentSn?: string;
  /** "alipay", "wx", "others". */
  readonly paymentType?: string;
  readonly createTime: string;
  readonly payTime?: string;
  /** Not documented on orders; read when present. */
  readonly modifyTime?: string;
  /** Free text, e.g. "shipped(已发货)". */
  readonly shippingStatus?: string;
  /** Brand only: the status code as a String ("1"). TMG answers carry no status. */
  readonly status?: string;
  readonly lpCode?: string;
  readonly lpUrl?: string;
  readonly orderOriginSn?: string;
  readonly remark?: string;
  readonly invoiceNumber?: string;
  readonly orderGoods: readonly NengmaoOrderGoods[];
}
