/**
 * The two Nengmao APIs differ in paths, fields and limits, never in the way they are called: the
 * differences live here as data, one profile object per document, and nothing else branches on
 * which API it talks to.
 */
export type NengmaoOperation =
  | 'goods'
  | 'goods/list'
  | 'stocks/update'
  | 'stocks/list'
  | 'price/update'
  | 'price/list'
  | 'order/list'
  | 'status/confirmation'
  | 'order/cancelbybrand'
  | 'order/cancelConfirm'
  | 'order/ship'
  | 'order/create'
  | 'return/list'
  | 'return/create';

export type NengmaoProviderKind = 'nengmao-brand' | 'nengmao-tmall-global';

export interface NengmaoLimits {
  /** goods upload `goodsList` (brand §6.1: 100; TMG states none, the same OMS limit is assumed). */
  readonly goodsPerUpload: number;
  /** stocks/update `skuList`. */
  readonly stocksPerUpdate: number;
  /** price/update `skuList`. */
  readonly pricesPerUpdate: number;
  /** `goodSnList` / `skuList` of the queries: "array length <=100". */
  readonly skusPerQuery: number;
  /** status/confirmation, cancel and ship lists: no limit stated; error 406 says 1000. */
  readonly numbersPerList: number;
  /** pageSize: "maximum 100" on every list operation of both documents. */
  readonly pageSize: number;
}

export interface NengmaoProfile {
  readonly provider: NengmaoProviderKind;
  readonly title: string;
  readonly productionBaseUrl: string;
  readonly sandboxBaseUrl: string;
  /** Path of each operation the document has; absent = the API does not offer it. */
  readonly paths: Readonly<Partial<Record<NengmaoOperation, string>>>;
  readonly limits: NengmaoLimits;
  /** Order list filters: brand create AND modify windows, TMG modify only. */
  readonly orderListHasCreateWindow: boolean;
  /** Return list: brand filters by create time (mandatory), TMG by modify time. */
  readonly returnListWindow: 'create' | 'modify';
  /** Brand `saleAmount` is ONE unit's value (§7.1); TMG's is the line's "sale total amount" (§6.1). */
  readonly saleAmountPer: 'unit' | 'line';
  /** The statuses pullChangedOrders walks (orderStatus is one value per query). */
  readonly changedOrderStatuses: readonly number[];
  /** Highest documented order status (brand 0-7, TMG 0-3). */
  readonly maxOrderStatus: number;
  /** Brand §6.2: goodSnList and skuList "cannot be used at the same time" (error 420). */
  readonly goodsListsExclusive: boolean;
  /** Brand price/update has `isDiscount`; TMG's does not. */
  readonly priceHasIsDiscount: boolean;
}

/**
 * Brand doc §6.3/§6.5 say "should not exceed 2000" while error 406 says "exceeds 1000". Serai
 * sends at most 1000: that batch is accepted under either reading, and a full push of 4,500 SKUs
 * costs 5 calls instead of 3. A connection that has confirmed 2000 with Nengmao raises it with
 * the `stocksPerUpdate` / `pricesPerUpdate` options.
 */
export const NENGMAO_SAFE_SKU_BATCH = 1000;

export const NENGMAO_BRAND_PROFILE: NengmaoProfile = {
  provider: 'nengmao-brand',
  title: 'Nengmao brand API',
  productionBaseUrl: 'https://api.nengmao.net',
  sandboxBaseUrl: 'https://sandbox.nengmao.net',
  paths: {
    goods: '/api/goods',
    'goods/list': '/api/goods/list',
    'stocks/update': '/api/stocks/update',
    'stocks/list': '/api/stocks/list',
    'price/update': '/api/price/update',
    'price/list': '/api/price/list',
    'order/list': '/api/order/list',
    'status/confirmation': '/api/status/confirmation',
    'order/cancelbybrand': '/api/order/cancelbybrand',
    'order/cancelConfirm': '/api/order/cancelConfirm',
    'order/ship': '/api/order/ship',
    'return/list': '/api/return/list',
  },
  limits: {
    goodsPerUpload: 100,
    stocksPerUpdate: NENGMAO_SAFE_SKU_BATCH,
    pricesPerUpdate: NENGMAO_SAFE_SKU_BATCH,
    skusPerQuery: 100,
    numbersPerList: 1000,
    pageSize: 100,
  },
  orderListHasCreateWindow: true,
  returnListWindow: 'create',
  saleAmountPer: 'unit',
  // Cancellation requests first: they are the changes that need an answer.
  changedOrderStatuses: [4, 3, 5, 1, 2, 6, 7],
  maxOrderStatus: 7,
  goodsListsExclusive: true,
  priceHasIsDiscount: true,
};

/**
 * TMG paths already start with `/tmg` (`https://sh-api.nengmao.net/tmg/api/order/list`), so the
 * base URL is the bare host. No order/ship, cancelConfirm, stocks/list or price/list in this
 * document; order/create and return/create exist on the sandbox only.
 */
export const NENGMAO_TMALL_GLOBAL_PROFILE: NengmaoProfile = {
  provider: 'nengmao-tmall-global',
  title: 'Nengmao TMALL Global shops API',
  productionBaseUrl: 'https://sh-api.nengmao.net',
  sandboxBaseUrl: 'https://sh-sandbox.nengmao.net',
  paths: {
    'stocks/update': '/tmg/api/stocks/update',
    'order/list': '/tmg/api/order/list',
    'order/cancelbybrand': '/tmg/api/order/cancelbybrand',
    'status/confirmation': '/tmg/api/status/confirmation',
    'order/create': '/tmg/api/order/create',
    'return/list': '/tmg/api/return/list',
    'return/create': '/tmg/api/return/create',
    goods: '/tmg/api/goods',
    'goods/list': '/tmg/api/goods/list',
    'price/update': '/tmg/api/price/update',
  },
  limits: {
    goodsPerUpload: 100,
    // §5.1 states no limit: the brand API's safe limit is kept (same OMS).
    stocksPerUpdate: NENGMAO_SAFE_SKU_BATCH,
    // §9.1: "Supports up to 100 products at a time".
    pricesPerUpdate: 100,
    skusPerQuery: 100,
    numbersPerList: 1000,
    pageSize: 100,
  },
  orderListHasCreateWindow: false,
  returnListWindow: 'modify',
  saleAmountPer: 'line',
  changedOrderStatuses: [3, 1, 2],
  maxOrderStatus: 3,
  goodsListsExclusive: false,
  priceHasIsDiscount: false,
};

export const NENGMAO_PROFILES: Readonly<Record<NengmaoProviderKind, NengmaoProfile>> = {
  'nengmao-brand': NENGMAO_BRAND_PROFILE,
  'nengmao-tmall-global': NENGMAO_TMALL_GLOBAL_PROFILE,
};
