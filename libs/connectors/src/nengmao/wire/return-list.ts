/** Brand doc §8.1 `POST /api/return/list`, TMG doc §7.1 `POST /tmg/api/return/list`. */
export interface NengmaoReturnListRequest {
  /** Brand: mandatory create window. */
  readonly startCreateTime?: string;
  readonly endCreateTime?: string;
  /** TMG: modify window. */
  readonly startModifyTime?: string;
  readonly endModifyTime?: string;
  /** Brand: mandatory, "default 1,(Approved)". */
  readonly returnStatus?: number;
  /** Y new, N already retrieved (the brand example's bare `Y` is invalid JSON; a string is sent). */
  readonly returnType?: 'Y' | 'N';
  readonly pageNo?: number;
  readonly pageSize?: number;
}

export interface NengmaoReturnGoods {
  readonly sku: string;
  readonly upcCode?: string;
  readonly internalId?: string;
  /** Decimal text: "Total amount of goods" of the line. */
  readonly goodsAmount: string;
  readonly qty: number;
  /** Brand example only, undocumented. */
  readonly receiveStatus?: number;
}

export interface NengmaoReturn {
  readonly returnSn: string;
  readonly returnAccount?: string;
  readonly returnAmount?: string;
  readonly returnShippingFee?: string;
  readonly returnee?: string;
  readonly province?: string;
  readonly city?: string;
  readonly district?: string;
  readonly zipcode?: string;
  readonly address?: string;
  /** Table `expressCompany`; the brand example spells it `expressCompay` (read either). A code or a Chinese name. */
  readonly expressCompany?: string;
  readonly expressSn?: string;
  readonly telephone?: string;
  readonly mobile?: string;
  readonly orderSn: string;
  readonly orderOriginSn?: string;
  readonly remark?: string;
  /** Not documented on returns; read when present. */
  readonly createTime?: string;
  readonly modifyTime?: string;
  readonly goodsList: readonly NengmaoReturnGoods[];
}
