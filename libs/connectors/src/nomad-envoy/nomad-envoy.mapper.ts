import {
  CHINA_STANDARD_TIME,
  createParty,
  formatIsoInZone,
  Instant,
  knownCountryCodes,
  Money,
  OrderLineInput,
  OrderSnapshot,
  Party,
  PartyInput,
  parseProviderLocalTime,
} from '@serai/domain';
import type { SourcedOrder } from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import { CANONICAL_TO_ENVOY_STATUS, canonicalCurrency, ENVOY_PROVIDER, envoyCurrency, envoyStatusMeaning } from './codes';
import type { EnvoyCreateOrderBody } from './wire/create-order';
import { dropUndefined, EnvoyOrder, EnvoyOrderItem, EnvoyPerson, EnvoyPlatformName } from './wire/order';

/**
 * Envoy order <-> canonical order, pure functions. Amounts go from decimal text to Money and back
 * without floats; times are read with their zone (China Standard Time when a provider time has
 * none, Nomad being a Shanghai service) and written as ISO-8601 with the +08:00 offset.
 */

const ITEM_NUMBER_PRODUCT_ID = 'envoyProductId';
const CJK = /[\u3400-\u9fff]/;

function unmappable(message: string): ProviderError {
  return new ProviderError({
    provider: ENVOY_PROVIDER,
    operation: 'map-order',
    kind: 'invalid_response',
    code: 'UNMAPPABLE_ORDER',
    message,
    retryable: false,
  });
}

/** ISO-8601 with a zone as sent ("…Z", "…+01:00", microseconds dropped); a zone-less time is read as China time. */
export function parseEnvoyTime(text: string, field: string): Instant {
  return /([Zz]|[+-]\d{2}:?\d{2})$/.test(text.trim())
    ? Instant.parse(text.trim(), field)
    : parseProviderLocalTime(text, CHINA_STANDARD_TIME, field);
}

function optionalTime(text: string | undefined, field: string): Instant | undefined {
  return text === undefined || text.trim() === '' ? undefined : parseEnvoyTime(text, field);
}

/** Chinese names are written family name first; Envoy splits them into lastName (family) and firstName. */
export function personName(person: EnvoyPerson): string {
  const first = (person.firstName ?? '').trim();
  const last = (person.lastName ?? '').trim();
  return CJK.test(first + last) ? `${last}${first}` : [first, last].filter((part) => part !== '').join(' ');
}

function splitName(name: string): { firstName: string; lastName: string } {
  const trimmed = name.trim();
  if (CJK.test(trimmed)) return { lastName: trimmed.slice(0, 1), firstName: trimmed.slice(1) };
  const at = trimmed.lastIndexOf(' ');
  return at < 0 ? { firstName: trimmed, lastName: '' } : { firstName: trimmed.slice(0, at), lastName: trimmed.slice(at + 1) };
}

const COUNTRY_CODES = new Set(knownCountryCodes());

/** Envoy's `countryCode` sits beside `phone` and may be a dialling code: only an ISO 3166 code becomes the address's. */
function isoCountry(code: string | undefined): string | undefined {
  const upper = code?.trim().toUpperCase();
  return upper !== undefined && COUNTRY_CODES.has(upper) ? upper : undefined;
}

function partyOf(person: EnvoyPerson, field: string): Party | undefined {
  const name = personName(person);
  if (name === '') return undefined;
  const email = person.email?.includes('@') === true ? person.email : undefined;
  const input: PartyInput = {
    name,
    // Envoy has one phone number; Chinese consumer numbers are mobiles.
    mobile: person.phone,
    email,
    idNumber: person.tin ?? person.chineseId,
    address: {
      country: person.country,
      countryCode: isoCountry(person.countryCode),
      province: person.state,
      city: person.city,
      street: person.address1,
      addressLine2: person.address2,
      postcode: person.zip,
    },
  };
  return createParty(input, field);
}

function money(amount: string | undefined, currency: string): Money {
  return Money.of(amount ?? '0', currency);
}

function mapLine(item: EnvoyOrderItem, index: number, currency: string): OrderLineInput {
  const sku = item.product.skus[0];
  if (sku === undefined || sku.skuNumber.trim() === '')
    throw unmappable(`items[${index}].product.skus[0].skuNumber names the bought SKU and is missing`);
  const unitPrice = money(item.price ?? sku.price ?? item.product.price, currency);
  const barcode = sku.barcode ?? item.product.barcode;
  return {
    lineId: String(index + 1),
    sku: {
      sku: sku.skuNumber,
      barcodes: barcode === undefined || barcode === '' ? [] : [barcode],
      itemNumbers: { [ITEM_NUMBER_PRODUCT_ID]: item.product.productId },
    },
    title: item.product.name ?? item.product.nameEn,
    quantity: item.quantity,
    unitPrice,
    // "unit discount" per the document; the canonical discount is the line's.
    discount: money(item.discount, currency).multiply(item.quantity),
    // "The tax of current product": the line's (codes.ts ENVOY_ITEM_TAX_IS_PER_LINE).
    tax: money(item.tax, currency),
  };
}

/** An Envoy order as the engine takes it in; `externalOrderNumber` is the platform's `clientOrderRef`. */
export function mapEnvoyOrder(order: EnvoyOrder, connectionName: string): SourcedOrder {
  const externalOrderNumber = order.clientOrderRef ?? order.orderId;
  if (externalOrderNumber === undefined || externalOrderNumber.trim() === '')
    throw unmappable('the order has neither clientOrderRef nor orderId');
  const currency = canonicalCurrency(order.currency);
  const lines = order.items.map((item, index) => mapLine(item, index, currency));
  const consignee = order.customer === undefined ? undefined : partyOf(order.customer, 'customer');
  if (consignee === undefined) throw unmappable(`order ${externalOrderNumber} has no consignee name (customer.firstName/lastName)`);
  const buyer = order.payer === undefined ? undefined : partyOf(order.payer, 'payer');
  const createdText = order.createdAt ?? order.updatedAt;
  if (createdText === undefined) throw unmappable(`order ${externalOrderNumber} has no createdAt`);
  const zero = Money.zero(currency);
  const items = Money.sum(
    currency,
    lines.map((line) => line.unitPrice.multiply(line.quantity)),
  );
  const lineTax = Money.sum(
    currency,
    lines.map((line) => line.tax ?? zero),
  );
  const lineDiscount = Money.sum(
    currency,
    lines.map((line) => line.discount ?? zero),
  );
  const shipping = money(order.shippingCost, currency);
  const tax = (order.productsTotalTax === undefined ? lineTax : money(order.productsTotalTax, currency)).add(
    money(order.shippingTax, currency),
  );
  const discount = lineDiscount.add(money(order.nonCashDeductionAmount, currency));
  const totalPaid = order.payAmount === undefined ? items.add(shipping).add(tax).subtract(discount) : money(order.payAmount, currency);
  const paidAt = optionalTime(order.paidAt, 'paidAt');
  const meaning = envoyStatusMeaning(order.status);
  return {
    order: dropUndefined({
      source: { connectionName, externalOrderNumber },
      lines,
      amounts: { items, shipping, tax, discount, totalPaid },
      buyer,
      consignee,
      payment:
        order.payMethod === undefined || order.payMethod === ''
          ? undefined
          : dropUndefined({ method: order.payMethod, paymentNumber: order.payId ?? order.paymentPayId, paidAt }),
      createdAt: parseEnvoyTime(createdText, 'createdAt'),
      paidAt,
      updatedAt: optionalTime(order.updatedAt, 'updatedAt'),
    }),
    sourceStatus: order.status ?? '',
    // The key of the engine's order-statuses table (nomad-envoy.mapping-defaults.ts), where ops may re-map it.
    ...(order.status === undefined || order.status === '' ? {} : { statusKey: `nomad-envoy:${order.status}` }),
    cancellationRequested: meaning?.cancellationRequested ?? false,
    cancelled: meaning?.cancelled ?? false,
    raw: order,
  };
}

function personOf(party: Party): EnvoyPerson {
  const { firstName, lastName } = splitName(party.name);
  const street = [party.address.district, party.address.street].filter((part) => part !== undefined && part !== '').join(' ');
  return dropUndefined({
    firstName,
    lastName,
    // Envoy has no district: it leads the first address line.
    address1: street === '' ? undefined : street,
    address2: party.address.addressLine2,
    city: party.address.city,
    state: party.address.province,
    country: party.address.country,
    zip: party.address.postcode,
    tin: party.idNumber,
    phone: party.mobile ?? party.phone,
    countryCode: party.address.countryCode,
    email: party.email,
    // Deprecated in favour of `tin`, still sent for servers that read only the old field.
    chineseId: party.idNumber,
  });
}

/**
 * A line as Envoy items. Envoy carries a *unit* discount: when the line's discount does not divide
 * by the quantity to the cent, the line becomes two items whose unit discounts differ by one cent,
 * so the order still adds up exactly. The line's tax is shared between them in proportion.
 */
function envoyItems(line: OrderSnapshot['lines'][number], skuNumbers?: ReadonlyMap<string, string>): EnvoyOrderItem[] {
  const currency = line.unitPrice.currency;
  const discount = (line.discount ?? Money.zero(currency)).round();
  const tax = (line.tax ?? Money.zero(currency)).round();
  const units = discount.allocate(line.quantity);
  const first = units[0] ?? Money.zero(currency);
  const higher = units.filter((unit) => unit.equals(first)).length;
  const groups =
    higher === units.length
      ? [{ quantity: units.length, unit: first }]
      : [
          { quantity: higher, unit: first },
          { quantity: units.length - higher, unit: units[units.length - 1] ?? first },
        ];
  const taxes = groups.length === 1 ? [tax] : tax.allocateByRatios(groups.map((group) => group.quantity));
  const barcode = line.sku.barcodes?.[0];
  const productId = line.sku.itemNumbers?.[ITEM_NUMBER_PRODUCT_ID] ?? undefined;
  return groups.map((group, index) => ({
    product: dropUndefined({
      productId,
      name: line.title ?? line.sku.sku,
      skus: [dropUndefined({ skuNumber: skuNumbers?.get(line.sku.sku) ?? line.sku.sku, barcode, price: line.unitPrice.amount })],
      currency: envoyCurrency(currency),
    }),
    quantity: group.quantity,
    price: line.unitPrice.amount,
    discount: group.unit.amount,
    tax: (taxes[index] ?? Money.zero(currency)).amount,
  }));
}

export interface EnvoyOrderOptions {
  readonly platformName?: EnvoyPlatformName;
  /** Envoy's own SKU numbers by canonical SKU (the engine's SKU cross-reference); others are sent as the canonical SKU. */
  readonly skuNumbers?: ReadonlyMap<string, string>;
}

/** The create body for a canonical order; the engine's idempotency rests on `clientOrderRef`. */
export function toEnvoyOrder(order: OrderSnapshot, options: EnvoyOrderOptions = {}): EnvoyCreateOrderBody {
  const currency = order.amounts.totalPaid.currency;
  const zero = Money.zero(currency);
  const lineTax = Money.sum(
    currency,
    order.lines.map((line) => line.tax ?? zero),
  );
  const lineDiscount = Money.sum(
    currency,
    order.lines.map((line) => line.discount ?? zero),
  );
  const orderTax = order.amounts.tax ?? zero;
  const orderDiscount = order.amounts.discount ?? zero;
  const shippingTax = orderTax.subtract(lineTax);
  const nonCash = orderDiscount.subtract(lineDiscount);
  const paidAt = order.payment?.paidAt ?? order.paidAt;
  return dropUndefined({
    clientOrderRef: order.source.externalOrderNumber,
    platformName: options.platformName,
    isSubOrder: false,
    isDistributionOrder: false,
    orderType: 'DEFAULT',
    items: order.lines.flatMap((line) => envoyItems(line, options.skuNumbers)),
    customer: personOf(order.consignee),
    payer: order.buyer === undefined ? undefined : personOf(order.buyer),
    status: CANONICAL_TO_ENVOY_STATUS[order.status],
    currency: envoyCurrency(currency),
    createdAt: formatIsoInZone(order.createdAt, CHINA_STANDARD_TIME),
    payMethod: order.payment?.method,
    payId: order.payment?.paymentNumber,
    paidAt: paidAt === undefined ? undefined : formatIsoInZone(paidAt, CHINA_STANDARD_TIME),
    payAmount: order.amounts.totalPaid.amount,
    productsTotalTax: lineTax.amount,
    shippingCost: (order.amounts.shipping ?? zero).amount,
    shippingTax: (shippingTax.isNegative() ? zero : shippingTax).amount,
    nonCashDeductionAmount: (nonCash.isNegative() ? zero : nonCash).amount,
  });
}
