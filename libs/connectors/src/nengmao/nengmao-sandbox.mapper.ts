import { Money, ReceiveOrderInput, ReceiveReturnInput } from '@serai/domain';
import { toNengmaoCourier } from './codes';
import { toNengmaoTime } from './operations/nengmao-time';
import type { NengmaoOrderCreateItem } from './wire/order-create';
import type { NengmaoReturnCreateItem } from './wire/return-create';
import { WireDecimal } from './wire/wire-decimal';

/**
 * Canonical -> TMG wire for the two sandbox-only operations (TMG §6.4 order/create, §7.2
 * return/create): used to plant orders and returns in a Nengmao sandbox from canonical test data.
 * They are the inverses of `mapNengmaoOrder` (with `saleAmountPer: 'line'`) and `mapNengmaoReturn`
 * for what both sides carry; the fields the canonical model lacks come in as options.
 */

export interface OrderCreateOptions {
  /** §6.4 `platform` "Sale platform" (mandatory, not in the canonical order): default `TM`, as the example. */
  readonly platform?: string;
}

/**
 * A canonical order (an `OrderSnapshot`, or a `SourcedOrder.order`) as one TMG §6.4 order. Every
 * field of the §6.4 table is mandatory, so absent canonical values are sent as "".
 *   - `orderAmount` = totalPaid, `shippingFee` = shipping, `discountAmountSum` = the order discount;
 *   - `saleAmount` is the line total ("Product sale total amount", §6.4/§6.1):
 *     unitPrice x qty - line discount + line tax;
 *   - `tagPrice` is the unit list price with the line's tax in it (the reader takes the tag price as
 *     tax-inclusive, brand §7.1): (unitPrice x qty + tax) / qty, floored to the cent when the tax
 *     does not divide by the quantity (TMG has no tax field; the line total stays exact either way).
 * Amounts are rounded half-even to the cent; times are GMT+8 `yyyy-MM-dd HH:mm:ss`.
 */
export function toNengmaoOrderCreate(order: Omit<ReceiveOrderInput, 'id'>, options: OrderCreateOptions = {}): NengmaoOrderCreateItem {
  const consignee = order.consignee;
  const address = consignee.address;
  const paidAt = order.paidAt ?? order.payment?.paidAt ?? order.createdAt;
  return {
    orderSn: order.source.externalOrderNumber,
    orderAccount: order.buyer?.name ?? '',
    orderAmount: wire(order.amounts.totalPaid),
    shippingFee: wire(order.amounts.shipping ?? Money.zero(order.amounts.totalPaid.currency)),
    discountAmountSum: wire(order.amounts.discount ?? Money.zero(order.amounts.totalPaid.currency)),
    consignee: consignee.name,
    country: address.country ?? '',
    province: address.province ?? '',
    city: address.city ?? '',
    district: address.district ?? '',
    address: [address.street, address.addressLine2].filter((part) => part !== undefined && part !== '').join(' '),
    zipcode: address.postcode ?? '',
    telephone: consignee.phone ?? '',
    mobile: consignee.mobile ?? '',
    platform: options.platform ?? 'TM',
    paymentSn: order.payment?.paymentNumber ?? '',
    paymentType: order.payment?.method ?? '',
    createTime: toNengmaoTime(order.createdAt),
    payTime: toNengmaoTime(paidAt),
    orderGoods: order.lines.map((line) => {
      const currency = line.unitPrice.currency;
      const cents = (money: Money | undefined): bigint => (money === undefined ? 0n : money.round('half-even').minorUnits);
      const qty = BigInt(line.quantity);
      const gross = cents(line.unitPrice) * qty;
      const tax = cents(line.tax);
      const internalId = line.sku.itemNumbers?.internalId;
      return {
        sku: line.sku.sku,
        upcCode: line.sku.barcodes?.[0] ?? '',
        saleAmount: wire(Money.fromMinor(gross - cents(line.discount) + tax, currency)),
        tagPrice: wire(Money.fromMinor((gross + tax) / qty, currency)),
        internalId: internalId ?? '',
        qty: line.quantity,
      };
    }),
  };
}

/** A canonical return request (a `SourcedReturn.returnRequest` or a `ReturnSnapshot`) and what it lacks. */
export interface ReturnCreateOptions {
  /** §7.2 `orderSn`: the canonical return names its order by id, Nengmao by its number. */
  readonly externalOrderNumber: string;
  /** §7.2 `returnAccount` (mandatory, not in the canonical return): default "". */
  readonly returnAccount?: string;
  /** §7.2 `internalId` per SKU (mandatory, may be ""; the sandbox fills it from the goods). */
  readonly internalIds?: Readonly<Record<string, string>>;
  /** Canonical carrier -> what to send as `expressCompany` (TMG examples send names such as 天天快递). */
  readonly courierCodes?: Readonly<Record<string, string>>;
}

/**
 * A canonical return as one TMG §7.2 return. `returnAmount` is the sum of the line refunds (each
 * line's `goodsAmount`), `returnShippingFee` the postage refund apart (as the sandbox and the
 * examples: 570.48 = 570.48 + 0); the courier goes through the courier table and the overrides.
 */
export function toNengmaoReturnCreate(
  request: Omit<ReceiveReturnInput, 'id' | 'orderId'>,
  options: ReturnCreateOptions,
): NengmaoReturnCreateItem {
  const currency = request.lines[0]?.refund.currency ?? request.shippingRefund?.currency ?? 'CNY';
  const returnee = request.returnee;
  const address = returnee?.address ?? {};
  return {
    returnSn: request.returnNumber,
    returnAccount: options.returnAccount ?? '',
    returnAmount: wire(
      Money.sum(
        currency,
        request.lines.map((line) => line.refund.round('half-even')),
      ),
    ),
    returnShippingFee: wire(request.shippingRefund ?? Money.zero(currency)),
    returnee: returnee?.name ?? '',
    province: address.province ?? '',
    city: address.city ?? '',
    district: address.district ?? '',
    zipcode: address.postcode ?? '',
    address: [address.street, address.addressLine2].filter((part) => part !== undefined && part !== '').join(' '),
    expressCompany: request.parcel === undefined ? '' : toNengmaoCourier(request.parcel.carrierCode, options.courierCodes).code,
    expressSn: request.parcel?.trackingNumber ?? '',
    telephone: returnee?.phone ?? '',
    mobile: returnee?.mobile ?? '',
    orderSn: options.externalOrderNumber,
    goodsList: request.lines.map((line) => ({
      sku: line.sku,
      upcCode: '',
      internalId: options.internalIds?.[line.sku] ?? '',
      goodsAmount: wire(line.refund),
      qty: line.quantity,
    })),
  };
}

function wire(money: Money): WireDecimal {
  return WireDecimal.of(money.round('half-even').amount);
}
