/**
 * A marketplace order as the simulated Nengmao OMS holds it. Amounts are integer cents; times are epoch
 * milliseconds (rendered as GMT+8 strings on the wire). Mutated only through NengmaoOrderStore.update, which keeps
 * the indexes and the modify time right.
 */

/** Brand doc §7.1 `orderStatus` (TMG doc §6.1 uses 0-3 with the same meanings). */
export const NENGMAO_ORDER_STATUS = {
  created: 0,
  awaitingDelivery: 1,
  delivered: 2,
  cancelled: 3,
  confirmingCancellation: 4,
  partCancelled: 5,
  shippedWhole: 6,
  shippedPart: 7,
} as const;

export type NengmaoOrderStatus = (typeof NENGMAO_ORDER_STATUS)[keyof typeof NENGMAO_ORDER_STATUS];

export function isNengmaoOrderStatus(value: number): value is NengmaoOrderStatus {
  return Number.isInteger(value) && value >= 0 && value <= 7;
}

export interface NengmaoOrderLine {
  readonly sku: string;
  readonly upcCode: string;
  readonly internalId: string;
  readonly qty: number;
  /** Tag price of one unit. */
  readonly tagPriceCents: number;
  /** Line value without its tax (brand doc §7.1 `saleAmount`: "taxfee is subtracted"). */
  readonly saleAmountCents: number;
  /** Line tax (brand doc §7.1 `subOrderTaxFee`: the sum over the line's units). */
  readonly taxCents: number;
  readonly cid: string;
  readonly cname: string;
  readonly engraving: string;
  shippedQty: number;
  cancelledQty: number;
}

export interface NengmaoShipRecord {
  readonly receivedAtMs: number;
  readonly shipTime: string;
  readonly expressCompany: string;
  readonly expressNo: string;
  readonly invoiceNumber: string;
  readonly shipmentId: string;
  readonly serialNumber: string;
  readonly shippingOption: string;
  readonly goods: readonly { readonly sku: string; readonly qty: number; readonly status: string; readonly notes: string }[];
}

export interface NengmaoCancellationEvent {
  readonly atMs: number;
  /** `request`: the buyer asked (status 4); `confirm`: the brand answered (cancelConfirm); `brand`: cancelbybrand. */
  readonly kind: 'request' | 'confirm' | 'brand';
  readonly status?: 10 | 20;
  readonly message: string;
  readonly goods?: readonly { readonly sku: string; readonly qty: number }[];
}

export interface NengmaoOrder {
  readonly seq: number;
  readonly orderSn: string;
  readonly orderOriginSn: string;
  readonly orderAccount: string;
  readonly consignee: string;
  readonly country: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly address: string;
  readonly zipcode: string;
  readonly telephone: string;
  readonly mobile: string;
  readonly platform: string;
  readonly paymentSn: string;
  readonly paymentType: string;
  readonly remark: string;
  readonly invoiceNumber: string;
  /** Cainiao waybill number; its PDF URL (`lpUrl`) is derived from it when rendered. */
  readonly lpCode: string;
  readonly shippingFeeCents: number;
  readonly discountCents: number;
  readonly orderAmountCents: number;
  readonly createTimeMs: number;
  readonly payTimeMs: number;
  readonly lines: readonly NengmaoOrderLine[];
  modifyTimeMs: number;
  /** Bumped on every change; lets the modify-time log skip superseded entries. */
  modifyVersion: number;
  status: NengmaoOrderStatus;
  /** Status to go back to when a cancellation request is refused. */
  statusBeforeCancelRequest?: NengmaoOrderStatus;
  /** `orderType` N once confirmed with status/confirmation, Y before. */
  retrieved: boolean;
  confirmationCount: number;
  shipCalls: number;
  readonly shipments: NengmaoShipRecord[];
  readonly cancellations: NengmaoCancellationEvent[];
}

/** Brand doc §8.1 / TMG doc §7.1 `returnStatus`: 1 is "Approved" (brand); TMG copies the order codes 0-3. */
export interface NengmaoReturnLine {
  readonly sku: string;
  readonly upcCode: string;
  readonly internalId: string;
  readonly goodsAmountCents: number;
  readonly qty: number;
  receiveStatus: number;
}

export interface NengmaoReturn {
  readonly seq: number;
  readonly returnSn: string;
  readonly returnAccount: string;
  readonly returnAmountCents: number;
  readonly returnShippingFeeCents: number;
  readonly returnee: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly zipcode: string;
  readonly address: string;
  readonly expressCompany: string;
  readonly expressSn: string;
  readonly telephone: string;
  readonly mobile: string;
  readonly orderSn: string;
  readonly orderOriginSn: string;
  readonly remark: string;
  readonly createTimeMs: number;
  readonly lines: readonly NengmaoReturnLine[];
  modifyTimeMs: number;
  status: number;
  retrieved: boolean;
  confirmationCount: number;
}
