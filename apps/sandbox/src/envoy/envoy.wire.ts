/**
 * Nomad Envoy wire types, named exactly as the document's JSON example names them
 * (seeds/nomad-envoy-api.txt lines 629–1038; catalogue nomad-envoy.md §4–§5).
 * Money, weights and counts are JSON numbers there, so they are numbers here; the simulator
 * stores and echoes them and never computes with them.
 */

/** `list` query `status` and `Order.status` ("View valid status at get /order query params"). */
export const ENVOY_ORDER_STATUSES = [
  'WAIT_BUYER_PAY',
  'WAIT_SELLER_SEND_GOODS',
  'WAIT_BUYER_CONFIRM_GOODS',
  'TRADE_SUCCESS',
  'TRADE_CLOSED',
  'TRADE_REFUND',
  'TRADE_FAILED',
] as const;
export type EnvoyOrderStatus = (typeof ENVOY_ORDER_STATUSES)[number];

/** `list` query `type` — a different vocabulary from `Order.orderType` (catalogue §7.3). */
export const ENVOY_LIST_TYPES = ['NORMAL', 'DISTRIBUTION'] as const;
export type EnvoyListType = (typeof ENVOY_LIST_TYPES)[number];

export const ENVOY_ORDER_TYPES = ['DEFAULT', 'DISTRIBUTOR', 'SUPPLIER'] as const;
export const ENVOY_PLATFORM_NAMES = ['pdd', 'youzan', 'littleredbook', 'nomad', 'douyin', 'checkout'] as const;
export const ENVOY_GENDERS = ['Female', 'Male', 'Custom'] as const;
export const ENVOY_CUSTOMS_CODES = ['ZZ', 'GZ', 'HZ', 'SH'] as const;

/** Page size, "options: 1, 10, 50, 100" (no 1000, unlike Pilot). */
export const ENVOY_PAGE_SIZES = [1, 10, 50, 100] as const;
export const ENVOY_MAX_PAGE_NO = 1000;

export interface EnvoyImages {
  ids: string[];
  urls: string[];
  uploads: string[];
}

export interface EnvoySku {
  skuNumber: string;
  price: number;
  rrp: number;
  groupBuyingPrice: number;
  cost: number;
  images: EnvoyImages;
  /** A number in the example; accepted as a digit string too (leading zeros, catalogue §5.5). */
  barcode: number | string;
  color: string;
  size: string;
  quantity: number;
  isOnsale: boolean;
  netWeight: number;
  grossWeight: number;
  shippingCost: number;
  shippingTime: number;
  model: string;
  spec: string;
  customsUnitCode: string;
  customsUnitCodePackage: string;
  customsUnitCodeWeight: string;
  availableStock: number;
  warehouseStock: number;
  warehouse: string;
}

export interface EnvoyProduct {
  productId: number | string;
  name: string;
  nameEn: string;
  skus: EnvoySku[];
  currency: string;
  massUnit: string;
  timeUnit: string;
  barcode: number | string;
  description: string;
  price: number;
  rrp: number;
  groupBuyingPrice: number;
  netWeight: number;
  grossWeight: number;
  images: EnvoyImages;
  isOnsale: boolean;
  status: string;
  category: string[];
  vendor: string;
  country: string;
  shelfLife: number;
  createdAt: string;
  updatedAt: string;
  logisticsMode: string;
  shippingCost: number;
  shippingTime: number;
  hsCode: string;
  personalPostalArticlesTax: string;
  ingredient: string;
  model: string;
  spec: string;
  warrantyPeriod: number;
  expressType: string;
  discount: number;
  taxRate: number;
  brand: string;
  storeId: string;
  categoryId: string;
}

export interface EnvoyOrderItem {
  product: EnvoyProduct;
  quantity: number;
  price: number;
  discount: number;
  tax: number;
}

/** `customer` (the consignee), `seller`, `payer`: one schema three times. */
export interface EnvoyPerson {
  firstName: string;
  lastName: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
  tin: string;
  phone: string;
  countryCode: string;
  email: string;
  age: number;
  gender: string;
  chineseId: string;
}

export interface EnvoyOrder {
  orderId: string;
  clientOrderRef: string;
  clientParentOrderRef: string;
  platformTransactionId: string;
  platformName: string;
  isSubOrder: boolean;
  isDistributionOrder: boolean;
  distributorName: string;
  orderType: string;
  items: EnvoyOrderItem[];
  customer: EnvoyPerson;
  customerIdRef: string;
  seller: EnvoyPerson;
  payer: EnvoyPerson;
  status: string;
  trackingReference: string;
  destinationCode: string;
  nodeCode: string;
  expressCompany: string;
  expressType: string;
  currency: string;
  customsCode: string;
  customsFilingId: string;
  createdAt: string;
  updatedAt: string;
  payMethod: string;
  payMerchantName: string;
  payAmount: number;
  payId: string;
  paymentPayId: string;
  paidAt: string;
  payCustomsNo: string;
  productsTotalTax: number;
  shippingCost: number;
  shippingTax: number;
  nonCashDeductionAmount: number;
  insuranceFee: number;
  customerNote: string;
  deliverySlipUrl: string;
  /** Free-form map in the example (`cj_event`, `utm_campaign`). */
  campaignTrackingData: Record<string, string>;
  discountCode: string;
}

/** `ApiResponseConnectorResponse`: debugging information about the invocation. */
export interface EnvoyConnectorResponse {
  input: string;
  mappingName: string;
  api: string[];
  apiDocLink: string;
  httpRequestRawData: string;
  code: number;
  response: string;
  responseEn: string;
  platform: string;
  requestCount: number;
  responseTime: number;
}

export interface EnvoyResponseData {
  returnValue: string;
  orders: EnvoyOrder[];
  order: EnvoyOrder | null;
  orderId: string;
}

/** `ApiResponse`, the one envelope of every Envoy answer, success or failure. */
export interface EnvoyApiResponse {
  code: number;
  message: string;
  connectorResponses: EnvoyConnectorResponse[];
  responseTime: number;
  data: EnvoyResponseData;
}

/** Arrays in templates hold one element: the template of their elements (absent arrays default to []). */
const IMAGES_TEMPLATE: EnvoyImages = { ids: [''], urls: [''], uploads: [''] };

export const ENVOY_SKU_TEMPLATE: EnvoySku = {
  skuNumber: '',
  price: 0,
  rrp: 0,
  groupBuyingPrice: 0,
  cost: 0,
  images: IMAGES_TEMPLATE,
  barcode: '',
  color: '',
  size: '',
  quantity: 0,
  isOnsale: false,
  netWeight: 0,
  grossWeight: 0,
  shippingCost: 0,
  shippingTime: 0,
  model: '',
  spec: '',
  customsUnitCode: '',
  customsUnitCodePackage: '',
  // "Default value is 035" (seed, Sku.customsUnitCodeWeight).
  customsUnitCodeWeight: '035',
  availableStock: 0,
  warehouseStock: 0,
  warehouse: '',
};

export const ENVOY_PRODUCT_TEMPLATE: EnvoyProduct = {
  productId: '',
  name: '',
  nameEn: '',
  skus: [ENVOY_SKU_TEMPLATE],
  currency: 'RMB',
  massUnit: 'Kilogram',
  timeUnit: 'days',
  barcode: '',
  description: '',
  price: 0,
  rrp: 0,
  groupBuyingPrice: 0,
  netWeight: 0,
  grossWeight: 0,
  images: IMAGES_TEMPLATE,
  isOnsale: false,
  status: 'draft',
  category: [''],
  vendor: '',
  country: '',
  shelfLife: 0,
  createdAt: '',
  updatedAt: '',
  logisticsMode: '',
  shippingCost: 0,
  shippingTime: 0,
  hsCode: '',
  personalPostalArticlesTax: '',
  ingredient: '',
  model: '',
  spec: '',
  warrantyPeriod: 365,
  expressType: '',
  discount: 0,
  taxRate: 0,
  brand: 'Other',
  storeId: '',
  categoryId: '',
};

export const ENVOY_PERSON_TEMPLATE: EnvoyPerson = {
  firstName: '',
  lastName: '',
  address1: '',
  address2: '',
  city: '',
  state: '',
  country: '',
  zip: '',
  tin: '',
  phone: '',
  countryCode: '',
  email: '',
  age: 0,
  gender: '',
  chineseId: '',
};

/** Every documented Order property with the document's defaults ("Default value is …"). */
export const ENVOY_ORDER_TEMPLATE: EnvoyOrder = {
  orderId: '',
  clientOrderRef: '',
  clientParentOrderRef: '',
  platformTransactionId: '',
  platformName: '',
  isSubOrder: false,
  isDistributionOrder: false,
  distributorName: '',
  orderType: 'DEFAULT',
  items: [{ product: ENVOY_PRODUCT_TEMPLATE, quantity: 0, price: 0, discount: 0, tax: 0 }],
  customer: ENVOY_PERSON_TEMPLATE,
  customerIdRef: '',
  seller: ENVOY_PERSON_TEMPLATE,
  payer: ENVOY_PERSON_TEMPLATE,
  status: '',
  trackingReference: '',
  destinationCode: '',
  nodeCode: '',
  expressCompany: '',
  expressType: '',
  currency: 'RMB',
  customsCode: 'SH',
  customsFilingId: '',
  createdAt: '',
  updatedAt: '',
  payMethod: '',
  payMerchantName: '',
  payAmount: 0,
  payId: '',
  paymentPayId: '',
  paidAt: '',
  payCustomsNo: '',
  productsTotalTax: 0,
  shippingCost: 0,
  shippingTax: 0,
  nonCashDeductionAmount: 0,
  insuranceFee: 0,
  customerNote: '',
  deliverySlipUrl: '',
  campaignTrackingData: {},
  discountCode: '',
};
