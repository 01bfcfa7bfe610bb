import type { WireDecimal } from './wire-decimal';

/** TMG doc §7.2 `POST /tmg/api/return/create` (sandbox only): the body is a JSON ARRAY of returns. */
export type NengmaoReturnCreateRequest = readonly NengmaoReturnCreateItem[];

export interface NengmaoReturnCreateItem {
  readonly returnSn: string;
  readonly returnAccount: string;
  readonly returnAmount: WireDecimal;
  readonly returnShippingFee: WireDecimal;
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
  readonly goodsList: readonly {
    readonly sku: string;
    readonly upcCode?: string;
    readonly internalId: string;
    readonly goodsAmount: WireDecimal;
    /** "string" in the table, a number in the example and the answer: a number is sent. */
    readonly qty: number;
  }[];
}
