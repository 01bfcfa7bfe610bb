import { CHINA_STANDARD_TIME, Instant, Money, parseProviderLocalTime, ProductSnapshot, Sku, SkuInput, SkuRef, Weight } from '@serai/domain';
import type { SourcedShipment, StockFigure } from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import {
  CallbackStatusMeaning,
  CUSTOMS_UNIT_KILOGRAM,
  PILOT_CALLBACK_STATUS_TABLE,
  PILOT_PACKAGE_STATUS_TABLE,
  PILOT_PACKAGE_STATUSES,
  PILOT_PARTIAL_CONFIRM_TYPES,
  PILOT_PROVIDER,
  PilotPackageStatus,
  PilotGoodsStatus,
  PilotPattern,
} from './codes';
import type { PilotDeliveryOrderCallback, PilotDeliveryOrderLine } from './wire/delivery-order-callback';
import type { PilotFreightForwardProduct } from './wire/freight-forward-product';
import type { PilotInventoryProduct, PilotInventoryProductBody } from './wire/inventory-product';
import type { PilotPoItem, PilotPurchase, PilotPurchaseOrderBody } from './wire/inventory-purchase';
import type { PilotPackage } from './wire/query-freight-forward';

/**
 * Pilot wire <-> canonical, pure functions: packages and delivery-order callbacks become
 * SourcedShipments, inventory products StockFigures, and catalogue SKUs the two product bodies
 * Pilot keeps (3PL inventory product, freight-forward customs product).
 */

function unmappable(operation: string, code: string, message: string): ProviderError {
  return new ProviderError({ provider: PILOT_PROVIDER, operation, kind: 'invalid_response', code, message, retryable: false });
}

/** ISO-8601 with a zone (packages); the callback's zone-less "yyyy-MM-dd HH:mm:ss" is China time (QiMen family). */
export function parsePilotTime(text: string, field: string): Instant {
  const trimmed = text.trim();
  return /[Tt].*([Zz]|[+-]\d{2}:?\d{2})$/.test(trimmed)
    ? Instant.parse(trimmed, field)
    : parseProviderLocalTime(trimmed, CHINA_STANDARD_TIME, field);
}

function optionalTime(text: string | undefined, field: string): Instant | undefined {
  return text === undefined || text.trim() === '' ? undefined : parsePilotTime(text, field);
}

/** Quantities come as strings ("totalNum": "string"): whole, non-negative digits only, anything else is refused. */
export function parseQuantity(text: string | undefined, field: string, operation: string): number {
  const trimmed = text?.trim() ?? '';
  if (!/^\d{1,15}$/.test(trimmed))
    throw unmappable(operation, 'INVALID_QUANTITY', `${field} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(trimmed);
}

// ---- packages (QueryFreightForward, QUERY_WAYBILL) -------------------------------------------

export function pilotPackageStatus(status: string): PilotPackageStatus | undefined {
  return (PILOT_PACKAGE_STATUSES as readonly string[]).includes(status) ? (status as PilotPackageStatus) : undefined;
}

export function mapPilotPackage(pkg: PilotPackage, carrier: string): SourcedShipment {
  const status = pilotPackageStatus(pkg.status);
  if (status === undefined)
    throw unmappable('map-package', 'UNKNOWN_STATUS', `package ${pkg.deliveryOrderCode} has the undocumented status ${pkg.status}`);
  return {
    externalOrderNumber: pkg.deliveryOrderCode,
    packageId: pkg.deliveryOrderId !== undefined && pkg.deliveryOrderId !== '' ? pkg.deliveryOrderId : pkg.deliveryOrderCode,
    carrierCode: pkg.logisticsCode !== undefined && pkg.logisticsCode !== '' ? pkg.logisticsCode : carrier,
    trackingNumber: pkg.trackingReference ?? '',
    status: PILOT_PACKAGE_STATUS_TABLE[status],
    shippedAt: status === 'SHIPPED' ? optionalTime(pkg.shippedAt ?? pkg.updatedAt, 'shippedAt') : undefined,
    lines: pkg.items.map((item) => ({ sku: item.skuNumber, quantity: item.quantity })),
    partial: false,
    raw: pkg,
  };
}

// ---- delivery-order callback ---------------------------------------------------------------

function lineQuantity(line: PilotDeliveryOrderLine, shipped: boolean): number {
  const text = shipped && line.actualQty !== undefined && line.actualQty !== '' ? line.actualQty : line.planQty;
  return parseQuantity(text, `orderLine ${line.itemCode} quantity`, 'map-callback');
}

/**
 * A delivery-order callback as canonical shipments: one per reported package, or one for the
 * delivery order when it lists none. Lines name the merchant's goods code (`itemCode`); the
 * engine's SKU cross-reference resolves it. Partial when the status says so (PARTDELIVERED), when
 * `confirmType` says more confirmations follow, or when a line shipped less than planned.
 */
export function mapDeliveryOrderCallback(
  callback: PilotDeliveryOrderCallback,
  statusTable: Readonly<Record<string, CallbackStatusMeaning>> = PILOT_CALLBACK_STATUS_TABLE,
): SourcedShipment[] {
  const order = callback.deliveryOrder;
  const meaning = statusTable[order.status.trim().toUpperCase()];
  if (meaning === undefined)
    throw unmappable('map-callback', 'UNKNOWN_STATUS', `delivery order ${order.deliveryOrderCode} has the unmapped status ${order.status}`);
  const shipped = meaning.status === 'shipped' || meaning.status === 'delivered';
  const shortLine = callback.orderLines.some(
    (line) =>
      shipped &&
      line.planQty !== undefined &&
      line.actualQty !== undefined &&
      line.actualQty !== '' &&
      lineQuantity(line, true) < lineQuantity(line, false),
  );
  const partial =
    meaning.partial || (shipped && PILOT_PARTIAL_CONFIRM_TYPES.includes((order.confirmType ?? '').trim().toUpperCase())) || shortLine;
  const shippedAt = shipped ? optionalTime(order.orderConfirmTime ?? order.operateTime, 'orderConfirmTime') : undefined;
  const baseId = order.deliveryOrderId !== undefined && order.deliveryOrderId !== '' ? order.deliveryOrderId : order.deliveryOrderCode;
  const common = { externalOrderNumber: order.deliveryOrderCode, status: meaning.status, shippedAt, partial, raw: callback };
  if (callback.packages.length === 0) {
    return [
      {
        ...common,
        packageId: baseId,
        carrierCode: order.logisticsCode ?? '',
        trackingNumber: order.expressCode ?? '',
        lines: callback.orderLines
          .map((line) => ({ sku: line.itemCode, quantity: lineQuantity(line, shipped) }))
          .filter((line) => line.quantity > 0),
      },
    ];
  }
  return callback.packages.map((pkg, index) => ({
    ...common,
    packageId: callback.packages.length === 1 ? baseId : `${baseId}/${pkg.expressCode ?? String(index + 1)}`,
    carrierCode: pkg.logisticsCode ?? order.logisticsCode ?? '',
    trackingNumber: pkg.expressCode ?? order.expressCode ?? '',
    lines: pkg.items.map((item) => ({
      sku: item.itemCode,
      quantity: parseQuantity(item.quantity, `package item ${item.itemCode} quantity`, 'map-callback'),
    })),
  }));
}

// ---- inventory ---------------------------------------------------------------------------

/** One 3PL product's stock; `reserved` is what is on hand but not usable (packed, locked). */
export function mapInventoryProduct(product: PilotInventoryProduct, location: string, asOf: Instant): StockFigure {
  const sku = product.merchantGoodsNo;
  if (sku === undefined || sku.trim() === '')
    throw unmappable('map-inventory', 'MISSING_SKU', 'an inventory product has no merchantGoodsNo');
  const onHand = parseQuantity(product.totalNum, `${sku}.totalNum`, 'map-inventory');
  const available = parseQuantity(product.usableNum, `${sku}.usableNum`, 'map-inventory');
  const barcode = product.barcodes
    ?.split(',')
    .map((b) => b.trim())
    .find((b) => b !== '');
  return {
    sku,
    // The 3PL names products by its own numbers; the engine's SKU cross-reference translates them.
    identifiers: {
      merchantGoodsNo: sku.trim(),
      ...(product.warehouseGoodsNo !== undefined && product.warehouseGoodsNo.trim() !== ''
        ? { warehouseGoodsNo: product.warehouseGoodsNo.trim() }
        : {}),
      ...(barcode === undefined ? {} : { barcode }),
    },
    location: product.shopNo !== undefined && product.shopNo !== '' ? `${location}/${product.shopNo}` : location,
    onHand,
    available,
    reserved: Math.max(0, onHand - available),
    asOf,
  };
}

// ---- catalogue -----------------------------------------------------------------------------

/** A SKU lacks what a Pilot body requires; the catalogue sink reports it as that SKU's failure. */
export class MissingProductData extends Error {
  constructor(
    readonly sku: string,
    readonly fields: readonly string[],
  ) {
    super(`SKU ${sku} lacks ${fields.join(', ')}`);
    this.name = 'MissingProductData';
  }
}

/** Moves the decimal point: "0.091" -> "9.1" (x100) and back, on the digits, never through a float. */
export function shiftDecimal(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${rest === '' ? '' : `.${rest}`}`;
}

function kilograms(weight: Weight | undefined): string | undefined {
  return weight?.toKilograms().value;
}

function title(sku: Sku, product: ProductSnapshot, language: 'zh' | 'en'): string | undefined {
  const other = language === 'zh' ? 'en' : 'zh';
  return sku.titles[language] ?? product.titles[language] ?? sku.titles[other] ?? product.titles[other] ?? undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

export interface InventoryProductOptions {
  readonly pattern?: PilotPattern;
}

/** The 3PL product for a catalogue SKU: the merchant goods number is ours, the warehouse numbers its own. */
export function toInventoryProductBody(
  product: ProductSnapshot,
  sku: Sku,
  options: InventoryProductOptions = {},
): PilotInventoryProductBody {
  const barcodes = sku.barcodes.join(',');
  if (barcodes === '') throw new MissingProductData(sku.sku, ['barcodes']);
  const taxPercent = sku.customs?.taxRate === undefined ? undefined : shiftDecimal(sku.customs.taxRate, 2);
  return dropUndefined({
    merchantGoodsNo: sku.itemNumbers.merchantGoodsNo ?? sku.sku,
    platformGoodsNo: product.id,
    barcodes,
    warehouseGoodsNo: sku.itemNumbers.warehouseGoodsNo,
    goodsName: title(sku, product, 'zh'),
    grossWeight: kilograms(sku.grossWeight),
    netWeight: kilograms(sku.netWeight),
    pattern: options.pattern,
    modelNumber: sku.attributes.model,
    spec: sku.attributes.spec ?? sku.attributes.size,
    // integer(int32) here: a rate with decimals (9.1 %) is left out rather than rounded.
    taxRate: taxPercent !== undefined && /^\d+$/.test(taxPercent) ? Number(taxPercent) : undefined,
    hsCode: sku.customs?.hsCode,
    country: sku.customs?.originCountry,
  });
}

export interface FreightForwardProductOptions {
  readonly storeIds?: readonly string[];
}

const CJK = /[\u3400-\u9fff]/;

/** The freight-forward customs product for a catalogue SKU; refuses a SKU without the fields marked Required. */
export function toFreightForwardProduct(
  product: ProductSnapshot,
  sku: Sku,
  options: FreightForwardProductOptions = {},
): PilotFreightForwardProduct {
  const barcode = sku.barcodes[0];
  const netWeight = kilograms(sku.netWeight);
  const missing = [
    ['barcode', barcode],
    ['brand', product.brand ?? undefined],
    ['hsCode', sku.customs?.hsCode],
    ['customsUnitCodePackage (customs.customsUnit)', sku.customs?.customsUnit],
    ['countryOfOrigin (customs.originCountry)', sku.customs?.originCountry],
    ['netWeight', netWeight],
  ]
    .filter(([, value]) => value === undefined || value === '')
    .map(([name]) => name as string);
  if (missing.length > 0 || barcode === undefined || netWeight === undefined) throw new MissingProductData(sku.sku, missing);
  const market = sku.prices.market ?? sku.prices.sale;
  const description = product.description ?? undefined;
  return dropUndefined({
    barcode,
    skuNumber: sku.sku,
    brand: product.brand ?? '',
    name: title(sku, product, 'en') ?? sku.sku,
    nameCn: title(sku, product, 'zh') ?? sku.sku,
    hsCode: sku.customs?.hsCode ?? '',
    model: sku.attributes.model,
    customsUnitCodeWeight: CUSTOMS_UNIT_KILOGRAM,
    customsUnitCodePackage: sku.customs?.customsUnit ?? '',
    countryOfOrigin: sku.customs?.originCountry ?? '',
    netWeight,
    grossWeight: kilograms(sku.grossWeight),
    spec: sku.attributes.spec ?? sku.attributes.size,
    descriptionEn: description !== undefined && !CJK.test(description) ? description : undefined,
    descriptionCn: description !== undefined && CJK.test(description) ? description : undefined,
    storeIds: options.storeIds,
    rrpCny: market.currency === 'CNY' ? market.amount : undefined,
    rrpGbp: market.currency === 'GBP' ? market.amount : undefined,
    customsFilingId: sku.customs?.filingId,
    taxRate: sku.customs?.taxRate === undefined ? undefined : shiftDecimal(sku.customs.taxRate, 2),
  });
}

/** What a freight-forward product (QUERY_PRODUCT) says about a SKU; it carries no sale price. */
export interface FreightForwardSku extends Omit<SkuInput, 'prices'> {
  readonly brand: string;
  readonly marketPrice?: Money;
}

export function mapFreightForwardProduct(product: PilotFreightForwardProduct): FreightForwardSku {
  const attributes = dropUndefined({ model: product.model, spec: product.spec });
  return dropUndefined({
    sku: product.skuNumber,
    barcodes: product.barcode === '' ? [] : [product.barcode],
    titles: { zh: product.nameCn, en: product.name },
    attributes,
    brand: product.brand,
    netWeight: Weight.of(product.netWeight, 'kg', 'netWeight'),
    grossWeight: product.grossWeight === undefined ? undefined : Weight.of(product.grossWeight, 'kg', 'grossWeight'),
    customs: dropUndefined({
      hsCode: product.hsCode,
      originCountry: product.countryOfOrigin,
      customsUnit: product.customsUnitCodePackage,
      filingId: product.customsFilingId,
      taxRate: product.taxRate === undefined ? undefined : shiftDecimal(product.taxRate, -2),
    }),
    marketPrice:
      product.rrpCny !== undefined
        ? Money.of(product.rrpCny, 'CNY')
        : product.rrpGbp !== undefined
          ? Money.of(product.rrpGbp, 'GBP')
          : undefined,
  });
}

// ---- purchase (inbound) orders, deprecated operations -------------------------------------

/**
 * The canonical model has no purchase or inbound order (libs/domain), so this is the connector's
 * own typed form of one: one SKU, as the document's body allows. `condition` is the document's
 * `goodsStatus` (GOOD / DEFECTIVE / SAMPLE, default GOOD).
 */
export type InboundCondition = 'good' | 'defective' | 'sample';

export interface InboundOrder {
  /** The merchant's purchase order number, the key of the later query (`purchase_order_no`). */
  readonly purchaseOrderNo: string;
  /** The SKU; Pilot needs its warehouse goods number (`itemNumbers.warehouseGoodsNo`). */
  readonly sku: SkuRef;
  readonly quantity: number;
  readonly supplierNo?: string;
  readonly condition?: InboundCondition;
}

const GOODS_STATUS_OF: Readonly<Record<InboundCondition, PilotGoodsStatus>> = {
  good: 'GOOD',
  defective: 'DEFECTIVE',
  sample: 'SAMPLE',
};

const CONDITION_OF: Readonly<Record<string, InboundCondition>> = { GOOD: 'good', DEFECTIVE: 'defective', SAMPLE: 'sample' };

/** The `POST /inventory/purchase/{carrier}` body; refuses a SKU without a warehouse goods number or a quantity below 1. */
export function toPurchaseOrderBody(order: InboundOrder): PilotPurchaseOrderBody {
  const warehouseGoodsNo = (order.sku.itemNumbers as Readonly<Record<string, string | undefined>>).warehouseGoodsNo?.trim();
  if (warehouseGoodsNo === undefined || warehouseGoodsNo === '')
    throw new MissingProductData(order.sku.sku, ['itemNumbers.warehouseGoodsNo']);
  if (order.purchaseOrderNo.trim() === '') throw new RangeError('purchaseOrderNo must not be empty');
  if (!Number.isInteger(order.quantity) || order.quantity < 1) throw new RangeError('quantity must be a whole number of at least 1');
  return dropUndefined({
    warehouseGoodsNo,
    purchaseOrderNo: order.purchaseOrderNo,
    supplierNo: order.supplierNo,
    goodsNum: order.quantity,
    goodsStatus: order.condition === undefined ? undefined : GOODS_STATUS_OF[order.condition],
  });
}

/** One PoItem's quantities, parsed strictly (whole, non-negative digits). */
export interface InboundOrderLine {
  /** `isvGoodsNo`: the merchant's goods number, when the warehouse echoes it. */
  readonly merchantGoodsNo?: string;
  readonly warehouseGoodsNo?: string;
  /** The status applied for (`goodsStatus`); undefined for a word the document does not list. */
  readonly condition?: InboundCondition;
  /** `numApplication`. */
  readonly requested: number;
  /** `realInstoreQty`. */
  readonly received: number;
  readonly qualified: number;
  readonly unqualified: number;
  readonly short: number;
  readonly damaged: number;
  readonly excess: number;
}

/** What Pilot says about one purchase order. Status words are undocumented and kept as sent. */
export interface InboundOrderResult {
  readonly warehousePurchaseNo: string;
  readonly warehouseGoodsNo?: string;
  readonly supplierNo?: string;
  readonly status: string;
  readonly storageStatus: string;
  readonly createdAt?: Instant;
  /** Set once the warehouse has received it (`completeTime`). */
  readonly completedAt?: Instant;
  readonly lines: readonly InboundOrderLine[];
  /** Sums over the lines. */
  readonly requested: number;
  readonly received: number;
}

/** Absent or empty is 0 (not yet counted); anything else must be whole digits. */
function countOf(text: string | undefined, field: string): number {
  return text === undefined || text.trim() === '' ? 0 : parseQuantity(text, field, 'map-purchase');
}

function mapPoItem(item: PilotPoItem, where: string): InboundOrderLine {
  const name = (field: string): string => `${where}.${field}`;
  return dropUndefined({
    merchantGoodsNo: item.isvGoodsNo === '' ? undefined : item.isvGoodsNo,
    warehouseGoodsNo: item.goodsNo === '' ? undefined : item.goodsNo,
    condition: CONDITION_OF[(item.goodsStatus ?? 'GOOD').trim().toUpperCase()],
    requested: parseQuantity(item.numApplication, name('numApplication'), 'map-purchase'),
    received: countOf(item.realInstoreQty, name('realInstoreQty')),
    qualified: countOf(item.qualifiedQty, name('qualifiedQty')),
    unqualified: countOf(item.unQualifiedQty, name('unQualifiedQty')),
    short: countOf(item.shortQty, name('shortQty')),
    damaged: countOf(item.damagedQty, name('damagedQty')),
    excess: countOf(item.excessQty, name('excessQty')),
  });
}

/** A purchase of the inventory envelope (`purchases[]`) as a typed result. */
export function mapPurchaseOrder(purchase: PilotPurchase): InboundOrderResult {
  const number = purchase.warehousePurchaseNo;
  if (number === undefined || number.trim() === '')
    throw unmappable('map-purchase', 'MISSING_PURCHASE_NO', 'a purchase order has no warehousePurchaseNo');
  const lines = purchase.poItems.map((item, index) => mapPoItem(item, `${number}.poItems[${index}]`));
  return dropUndefined({
    warehousePurchaseNo: number,
    warehouseGoodsNo: purchase.warehouseGoodsNo === '' ? undefined : purchase.warehouseGoodsNo,
    supplierNo: purchase.supplierNo === '' ? undefined : purchase.supplierNo,
    status: purchase.poOrderStatus ?? '',
    storageStatus: purchase.storageStatus ?? '',
    createdAt: optionalTime(purchase.createTime, 'createTime'),
    completedAt: optionalTime(purchase.completeTime, 'completeTime'),
    lines,
    requested: lines.reduce((sum, line) => sum + line.requested, 0),
    received: lines.reduce((sum, line) => sum + line.received, 0),
  });
}
