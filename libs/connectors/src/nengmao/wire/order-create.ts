import type { WireDecimal } from './wire-decimal';

/** TMG doc §6.4 `POST /tmg/api/order/create` (sandbox only): the body is a JSON ARRAY of orders. */
export type NengmaoOrderCreateRequest = readonly NengmaoOrderCreateItem[];

export interface NengmaoOrderCreateItem {
  readonly orderSn: string;
  readonly orderAccount: string;
  readonly orderAmount: WireDecimal;
  readonly shippingFee: WireDecimal;
  readonly discountAmountSum: WireDecimal;
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
  readonly createTime: string;
  readonly payTime: string;
  readonly orderGoods: readonly {
    readonly sku: string;
    readonly upcCode: string;
    readonly saleAmount: WireDecimal;
    readonly tagPrice: WireDecimal;
    readonly internalId?: string;
    readonly qty: number;
  }[];
}
