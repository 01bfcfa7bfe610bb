import type { ShipmentStatus } from '@serai/domain';

/** Nomad Pilot's codes and enumerations as data (catalogue nomad-pilot.md §5). */

export const PILOT_PROVIDER = 'nomad-pilot';

/** QueryFreightForward `status`: "UNPROCESSED, PACKED, PROCESSED, SHIPPED, CANCEL, ALL" (ALL filters, it is no state). */
export const PILOT_PACKAGE_STATUSES = ['UNPROCESSED', 'PACKED', 'PROCESSED', 'SHIPPED', 'CANCEL'] as const;
export type PilotPackageStatus = (typeof PILOT_PACKAGE_STATUSES)[number];
export type PilotStatusFilter = PilotPackageStatus | 'ALL';

/** Package status -> canonical shipment status. SHIPPED is the moment the parcel leaves the warehouse. */
export const PILOT_PACKAGE_STATUS_TABLE: Readonly<Record<PilotPackageStatus, ShipmentStatus>> = {
  UNPROCESSED: 'pending',
  PACKED: 'pending',
  PROCESSED: 'pending',
  SHIPPED: 'shipped',
  CANCEL: 'cancelled',
};

/** `page_size` "options: [1, 10, 50, 100, 1000]"; `page_no` "between 1 and 1000" (query strings). */
export const PILOT_PAGE_SIZES = [1, 10, 50, 100, 1000] as const;
export type PilotPageSize = (typeof PILOT_PAGE_SIZES)[number];
export const PILOT_MAX_PAGE_NO = 1000;

/** FreightForward body: `operation` (QUERY is deprecated), `itemKeys` "Not more than 100", `pageSize` 1–100. */
export const PILOT_FREIGHT_OPERATIONS = ['QUERY', 'QUERY_PRODUCT', 'QUERY_WAYBILL'] as const;
export type PilotFreightOperation = (typeof PILOT_FREIGHT_OPERATIONS)[number];
export const PILOT_MAX_ITEM_KEYS = 100;
export const PILOT_MAX_BODY_PAGE_SIZE = 100;

/**
 * `stock_status` / `stock_type`: the descriptions number the options (1, Good product; ...), the
 * enumerations are words; the words are sent, the numbers are paired by position (catalogue §7.13).
 */
export const PILOT_STOCK_STATUSES = { GOOD: '1', DEFECTIVE: '2', SAMPLE: '3' } as const;
export type PilotStockStatus = keyof typeof PILOT_STOCK_STATUSES;
export const PILOT_STOCK_TYPES = { NORMAL: '1', RETURNED: '2', RESERVATION: '3', WAREHOUSE_LOCK: '4', INVENTORY_LOCK: '5' } as const;
export type PilotStockType = keyof typeof PILOT_STOCK_TYPES;

/** Reads a stock status or type whether the 3PL answers the word or its number; undefined for anything else. */
export function stockCodeOf<T extends string>(table: Readonly<Record<T, string>>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const entries = Object.entries(table) as [T, string][];
  return entries.find(([word, number]) => word === value.toUpperCase() || number === value.trim())?.[0];
}

/** Cross-border business type of an inventory product. */
export const PILOT_PATTERNS = ['BBC', 'BC', 'CC'] as const;
export type PilotPattern = (typeof PILOT_PATTERNS)[number];

/** Purchase order `goodsStatus` (default GOOD). */
export const PILOT_GOODS_STATUSES = ['GOOD', 'DEFECTIVE', 'SAMPLE'] as const;
export type PilotGoodsStatus = (typeof PILOT_GOODS_STATUSES)[number];

/** `batAttrIds`: batch attributes by number, "separate ... with commas". */
export const PILOT_BATCH_ATTRIBUTES: Readonly<Record<string, string>> = {
  '1': 'purchase order number',
  '2': 'production date',
  '3': 'supplier',
  '4': 'receipt date',
  '5': 'PLU management batch attribute',
  '6': 'logistics company',
  '7': 'origin',
  '8': 'batch number',
  '9': 'manufacturer',
  '10': 'packaging batch number',
  '11': 'container number attribute',
  '12': 'unsaleable attribute',
};

/** `customsUnitCodeWeight` "035, means 千克/kilogram": Chinese customs unit codes the connector writes. */
export const CUSTOMS_UNIT_KILOGRAM = '035';

/**
 * What a delivery-order callback `status` means. The document gives no values (A9); these are the
 * Taobao QiMen delivery-order-confirm statuses whose field set the callback matches, which the
 * sandbox sends (ACCEPT, DELIVERED, CANCELED). The table is data so a connection can replace it.
 */
export interface CallbackStatusMeaning {
  readonly status: ShipmentStatus;
  /** The message reports part of the order shipped, more to follow. */
  readonly partial: boolean;
}

export const PILOT_CALLBACK_STATUS_TABLE: Readonly<Record<string, CallbackStatusMeaning>> = {
  NEW: { status: 'pending', partial: false },
  ACCEPT: { status: 'pending', partial: false },
  PRINT: { status: 'pending', partial: false },
  PICK: { status: 'pending', partial: false },
  CHECK: { status: 'pending', partial: false },
  PACKAGE: { status: 'pending', partial: false },
  EXCEPTION: { status: 'pending', partial: false },
  DELIVERED: { status: 'shipped', partial: false },
  PARTDELIVERED: { status: 'shipped', partial: true },
  SIGN: { status: 'delivered', partial: false },
  CANCELED: { status: 'cancelled', partial: false },
  CANCELLED: { status: 'cancelled', partial: false },
  CLOSED: { status: 'cancelled', partial: false },
  REJECT: { status: 'cancelled', partial: false },
};

/**
 * QiMen `confirmType`: 0 = final confirmation, 1 = an intermediate one (a split shipment goes on).
 * Some senders put PARTDELIVERED there instead of in `status`; both read as partial.
 */
export const PILOT_PARTIAL_CONFIRM_TYPES: readonly string[] = ['1', 'PARTDELIVERED'];

export interface PilotFailureClass {
  readonly code: string;
  readonly retryable: boolean;
  readonly meaning: string;
}

/** HTTP answers the client interprets (408/425/429/5xx are the kernel's, always retryable). */
export const PILOT_HTTP_FAILURES: Readonly<Record<number, PilotFailureClass>> = {
  400: { code: 'INVALID_INPUT', retryable: false, meaning: 'the request was refused as invalid input' },
  401: { code: 'UNAUTHORIZED', retryable: false, meaning: 'the x-ca-key is missing' },
  403: { code: 'FORBIDDEN', retryable: false, meaning: 'the x-ca-key is not accepted' },
  404: { code: 'NOT_FOUND', retryable: false, meaning: 'no such path or carrier' },
};

export function pilotHttpFailure(status: number): PilotFailureClass {
  return PILOT_HTTP_FAILURES[status] ?? { code: `HTTP_${status}`, retryable: false, meaning: `unexpected HTTP ${status}` };
}

/**
 * Undocumented outcomes the 3PL reports as "Invalid input" with words only (the sandbox:
 * "product X is already registered" / "is not registered"); the catalogue sink registers,
 * then updates on the first, and the reverse on the second.
 */
export const PILOT_ALREADY_REGISTERED = /already (registered|exists?)/i;
export const PILOT_NOT_REGISTERED = /not registered|does not exist|not exist/i;
