/** Brand doc §7.4 `POST /api/order/cancelConfirm` (订单取消确认; not in the TMG document). */
export interface NengmaoCancelConfirmRequest {
  readonly cancelList: readonly NengmaoCancelConfirmItem[];
}

export interface NengmaoCancelConfirmItem {
  readonly orderSn: string;
  /** 10 cancellation accepted, 20 refused. Typed number in the table, sent "10"/"20" in the example; Serai sends numbers. */
  readonly status?: 10 | 20;
  readonly message?: string;
}
