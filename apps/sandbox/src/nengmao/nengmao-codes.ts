/**
 * Nengmao's result codes as data (brand doc §5 "Respond Error Code"). The TMALL Global doc (§4) documents only the
 * ranges 400/400+ and 500/500+; the sandbox answers the brand codes on `/tmg` too, as both APIs are the same OMS.
 */
export const NENGMAO_CODES = {
  ok: 200,
  parameter: 400,
  timestampEmpty: 401,
  timestampOutOfWindow: 402,
  timestampNotNumeric: 403,
  credentialsEmpty: 404,
  credentialsUnknown: 405,
  listTooLong: 406,
  signMismatch: 407,
  skuOrUpcRequired: 408,
  signEmpty: 409,
  skuUnknown: 410,
  orderUnknown: 411,
  returnUnknown: 412,
  goodsListEmpty: 413,
  jsonMalformed: 414,
  jsonShape: 415,
  quantityOverStock: 416,
  orderExists: 417,
  orderGoodsEmpty: 418,
  orderAlreadyShipped: 419,
  goodSnListWithSkuList: 420,
  shipPartial: 421,
  shipFailed: 422,
  cancelConfirmPartial: 423,
  cancelNotAllowed: 424,
  server: 500,
  serverBusy: 503,
} as const;

export type NengmaoCode = (typeof NENGMAO_CODES)[keyof typeof NENGMAO_CODES];

/** The documented message of each code, verbatim (500+ has no message of its own: "Server-side exception"). */
export const NENGMAO_MESSAGES: Readonly<Record<NengmaoCode, string>> = {
  200: 'operate successful(操作成功)',
  400: 'Request parameter exception',
  401: 'Request parameter timestamp is empty',
  402: 'Request parameter timestamp exceeds the maximum',
  403: 'Request parameter timestamp is non-numeric',
  404: 'Request parameter appKey or appSecret is empty',
  405: 'Request parameter appKey or appSecret does not exist',
  406: 'Request list parameter exceeds 1000',
  407: 'Request parameter sign does not match',
  408: 'Request sku or upcCode parameters include at least one of them',
  409: 'Request parameter sign is empty',
  410: 'Request sku does not exist',
  411: 'Request orderSn does not exist',
  412: 'Request returnSn does not exist',
  413: 'Request goodsList is empty',
  414: 'Request Json data format error',
  415: 'Request Json data format error',
  416: 'Request order quantity more than in stock',
  417: 'The order is exist',
  418: 'The orderGoods Can not be empty',
  419: 'The order has been shipped,it can not be shipped repeatedly',
  420: 'Request parameters goodssnlist and skulist cannot be used at the same time',
  421: 'orders in [successList] operate successful,but the SKU or quantity of [failureList] error',
  422: 'the SKU or quantity of the failureList error',
  423: 'Orders in [successList] operate successful,the orderSn in the failureList confirm failed',
  424: 'The current status of the requested order does not allow cancellation',
  500: 'Server-side exception',
  503: 'Server-side exception',
};

/** Codes the fault injector may answer with: the documented server exceptions ("500" and "500+"). */
export const NENGMAO_INJECTABLE_CODES: readonly string[] = ['500', '503'];

/** Courier codes of brand doc §2 / TMG doc §2; the ship example's `bskd` shows others are accepted, so this is informative. */
export const NENGMAO_COURIER_CODES: Readonly<Record<string, string>> = {
  sf: 'ShunFeng',
  ems: 'EMS',
  sto: 'ShenTong',
  yto: 'YuanTong',
  zto: 'ZhongTong',
  zjs: 'ZhaiJiSong',
  yunda: 'Yunda',
  cces: 'CCES',
  ttkdex: 'TianTian',
  dbl: 'DeBang',
  jd: 'JingDong',
};
