import type { EnvoyOrderStatus } from './order';

/** The list query's `type`: "2 available options: NORMAL, DISTRIBUTION" — not the Order's `orderType`. */
export type EnvoyListType = 'NORMAL' | 'DISTRIBUTION';

/** "Page size, options: 1, 10, 50, 100." */
export type EnvoyPageSize = 1 | 10 | 50 | 100;

/**
 * Query parameters of `GET /order/{store}`. The document kept only their descriptions (seed lines
 * 22–30); the names are the catalogue's inference (snake_case, like the sister Pilot API, A7),
 * which the sandbox accepts.
 */
export interface EnvoyListOrdersQuery {
  /** "Order ref of ERP system." */
  readonly order_id?: string;
  /** "Client order ref of E-commerce platform." */
  readonly client_order_ref?: string;
  readonly status?: EnvoyOrderStatus;
  readonly type?: EnvoyListType;
  /** "The time range of order creation, use ISO_8601 format here": `start/end`. */
  readonly created_range?: string;
  /** "The time range of order update, use ISO_8601 format here": `start/end`. */
  readonly updated_range?: string;
  /** "Page number, between 1 and 1000." */
  readonly page_no: number;
  readonly page_size: EnvoyPageSize;
}
