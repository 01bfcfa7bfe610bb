import { createParty, Instant, Money, OrderLineInput, Party } from '@serai/domain';
import type { ShipmentConfirmation, SourcedOrder, SourcedReturn } from '@serai/engine/ports';
import {
  fromNengmaoCourier,
  NENGMAO_CANCEL_REASONS,
  NENGMAO_CANCEL_STATUS,
  NENGMAO_COUNTRY_NAMES,
  NENGMAO_RETURN_STATUSES,
  nengmaoOrderStatus,
  toNengmaoCourier,
} from './codes';
import { fromNengmaoTime, toNengmaoTime } from './operations/nengmao-time';
import type { NengmaoCancelByBrandItem } from './wire/order-cancel-by-brand';
import type { NengmaoCancelConfirmItem } from './wire/order-cancel-confirm';
import type { NengmaoOrder, NengmaoOrderGoods } from './wire/order-list';
import type { NengmaoShipOrder } from './wire/order-ship';
import type { NengmaoReturn } from './wire/return-list';

/**
 * Nengmao orders, returns, shipments and cancellations <-> canonical terms. Pure functions: what
 * they need from the connection (name, currency, courier overrides) comes in as arguments.
 */

export interface OrderMappingContext {
  readonly connectionName: string;
  /** Neither document states a currency (settings: default CNY). */
  readonly currency: string;
  /** Brand `saleAmount` is one unit's value, TMG's the line total (profile). */
  readonly saleAmountPer: 'unit' | 'line';
  /** The orderStatus the page was asked for: TMG answers carry no status of their own (§6.1). */
  readonly queriedStatus?: number;
}

/**
 * One Nengmao order as a canonical SourcedOrder. Amounts (brand §7.1, checked on its example):
 *   - `tagPrice` is the tax-inclusive list price (`taxFree` "Whether to Include Tax" true);
 *   - `saleAmount` is net of tax and coupons (per unit for brand, per line for TMG);
 *   - `subOrderTaxFee` is the line's tax.
 * So a line's pre-tax value is tagPrice x qty - tax, its discount that value minus the net sale,
 * and the order's discount is `discountAmountSum` (in the example 141.61 + 158.39 = 300.00 and
 * 3767.18 + 342.82 - 300.00 = 3810.00 = orderAmount). A tag price below the sale amount (TMG
 * example) gives no discount; the domain reports totals that do not add up, it does not refuse them.
 */
export function mapNengmaoOrder(order: NengmaoOrder, context: OrderMappingContext): SourcedOrder {
  const currency = context.currency;
  const money = (text: string | undefined): Money => Money.of(text ?? '0', currency);
  const lineIds = new Map<string, number>();
  const lines = order.orderGoods.map((goods) => {
    const seen = (lineIds.get(goods.sku) ?? 0) + 1;
    lineIds.set(goods.sku, seen);
    return mapOrderLine(goods, seen === 1 ? goods.sku : `${goods.sku}#${seen}`, context);
  });
  const sum = (pick: (line: OrderLineInput) => Money | undefined): Money =>
    Money.sum(
      currency,
      lines.map((line) => pick(line) ?? Money.zero(currency)),
    );
  const statusCode = readStatusCode(order.status) ?? context.queriedStatus;
  const status = statusCode === undefined ? undefined : nengmaoOrderStatus(statusCode);
  const paidAt = optionalTime(order.payTime, 'payTime');
  const updatedAt = optionalTime(order.modifyTime, 'modifyTime');
  const buyer = nonBlank(order.orderAccount) === undefined ? undefined : createParty({ name: order.orderAccount ?? '' }, 'buyer');
  return {
    order: {
      source: { connectionName: context.connectionName, externalOrderNumber: order.orderSn },
      lines,
      amounts: {
        items: sum((line) => line.unitPrice.multiply(line.quantity)),
        shipping: money(order.shippingFee),
        discount: order.discountAmountSum === undefined ? sum((line) => line.discount) : money(order.discountAmountSum),
        tax: sum((line) => line.tax),
        totalPaid: money(order.orderAmount),
      },
      ...(buyer === undefined ? {} : { buyer }),
      consignee: mapConsignee(order),
      ...(nonBlank(order.paymentType) === undefined
        ? {}
        : {
            payment: {
              method: order.paymentType ?? '',
              ...(nonBlank(order.paymentSn) === undefined ? {} : { paymentNumber: order.paymentSn }),
              ...(paidAt === undefined ? {} : { paidAt }),
            },
          }),
      createdAt: fromNengmaoTime(order.createTime, 'createTime'),
      ...(paidAt === undefined ? {} : { paidAt }),
      ...(updatedAt === undefined ? {} : { updatedAt }),
    },
    sourceStatus: statusCode === undefined ? (order.shippingStatus ?? 'unknown') : String(statusCode),
    // The key of the engine's order-statuses table (nengmao.mapping-defaults.ts), where ops may re-map it.
    ...(statusCode === undefined ? {} : { statusKey: `nengmao:${statusCode}` }),
    cancellationRequested: status?.cancellationRequested ?? false,
    cancelled: status?.cancelled ?? false,
    raw: order,
  };
}

function mapOrderLine(goods: NengmaoOrderGoods, lineId: string, context: OrderMappingContext): OrderLineInput {
  const currency = context.currency;
  const qty = BigInt(goods.qty);
  const cents = (text: string | undefined): bigint => (text === undefined ? 0n : Money.of(text, currency).round('half-even').minorUnits);
  const sale = cents(goods.saleAmount);
  const net = context.saleAmountPer === 'unit' ? sale * qty : sale;
  const tax = cents(goods.subOrderTaxFee);
  const taxInPrice = goods.taxFree !== false;
  const fromTag = goods.tagPrice === undefined ? net : cents(goods.tagPrice) * qty - (taxInPrice ? tax : 0n);
  const gross = fromTag < net ? net : fromTag;
  // A pre-tax value that does not divide by the quantity keeps the floor per unit: the line total stays exact.
  const unit = qty > 0n ? gross / qty : gross;
  const discount = unit * qty > net ? unit * qty - net : 0n;
  const barcode = nonBlank(goods.upcCode);
  return {
    lineId,
    sku: {
      sku: goods.sku,
      barcodes: barcode === undefined || /\s/.test(barcode) ? [] : [barcode],
      itemNumbers: nonBlank(goods.internalId) === undefined ? {} : { internalId: goods.internalId },
    },
    quantity: goods.qty,
    unitPrice: Money.fromMinor(unit, currency),
    discount: Money.fromMinor(discount, currency),
    tax: Money.fromMinor(tax, currency),
  };
}

/** The consignee, personal data: name, phones, national ID (when sent) and street are PII. */
function mapConsignee(order: NengmaoOrder): Party {
  const country = nonBlank(order.country);
  return createParty(
    {
      name: order.consignee,
      phone: nonBlank(order.telephone),
      mobile: nonBlank(order.mobile),
      idNumber: nonBlank(order.idCard),
      address: {
        country,
        countryCode: country === undefined ? undefined : NENGMAO_COUNTRY_NAMES[country.toLowerCase()],
        province: order.province,
        city: order.city,
        district: order.district,
        street: order.address,
        postcode: order.zipcode,
      },
    },
    'consignee',
  );
}

export interface ReturnMappingContext {
  readonly currency: string;
  /** The returnStatus the page was asked for: return records carry no status (brand §8.1, TMG §7.1). */
  readonly queriedStatus?: number;
  /** Return records carry no time: when Serai read it stands for when it was requested. */
  readonly observedAt: Instant;
  readonly courierCodes?: Readonly<Record<string, string>>;
}

export function mapNengmaoReturn(record: NengmaoReturn, context: ReturnMappingContext): SourcedReturn {
  const currency = context.currency;
  const courier = nonBlank(record.expressCompany);
  const tracking = nonBlank(record.expressSn);
  const requestedAt = optionalTime(record.createTime, 'createTime') ?? context.observedAt;
  const status = context.queriedStatus === undefined ? undefined : NENGMAO_RETURN_STATUSES[context.queriedStatus];
  const returnee =
    nonBlank(record.returnee) === undefined
      ? undefined
      : createParty(
          {
            name: record.returnee ?? '',
            phone: nonBlank(record.telephone),
            mobile: nonBlank(record.mobile),
            address: {
              province: record.province,
              city: record.city,
              district: record.district,
              street: record.address,
              postcode: record.zipcode,
            },
          },
          'returnee',
        );
  return {
    returnRequest: {
      returnNumber: record.returnSn,
      lines: record.goodsList.map((line) => ({ sku: line.sku, quantity: line.qty, refund: Money.of(line.goodsAmount, currency) })),
      ...(status === undefined ? {} : { status }),
      ...(nonBlank(record.remark) === undefined ? {} : { reason: record.remark }),
      ...(returnee === undefined ? {} : { returnee }),
      ...(courier === undefined || tracking === undefined
        ? {}
        : { parcel: { carrierCode: fromNengmaoCourier(courier, context.courierCodes).code, trackingNumber: tracking } }),
      shippingRefund: Money.of(record.returnShippingFee ?? '0', currency),
      requestedAt,
    },
    externalOrderNumber: record.orderSn,
    sourceStatus: context.queriedStatus === undefined ? 'unknown' : String(context.queriedStatus),
    raw: record,
  };
}

/**
 * A ship request line list for brand §7.5, with the courier mapped: the engine's mapping table
 * (`shipment.courierCode`) when it has the carrier, else this connector's table and overrides;
 * `courierKnown: false` flags a code passed through.
 */
export function toNengmaoShipOrder(
  shipment: ShipmentConfirmation,
  courierCodes: Readonly<Record<string, string>> = {},
): { readonly order: NengmaoShipOrder; readonly courierKnown: boolean } {
  const courier =
    shipment.courierCode !== undefined && shipment.courierCode.trim() !== ''
      ? { code: shipment.courierCode.trim(), known: true }
      : toNengmaoCourier(shipment.carrierCode, courierCodes);
  return {
    order: {
      orderSn: shipment.externalOrderNumber,
      shipTime: toNengmaoTime(shipment.shippedAt),
      expressCompany: courier.code,
      expressNo: shipment.trackingNumber,
      goodsList: shipment.lines.map((line) => ({ sku: line.sku, qty: line.quantity })),
    },
    courierKnown: courier.known,
  };
}

/** The reverse of toNengmaoShipOrder (reads the §7.5 example, replays recorded requests). */
export function mapNengmaoShipOrder(
  order: NengmaoShipOrder,
  courierCodes: Readonly<Record<string, string>> = {},
): { readonly shipment: ShipmentConfirmation; readonly courierKnown: boolean } {
  const courier = fromNengmaoCourier(order.expressCompany ?? '', courierCodes);
  return {
    shipment: {
      externalOrderNumber: order.orderSn,
      carrierCode: courier.code,
      trackingNumber: order.expressNo ?? '',
      shippedAt: fromNengmaoTime(order.shipTime, 'shipTime'),
      lines: order.goodsList.map((line) => ({ sku: line.sku, quantity: line.qty })),
    },
    courierKnown: courier.known,
  };
}

/** Brand §7.4: the answer to a buyer's cancellation request. */
export function toNengmaoCancelConfirm(externalOrderNumber: string, accepted: boolean, reason?: string): NengmaoCancelConfirmItem {
  return {
    orderSn: externalOrderNumber,
    status: accepted ? NENGMAO_CANCEL_STATUS.success : NENGMAO_CANCEL_STATUS.failure,
    ...(reason === undefined || reason.trim() === '' ? {} : { message: reason }),
  };
}

/**
 * Brand §7.3 / TMG §6.2: a brand-side cancellation of the listed lines, status 10. The reason code
 * becomes the documented free `message` (NENGMAO_CANCEL_REASONS, else the code itself).
 */
export function toNengmaoCancelByBrand(
  externalOrderNumber: string,
  reasonCode: string,
  lines: readonly { readonly sku: string; readonly quantity: number }[],
): NengmaoCancelByBrandItem {
  return {
    orderSn: externalOrderNumber,
    status: NENGMAO_CANCEL_STATUS.success,
    message: NENGMAO_CANCEL_REASONS[reasonCode] ?? reasonCode,
    goodsList: lines.map((line) => ({ sku: line.sku, qty: line.quantity })),
  };
}

function readStatusCode(text: string | undefined): number | undefined {
  const value = text?.trim();
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function optionalTime(text: string | undefined, field: string): Instant | undefined {
  return nonBlank(text) === undefined ? undefined : fromNengmaoTime(text ?? '', field);
}

function nonBlank(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
