import { ResponseReader } from '../../kernel/response-reader';
import type { WireDecimal } from '../../kernel/decimal-json';

/**
 * The Envoy `Order` object, named exactly as the document's JSON example names it
 * (seeds/nomad-envoy-api.txt lines 629–1038; catalogue nomad-envoy.md §5). The document marks no
 * field required, so every field but the SKU number is optional here. Money and weights are JSON
 * numbers on the wire and decimal text (`WireDecimal`) in these types; `barcode` and `productId`
 * are numbers in the example and strings here (leading zeros, catalogue §5.5 and §7.15).
 */

/** Order status: the list query's `status` options (the Order's own description points there). */
export type EnvoyOrderStatus =
  | 'WAIT_BUYER_PAY'
  | 'WAIT_SELLER_SEND_GOODS'
  | 'WAIT_BUYER_CONFIRM_GOODS'
  | 'TRADE_SUCCESS'
  | 'TRADE_CLOSED'
  | 'TRADE_REFUND'
  | 'TRADE_FAILED';

/** `Order.orderType` — "could be one of DEFAULT/DISTRIBUTOR/SUPPLIER", default DEFAULT (not the query's `type`). */
export type EnvoyOrderType = 'DEFAULT' | 'DISTRIBUTOR' | 'SUPPLIER';

export type EnvoyPlatformName = 'pdd' | 'youzan' | 'littleredbook' | 'nomad' | 'douyin' | 'checkout';
export type EnvoyGender = 'Female' | 'Male' | 'Custom';
/** 海关编号 [customs code]: ZZ, GZ, HZ, SH (default SH). */
export type EnvoyCustomsCode = 'ZZ' | 'GZ' | 'HZ' | 'SH';

export interface EnvoyImages {
  readonly ids?: readonly string[];
  readonly urls?: readonly string[];
  readonly uploads?: readonly string[];
}

export interface EnvoySku {
  readonly skuNumber: string;
  readonly price?: WireDecimal;
  readonly rrp?: WireDecimal;
  readonly groupBuyingPrice?: WireDecimal;
  /** "tax-free sale price" per the doc, though named cost (catalogue §7.11). */
  readonly cost?: WireDecimal;
  readonly images?: EnvoyImages;
  readonly barcode?: string;
  readonly color?: string;
  readonly size?: string;
  /** "The stock level of current SKU in current product." */
  readonly quantity?: number;
  readonly isOnsale?: boolean;
  readonly netWeight?: WireDecimal;
  readonly grossWeight?: WireDecimal;
  readonly shippingCost?: WireDecimal;
  readonly shippingTime?: number;
  readonly model?: string;
  readonly spec?: string;
  readonly customsUnitCode?: string;
  readonly customsUnitCodePackage?: string;
  readonly customsUnitCodeWeight?: string;
  readonly availableStock?: number;
  readonly warehouseStock?: number;
  readonly warehouse?: string;
}

export interface EnvoyProduct {
  readonly productId?: string;
  readonly name?: string;
  readonly nameEn?: string;
  readonly skus: readonly EnvoySku[];
  readonly currency?: string;
  readonly massUnit?: string;
  readonly timeUnit?: string;
  readonly barcode?: string;
  readonly description?: string;
  readonly price?: WireDecimal;
  readonly rrp?: WireDecimal;
  readonly groupBuyingPrice?: WireDecimal;
  readonly netWeight?: WireDecimal;
  readonly grossWeight?: WireDecimal;
  readonly images?: EnvoyImages;
  readonly isOnsale?: boolean;
  /** draft/to_check/published/deleted/revoked, default draft. */
  readonly status?: string;
  readonly category?: readonly string[];
  readonly vendor?: string;
  readonly country?: string;
  readonly shelfLife?: number;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly logisticsMode?: string;
  readonly shippingCost?: WireDecimal;
  readonly shippingTime?: number;
  readonly hsCode?: string;
  readonly personalPostalArticlesTax?: string;
  readonly ingredient?: string;
  readonly model?: string;
  readonly spec?: string;
  readonly warrantyPeriod?: number;
  /** CC/BC/BBC for a product (the Order's `expressType` allows BC/BBC only). */
  readonly expressType?: string;
  /** "The default discount price" — a price, unlike the item's `discount` (catalogue §7.12). */
  readonly discount?: WireDecimal;
  readonly taxRate?: WireDecimal;
  readonly brand?: string;
  readonly storeId?: string;
  readonly categoryId?: string;
}

export interface EnvoyOrderItem {
  readonly product: EnvoyProduct;
  readonly quantity: number;
  /** "unit price of current product, but not the total price ... the sell price exactly". */
  readonly price?: WireDecimal;
  /** "unit discount of current product". */
  readonly discount?: WireDecimal;
  /** "The tax of current product." — read as the tax of the whole item (see codes.ts ENVOY_ITEM_TAX_IS_PER_LINE). */
  readonly tax?: WireDecimal;
}

/** `customer` (consignee), `seller` and `payer`: one schema, three uses. */
export interface EnvoyPerson {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly address1?: string;
  readonly address2?: string;
  readonly city?: string;
  readonly state?: string;
  readonly country?: string;
  readonly zip?: string;
  /** Taxpayer identification number, including Chinese ID. */
  readonly tin?: string;
  readonly phone?: string;
  readonly countryCode?: string;
  readonly email?: string;
  readonly age?: number;
  readonly gender?: string;
  /** "Chinese ID card. Deprecated, use 'tin' instead." */
  readonly chineseId?: string;
}

export interface EnvoyOrder {
  readonly orderId?: string;
  readonly clientOrderRef?: string;
  readonly clientParentOrderRef?: string;
  readonly platformTransactionId?: string;
  readonly platformName?: string;
  readonly isSubOrder?: boolean;
  readonly isDistributionOrder?: boolean;
  readonly distributorName?: string;
  readonly orderType?: string;
  readonly items: readonly EnvoyOrderItem[];
  readonly customer?: EnvoyPerson;
  readonly customerIdRef?: string;
  readonly seller?: EnvoyPerson;
  readonly payer?: EnvoyPerson;
  readonly status?: string;
  readonly trackingReference?: string;
  readonly destinationCode?: string;
  readonly nodeCode?: string;
  readonly expressCompany?: string;
  readonly expressType?: string;
  readonly currency?: string;
  readonly customsCode?: string;
  readonly customsFilingId?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly payMethod?: string;
  readonly payMerchantName?: string;
  readonly payAmount?: WireDecimal;
  readonly payId?: string;
  readonly paymentPayId?: string;
  readonly paidAt?: string;
  readonly payCustomsNo?: string;
  readonly productsTotalTax?: WireDecimal;
  readonly shippingCost?: WireDecimal;
  readonly shippingTax?: WireDecimal;
  readonly nonCashDeductionAmount?: WireDecimal;
  readonly insuranceFee?: WireDecimal;
  readonly customerNote?: string;
  readonly deliverySlipUrl?: string;
  readonly campaignTrackingData?: Readonly<Record<string, string>>;
  readonly discountCode?: string;
}

/** Keys whose values are decimals on the wire: written as JSON numbers, digit for digit. */
export const ENVOY_DECIMAL_KEYS: ReadonlySet<string> = new Set([
  'price',
  'rrp',
  'groupBuyingPrice',
  'cost',
  'netWeight',
  'grossWeight',
  'shippingCost',
  'discount',
  'taxRate',
  'tax',
  'payAmount',
  'productsTotalTax',
  'shippingTax',
  'nonCashDeductionAmount',
  'insuranceFee',
]);

// ---- reading an Order from untrusted JSON ----------------------------------------------------

function optionalBoolean(reader: ResponseReader): boolean | undefined {
  return reader.isPresent() ? reader.boolean() : undefined;
}

function optionalStrings(reader: ResponseReader): readonly string[] | undefined {
  return reader.isPresent() ? reader.array().map((item) => item.string()) : undefined;
}

function readImages(reader: ResponseReader): EnvoyImages | undefined {
  if (!reader.isPresent()) return undefined;
  return dropUndefined({
    ids: optionalStrings(reader.field('ids')),
    urls: optionalStrings(reader.field('urls')),
    uploads: optionalStrings(reader.field('uploads')),
  });
}

function readSku(reader: ResponseReader): EnvoySku {
  return dropUndefined({
    skuNumber: reader.field('skuNumber').string(),
    price: reader.field('price').optionalDecimal(),
    rrp: reader.field('rrp').optionalDecimal(),
    groupBuyingPrice: reader.field('groupBuyingPrice').optionalDecimal(),
    cost: reader.field('cost').optionalDecimal(),
    images: readImages(reader.field('images')),
    barcode: reader.field('barcode').optionalString(),
    color: reader.field('color').optionalString(),
    size: reader.field('size').optionalString(),
    quantity: reader.field('quantity').optionalInteger(),
    isOnsale: optionalBoolean(reader.field('isOnsale')),
    netWeight: reader.field('netWeight').optionalDecimal(),
    grossWeight: reader.field('grossWeight').optionalDecimal(),
    shippingCost: reader.field('shippingCost').optionalDecimal(),
    shippingTime: reader.field('shippingTime').optionalInteger(),
    model: reader.field('model').optionalString(),
    spec: reader.field('spec').optionalString(),
    customsUnitCode: reader.field('customsUnitCode').optionalString(),
    customsUnitCodePackage: reader.field('customsUnitCodePackage').optionalString(),
    customsUnitCodeWeight: reader.field('customsUnitCodeWeight').optionalString(),
    availableStock: reader.field('availableStock').optionalInteger(),
    warehouseStock: reader.field('warehouseStock').optionalInteger(),
    warehouse: reader.field('warehouse').optionalString(),
  });
}

function readProduct(reader: ResponseReader): EnvoyProduct {
  return dropUndefined({
    productId: reader.field('productId').optionalString(),
    name: reader.field('name').optionalString(),
    nameEn: reader.field('nameEn').optionalString(),
    skus: reader.field('skus').optionalArray().map(readSku),
    currency: reader.field('currency').optionalString(),
    massUnit: reader.field('massUnit').optionalString(),
    timeUnit: reader.field('timeUnit').optionalString(),
    barcode: reader.field('barcode').optionalString(),
    description: reader.field('description').optionalString(),
    price: reader.field('price').optionalDecimal(),
    rrp: reader.field('rrp').optionalDecimal(),
    groupBuyingPrice: reader.field('groupBuyingPrice').optionalDecimal(),
    netWeight: reader.field('netWeight').optionalDecimal(),
    grossWeight: reader.field('grossWeight').optionalDecimal(),
    images: readImages(reader.field('images')),
    isOnsale: optionalBoolean(reader.field('isOnsale')),
    status: reader.field('status').optionalString(),
    category: optionalStrings(reader.field('category')),
    vendor: reader.field('vendor').optionalString(),
    country: reader.field('country').optionalString(),
    shelfLife: reader.field('shelfLife').optionalInteger(),
    createdAt: reader.field('createdAt').optionalString(),
    updatedAt: reader.field('updatedAt').optionalString(),
    logisticsMode: reader.field('logisticsMode').optionalString(),
    shippingCost: reader.field('shippingCost').optionalDecimal(),
    shippingTime: reader.field('shippingTime').optionalInteger(),
    hsCode: reader.field('hsCode').optionalString(),
    personalPostalArticlesTax: reader.field('personalPostalArticlesTax').optionalString(),
    ingredient: reader.field('ingredient').optionalString(),
    model: reader.field('model').optionalString(),
    spec: reader.field('spec').optionalString(),
    warrantyPeriod: reader.field('warrantyPeriod').optionalInteger(),
    expressType: reader.field('expressType').optionalString(),
    discount: reader.field('discount').optionalDecimal(),
    taxRate: reader.field('taxRate').optionalDecimal(),
    brand: reader.field('brand').optionalString(),
    storeId: reader.field('storeId').optionalString(),
    categoryId: reader.field('categoryId').optionalString(),
  });
}

function readPerson(reader: ResponseReader): EnvoyPerson | undefined {
  if (!reader.isPresent()) return undefined;
  return dropUndefined({
    firstName: reader.field('firstName').optionalString(),
    lastName: reader.field('lastName').optionalString(),
    address1: reader.field('address1').optionalString(),
    address2: reader.field('address2').optionalString(),
    city: reader.field('city').optionalString(),
    state: reader.field('state').optionalString(),
    country: reader.field('country').optionalString(),
    zip: reader.field('zip').optionalString(),
    tin: reader.field('tin').optionalString(),
    phone: reader.field('phone').optionalString(),
    countryCode: reader.field('countryCode').optionalString(),
    email: reader.field('email').optionalString(),
    age: reader.field('age').optionalInteger(),
    gender: reader.field('gender').optionalString(),
    chineseId: reader.field('chineseId').optionalString(),
  });
}

function readStringMap(reader: ResponseReader): Readonly<Record<string, string>> | undefined {
  if (!reader.isPresent()) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(reader.object())) {
    const value = reader.field(key).optionalString();
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Reads one `Order` field by field; a wrong type anywhere fails with its JSON path. */
export function readEnvoyOrder(reader: ResponseReader): EnvoyOrder {
  return dropUndefined({
    orderId: reader.field('orderId').optionalString(),
    clientOrderRef: reader.field('clientOrderRef').optionalString(),
    clientParentOrderRef: reader.field('clientParentOrderRef').optionalString(),
    platformTransactionId: reader.field('platformTransactionId').optionalString(),
    platformName: reader.field('platformName').optionalString(),
    isSubOrder: optionalBoolean(reader.field('isSubOrder')),
    isDistributionOrder: optionalBoolean(reader.field('isDistributionOrder')),
    distributorName: reader.field('distributorName').optionalString(),
    orderType: reader.field('orderType').optionalString(),
    items: reader
      .field('items')
      .optionalArray()
      .map((item) => ({
        product: readProduct(item.field('product')),
        quantity: item.field('quantity').integer(),
        ...dropUndefined({
          price: item.field('price').optionalDecimal(),
          discount: item.field('discount').optionalDecimal(),
          tax: item.field('tax').optionalDecimal(),
        }),
      })),
    customer: readPerson(reader.field('customer')),
    customerIdRef: reader.field('customerIdRef').optionalString(),
    seller: readPerson(reader.field('seller')),
    payer: readPerson(reader.field('payer')),
    status: reader.field('status').optionalString(),
    trackingReference: reader.field('trackingReference').optionalString(),
    destinationCode: reader.field('destinationCode').optionalString(),
    nodeCode: reader.field('nodeCode').optionalString(),
    expressCompany: reader.field('expressCompany').optionalString(),
    expressType: reader.field('expressType').optionalString(),
    currency: reader.field('currency').optionalString(),
    customsCode: reader.field('customsCode').optionalString(),
    customsFilingId: reader.field('customsFilingId').optionalString(),
    createdAt: reader.field('createdAt').optionalString(),
    updatedAt: reader.field('updatedAt').optionalString(),
    payMethod: reader.field('payMethod').optionalString(),
    payMerchantName: reader.field('payMerchantName').optionalString(),
    payAmount: reader.field('payAmount').optionalDecimal(),
    payId: reader.field('payId').optionalString(),
    paymentPayId: reader.field('paymentPayId').optionalString(),
    paidAt: reader.field('paidAt').optionalString(),
    payCustomsNo: reader.field('payCustomsNo').optionalString(),
    productsTotalTax: reader.field('productsTotalTax').optionalDecimal(),
    shippingCost: reader.field('shippingCost').optionalDecimal(),
    shippingTax: reader.field('shippingTax').optionalDecimal(),
    nonCashDeductionAmount: reader.field('nonCashDeductionAmount').optionalDecimal(),
    insuranceFee: reader.field('insuranceFee').optionalDecimal(),
    customerNote: reader.field('customerNote').optionalString(),
    deliverySlipUrl: reader.field('deliverySlipUrl').optionalString(),
    campaignTrackingData: readStringMap(reader.field('campaignTrackingData')),
    discountCode: reader.field('discountCode').optionalString(),
  });
}

/** Leaves absent fields out, so `toEqual` and the JSON sent see the same shape. */
export function dropUndefined<T extends object>(value: T): T {
  // A plain loop: called for every part of every order read, where entries/filter/fromEntries showed in profiles.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) out[key] = entry;
  }
  return out as T;
}
