import type { OrderStatus, ReturnStatus } from '@serai/domain';

/**
 * Nengmao's codes as data: result codes, order and return statuses, cancellation answers, stock
 * update types and courier companies. Everything a reader needs to check against the documents is
 * here; the code that uses these tables never hard-codes a number.
 */

/** How Serai treats a result code: decides retry, and whether `data` still carries per-item results. */
export type NengmaoCodeClass =
  | 'success'
  /** Our request is wrong: fixing it, not retrying, helps. */
  | 'validation'
  /** Credentials, signature or clock: nothing this connection sends can succeed until it is fixed. */
  | 'authentication'
  /** An order, return or SKU the provider does not know. */
  | 'not_found'
  /** The provider refuses in this state (already shipped, cancellation not allowed ...). */
  | 'business'
  /** Some items succeeded: `data.successList` / `data.failureList` say which. */
  | 'partial'
  | 'server';

export interface NengmaoCodeInfo {
  readonly code: number;
  /** The document's message, verbatim. */
  readonly message: string;
  readonly class: NengmaoCodeClass;
  readonly retryable: boolean;
}

const code = (value: number, message: string, cls: NengmaoCodeClass, retryable = false): NengmaoCodeInfo => ({
  code: value,
  message,
  class: cls,
  retryable,
});

/**
 * Brand doc §5 "Respond Error Code", every row. The TMG doc (§4) lists only 200, 400, 400+, 500,
 * 500+; both documents describe one OMS, so the brand table classifies TMG answers too and
 * anything else falls back to its range (`classifyNengmaoCode`).
 */
export const NENGMAO_RESULT_CODES: readonly NengmaoCodeInfo[] = [
  code(200, 'Successful request', 'success'),
  code(400, 'Request parameter exception', 'validation'),
  code(401, 'Request parameter timestamp is empty', 'authentication'),
  // A timestamp outside the window means our clock is off; a retry with a fresh one would fail the same way.
  code(402, 'Request parameter timestamp exceeds the maximum', 'authentication'),
  code(403, 'Request parameter timestamp is non-numeric', 'authentication'),
  code(404, 'Request parameter appKey or appSecret is empty', 'authentication'),
  code(405, 'Request parameter appKey or appSecret does not exist', 'authentication'),
  code(406, 'Request list parameter exceeds 1000', 'validation'),
  code(407, 'Request parameter sign does not match', 'authentication'),
  code(408, 'Request sku or upcCode parameters include at least one of them', 'validation'),
  code(409, 'Request parameter sign is empty', 'authentication'),
  code(410, 'Request sku does not exist', 'not_found'),
  code(411, 'Request orderSn does not exist', 'not_found'),
  code(412, 'Request returnSn does not exist', 'not_found'),
  code(413, 'Request goodsList is empty', 'validation'),
  code(414, 'Request Json data format error', 'validation'),
  code(415, 'Request Json data format error', 'validation'),
  code(416, 'Request order quantity more than in stock', 'business'),
  // order/create (TMG sandbox): the order is already there, which is what a repeated create wanted.
  code(417, 'The order is exist', 'business'),
  code(418, 'The orderGoods Can not be empty', 'validation'),
  // order/ship: the shipment was already confirmed; NengmaoClient.orders.ship reports it as success.
  code(419, 'The order has been shipped,it can not be shipped repeatedly', 'business'),
  code(420, 'Request parameters goodssnlist and skulist cannot be used at the same time', 'validation'),
  code(421, 'orders in [successList] operate successful,but the SKU or quantity of [failureList] error', 'partial'),
  code(422, 'the SKU or quantity of the failureList error', 'business'),
  code(423, 'Orders in [successList] operate successful,the orderSn in the failureList confirm failed', 'partial'),
  code(424, 'The current status of the requested order does not allow cancellation', 'business'),
  code(500, 'Server-side exception', 'server', true),
];

export const NENGMAO_OK = 200;
export const NENGMAO_ALREADY_SHIPPED = 419;
export const NENGMAO_ORDER_EXISTS = 417;

/** The code's row, or its range's meaning: 400-499 "Client exception", 500+ "Server Exception". */
export function classifyNengmaoCode(value: number): NengmaoCodeInfo {
  const known = NENGMAO_RESULT_CODES.find((row) => row.code === value);
  if (known !== undefined) return known;
  if (value >= 500) return code(value, 'Server-side exception (500+)', 'server', true);
  if (value >= 400) return code(value, 'Client exception (400+)', 'validation');
  // Neither document has such a code: an answer we cannot trust, treated like a malformed one.
  return code(value, 'Undocumented result code', 'server', true);
}

/** Order statuses: brand doc §7.1 `orderStatus` 0-7 ("4" listed twice), TMG doc §6.1 0-3. */
export interface NengmaoOrderStatusInfo {
  readonly code: number;
  /** The document's words. */
  readonly name: string;
  readonly canonical: OrderStatus;
  readonly cancellationRequested: boolean;
  readonly cancelled: boolean;
}

const status = (value: number, name: string, canonical: OrderStatus): NengmaoOrderStatusInfo => ({
  code: value,
  name,
  canonical,
  cancellationRequested: value === 4,
  cancelled: value === 3,
});

export const NENGMAO_ORDER_STATUSES: readonly NengmaoOrderStatusInfo[] = [
  status(0, 'created', 'received'),
  status(1, 'awaiting delivery', 'received'),
  // "delivered" is 已发货 (handed to the courier), i.e. shipped from Serai's point of view.
  status(2, 'delivered', 'shipped'),
  status(3, 'cancelled', 'cancelled'),
  status(4, 'confirming cancellation', 'cancellation_requested'),
  // Some lines cancelled, the others still to ship: the order itself is still open.
  status(5, 'part cancellation', 'received'),
  status(6, 'ship whole order', 'shipped'),
  status(7, 'ship part order', 'partially_shipped'),
];

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

/** The status row, or undefined for a code neither document lists (kept as sourceStatus, never thrown). */
export function nengmaoOrderStatus(value: number): NengmaoOrderStatusInfo | undefined {
  return NENGMAO_ORDER_STATUSES.find((row) => row.code === value);
}

/**
 * Return statuses. Brand doc §8.1 documents only `1` "(Approved)"; TMG doc §7.1 copies the order
 * texts (0 Created, 1 To be delivered, 2 Delivered, 3 Cancelled), read here as a return's life.
 */
export const NENGMAO_RETURN_STATUSES: Readonly<Record<number, ReturnStatus>> = {
  0: 'requested',
  1: 'approved',
  2: 'received',
  3: 'cancelled',
};

/** The return status Serai pulls: brand §8.1 "default 1,(Approved)". */
export const NENGMAO_RETURN_STATUS_APPROVED = 1;

/** `cancelList[].status` of cancelbybrand (brand §7.3, TMG §6.2/6.5) and cancelConfirm (brand §7.4). */
export const NENGMAO_CANCEL_STATUS = { success: 10, failure: 20 } as const;

/** `updateType` of stocks/update (brand §6.3, TMG §5.1). */
export const NENGMAO_STOCK_UPDATE_TYPE = { full: 0, incremental: 1 } as const;

/** `orderType` / `returnType`: Y = not yet retrieved (confirmed), N = already retrieved. */
export const NENGMAO_RETRIEVAL = { fresh: 'Y', retrieved: 'N' } as const;

/**
 * Brand-side cancellation reasons (cancelbybrand `message`). The documents define no reason codes,
 * only a free message; the example's is 品牌方缺货取消 ("cancelled by the brand: out of stock").
 * Canonical reason codes not listed here are sent as they are.
 */
export const NENGMAO_CANCEL_REASONS: Readonly<Record<string, string>> = {
  out_of_stock: '品牌方缺货取消',
  price_error: '品牌方价格错误取消',
  address_problem: '品牌方地址异常取消',
  customs_rejected: '品牌方清关失败取消',
  buyer_request: '买家要求取消',
};

/** A courier as both documents list it (§2 "Currier Company Code"), with the canonical code Serai uses. */
export interface NengmaoCourier {
  readonly code: string;
  readonly name: string;
  readonly canonical: string;
  /** Other spellings seen in answers (returns carry Chinese names such as 天天快递, TMG §7.1). */
  readonly aliases: readonly string[];
}

export const NENGMAO_COURIERS: readonly NengmaoCourier[] = [
  { code: 'sf', name: 'ShunFeng', canonical: 'sf', aliases: ['顺丰', '顺丰速运', 'sfexpress', 'sf-express', 'shunfeng'] },
  { code: 'ems', name: 'EMS', canonical: 'ems', aliases: ['中国邮政', '邮政ems', 'chinapost-ems'] },
  { code: 'sto', name: 'ShenTong', canonical: 'sto', aliases: ['申通', '申通快递', 'shentong'] },
  { code: 'yto', name: 'YuanTong', canonical: 'yto', aliases: ['圆通', '圆通速递', 'yuantong'] },
  { code: 'zto', name: 'ZhongTong', canonical: 'zto', aliases: ['中通', '中通快递', 'zhongtong'] },
  { code: 'zjs', name: 'ZhaiJiSong', canonical: 'zjs', aliases: ['宅急送', 'zhaijisong'] },
  { code: 'yunda', name: 'Yunda', canonical: 'yunda', aliases: ['韵达', '韵达快递'] },
  { code: 'cces', name: 'CCES', canonical: 'cces', aliases: ['希伊艾斯'] },
  { code: 'ttkdex', name: 'TianTian', canonical: 'tiantian', aliases: ['天天', '天天快递', 'ttkd'] },
  { code: 'dbl', name: 'DeBang', canonical: 'deppon', aliases: ['德邦', '德邦物流', 'debang'] },
  { code: 'jd', name: 'JingDong', canonical: 'jd', aliases: ['京东', '京东物流', 'jingdong'] },
];

/** A translated courier code; `known: false` means it was passed through untranslated (e.g. the ship example's `bskd`). */
export interface CourierMapping {
  readonly code: string;
  readonly known: boolean;
}

function normalise(value: string): string {
  return value.trim().toLowerCase();
}

function findCourier(value: string): NengmaoCourier | undefined {
  const wanted = normalise(value);
  return NENGMAO_COURIERS.find((courier) =>
    [courier.code, courier.canonical, courier.name, ...courier.aliases].map(normalise).includes(wanted),
  );
}

/**
 * Canonical carrier code -> Nengmao courier code. `overrides` (canonical -> Nengmao, per connection)
 * win over the table; an unknown code is passed through as it is and flagged, never thrown.
 */
export function toNengmaoCourier(canonical: string, overrides: Readonly<Record<string, string>> = {}): CourierMapping {
  const direct = Object.entries(overrides).find(([key]) => normalise(key) === normalise(canonical));
  if (direct !== undefined) return { code: direct[1], known: true };
  const courier = findCourier(canonical);
  return courier === undefined ? { code: canonical.trim(), known: false } : { code: courier.code, known: true };
}

/** Nengmao courier code or name (returns carry names) -> canonical carrier code; unknown passed through, flagged. */
export function fromNengmaoCourier(value: string, overrides: Readonly<Record<string, string>> = {}): CourierMapping {
  const direct = Object.entries(overrides).find(([, nengmao]) => normalise(nengmao) === normalise(value));
  if (direct !== undefined) return { code: direct[0], known: true };
  const courier = findCourier(value);
  return courier === undefined ? { code: value.trim(), known: false } : { code: courier.canonical, known: true };
}

/** Country names as the order examples write them (`"country": "中国"`) -> ISO alpha-2. */
export const NENGMAO_COUNTRY_NAMES: Readonly<Record<string, string>> = {
  中国: 'CN',
  中国大陆: 'CN',
  china: 'CN',
  香港: 'HK',
  澳门: 'MO',
  台湾: 'TW',
};
