import type { OrderStatus } from '@serai/domain';
import type { EnvoyListType, EnvoyPageSize } from './wire/list-orders';
import type { EnvoyCustomsCode, EnvoyGender, EnvoyOrderStatus, EnvoyOrderType, EnvoyPlatformName } from './wire/order';

/** Nomad Envoy's codes and enumerations as data (catalogue nomad-envoy.md §6). */

export const ENVOY_PROVIDER = 'nomad-envoy';

export const ENVOY_ORDER_STATUSES: readonly EnvoyOrderStatus[] = [
  'WAIT_BUYER_PAY',
  'WAIT_SELLER_SEND_GOODS',
  'WAIT_BUYER_CONFIRM_GOODS',
  'TRADE_SUCCESS',
  'TRADE_CLOSED',
  'TRADE_REFUND',
  'TRADE_FAILED',
];

/** Both type vocabularies are kept: the query filter and the Order's own field differ (catalogue §7.3). */
export const ENVOY_LIST_TYPES: readonly EnvoyListType[] = ['NORMAL', 'DISTRIBUTION'];
export const ENVOY_ORDER_TYPES: readonly EnvoyOrderType[] = ['DEFAULT', 'DISTRIBUTOR', 'SUPPLIER'];
export const ENVOY_PLATFORM_NAMES: readonly EnvoyPlatformName[] = ['pdd', 'youzan', 'littleredbook', 'nomad', 'douyin', 'checkout'];
export const ENVOY_GENDERS: readonly EnvoyGender[] = ['Female', 'Male', 'Custom'];
export const ENVOY_CUSTOMS_CODES: readonly EnvoyCustomsCode[] = ['ZZ', 'GZ', 'HZ', 'SH'];

export const ENVOY_PAGE_SIZES: readonly EnvoyPageSize[] = [1, 10, 50, 100];
export const ENVOY_MAX_PAGE_NO = 1000;

/**
 * What an Envoy status means in canonical terms. The document lists the names only; the meaning
 * is read from the Taobao trade vocabulary they come from. An order in TRADE_REFUND asks for its
 * money back, which the hub treats as a cancellation request.
 */
export interface EnvoyStatusMeaning {
  readonly orderStatus: OrderStatus;
  readonly paid: boolean;
  readonly cancelled: boolean;
  readonly cancellationRequested: boolean;
}

export const ENVOY_STATUS_TABLE: Readonly<Record<EnvoyOrderStatus, EnvoyStatusMeaning>> = {
  WAIT_BUYER_PAY: { orderStatus: 'received', paid: false, cancelled: false, cancellationRequested: false },
  WAIT_SELLER_SEND_GOODS: { orderStatus: 'forwarded', paid: true, cancelled: false, cancellationRequested: false },
  WAIT_BUYER_CONFIRM_GOODS: { orderStatus: 'shipped', paid: true, cancelled: false, cancellationRequested: false },
  TRADE_SUCCESS: { orderStatus: 'delivered', paid: true, cancelled: false, cancellationRequested: false },
  TRADE_CLOSED: { orderStatus: 'cancelled', paid: false, cancelled: true, cancellationRequested: false },
  TRADE_REFUND: { orderStatus: 'cancellation_requested', paid: true, cancelled: false, cancellationRequested: true },
  TRADE_FAILED: { orderStatus: 'cancelled', paid: false, cancelled: true, cancellationRequested: false },
};

/** The meaning of a status, or undefined for one the document does not list (the example's "string"): never a failure. */
export function envoyStatusMeaning(status: string | undefined): EnvoyStatusMeaning | undefined {
  return status !== undefined && (ENVOY_ORDER_STATUSES as readonly string[]).includes(status)
    ? ENVOY_STATUS_TABLE[status as EnvoyOrderStatus]
    : undefined;
}

/**
 * The Envoy status an order is created in, per canonical status. A paid order handed to the order
 * system waits for the warehouse; the sandbox starts fulfilment only for WAIT_SELLER_SEND_GOODS.
 */
export const CANONICAL_TO_ENVOY_STATUS: Readonly<Record<OrderStatus, EnvoyOrderStatus>> = {
  received: 'WAIT_SELLER_SEND_GOODS',
  acknowledged: 'WAIT_SELLER_SEND_GOODS',
  forwarded: 'WAIT_SELLER_SEND_GOODS',
  partially_shipped: 'WAIT_SELLER_SEND_GOODS',
  cancellation_refused: 'WAIT_SELLER_SEND_GOODS',
  shipped: 'WAIT_BUYER_CONFIRM_GOODS',
  delivered: 'TRADE_SUCCESS',
  cancellation_requested: 'TRADE_REFUND',
  cancelled: 'TRADE_CLOSED',
};

/** Envoy writes the yuan "RMB" (default currency of orders and products); ISO 4217 says CNY. */
export const ENVOY_CURRENCY_ALIASES: Readonly<Record<string, string>> = { RMB: 'CNY' };
export const ENVOY_DEFAULT_CURRENCY = 'RMB';

export function canonicalCurrency(envoyCurrency: string | undefined): string {
  const code = (envoyCurrency ?? ENVOY_DEFAULT_CURRENCY).trim().toUpperCase();
  return ENVOY_CURRENCY_ALIASES[code] ?? code;
}

export function envoyCurrency(canonical: string): string {
  const alias = Object.entries(ENVOY_CURRENCY_ALIASES).find(([, iso]) => iso === canonical);
  return alias?.[0] ?? canonical;
}

/**
 * `items[].tax` is "The tax of current product." while its siblings say "unit price" and "unit
 * discount": the document does not call it per unit, and `productsTotalTax` is "The sum tax of all
 * products", so the connector reads and writes it as the tax of the whole item (line).
 */
export const ENVOY_ITEM_TAX_IS_PER_LINE = true;

/** `data.returnValue` of a refused duplicate create (the sandbox's marker, apps/sandbox/src/envoy/envoy-api.error.ts). */
export const ENVOY_ORDER_ALREADY_EXISTS = 'ORDER_ALREADY_EXISTS';
/** Message wording of a duplicate when a server sends no marker. */
export const ENVOY_ALREADY_EXISTS_MESSAGE = /already exists?/i;

export interface EnvoyFailureClass {
  readonly code: string;
  readonly retryable: boolean;
  readonly meaning: string;
}

/**
 * HTTP answers the client interprets itself (408, 425, 429 and 5xx never get here: the kernel
 * makes them retryable ProviderErrors). The document knows 200, 400 "Invalid input" and 500; the
 * gateway in front answers 401/403 for a bad or missing key.
 */
export const ENVOY_HTTP_FAILURES: Readonly<Record<number, EnvoyFailureClass>> = {
  400: { code: 'INVALID_INPUT', retryable: false, meaning: 'the request was refused as invalid input' },
  401: { code: 'UNAUTHORIZED', retryable: false, meaning: 'the x-ca-key is missing' },
  403: { code: 'FORBIDDEN', retryable: false, meaning: 'the x-ca-key (or stage, or signature) is not accepted' },
  404: { code: 'NOT_FOUND', retryable: false, meaning: 'no such path or store' },
};

export function envoyHttpFailure(status: number): EnvoyFailureClass {
  return ENVOY_HTTP_FAILURES[status] ?? { code: `HTTP_${status}`, retryable: false, meaning: `unexpected HTTP ${status}` };
}
