// Public surface of @serai/domain. Everything else under src/ is internal to the library.

// Errors
export { DomainError } from './errors/domain-error';
export { IllegalTransition } from './errors/illegal-transition.error';
export { InvariantViolation } from './errors/invariant-violation.error';
export { CurrencyMismatch } from './errors/currency-mismatch.error';
export { InsufficientStock } from './errors/insufficient-stock.error';

// Money
export { Money } from './money/money';
export type { MoneyJson, RoundingMode } from './money/money';
export { minorUnitDigits, requireCurrencyCode } from './money/currency';

// Time
export { Instant } from './time/instant';
export { CHINA_STANDARD_TIME, UTC, formatOffset, offsetMinutes } from './time/utc-offset';
export type { UtcOffset } from './time/utc-offset';
export { formatInZone, formatIsoInZone, parseProviderLocalTime } from './time/zoned-time';

// Countries, parties, SKU references
export { knownCountryCodes, normalizeCountryCode } from './country/country-code';
export { createAddress } from './party/address';
export type { Address, AddressInput } from './party/address';
export { PII_FIELDS, createParty } from './party/party';
export type { Party, PartyInput } from './party/party';
export { maskEmail, maskIdNumber, maskName, maskParty, maskPhone } from './party/party-masking';
export { createSkuRef, sameSku } from './sku/sku-ref';
export type { ItemNumberSystem, SkuRef, SkuRefInput } from './sku/sku-ref';

// Order
export { Order } from './order/order';
export type {
  CancellationInitiator,
  OrderCancellation,
  OrderHold,
  OrderSnapshot,
  OrderSource,
  Payment,
  ReceiveOrderInput,
} from './order/order';
export { OrderLine } from './order/order-line';
export type { OrderLineInput } from './order/order-line';
export type { AmountDiscrepancy, OrderAmounts, OrderAmountsInput } from './order/order-amounts';
export {
  ORDER_ACTIONS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  TERMINAL_ORDER_STATUSES,
  effectiveOrderStatus,
  isOrderStatus,
  isOrderTransitionAllowed,
  orderTransitionTargets,
} from './order/order-status';
export type { OrderAction, OrderStatus, OrderTransitionRule } from './order/order-status';

// Catalogue
export { Product } from './product/product';
export type { ProductInput, ProductSnapshot } from './product/product';
export { createSku } from './product/sku';
export type { Sku, SkuInput, SkuPrices } from './product/sku';
export { createProductTitles } from './product/product-titles';
export type { ProductTitles } from './product/product-titles';
export { WEIGHT_UNITS, Weight } from './product/weight';
export type { WeightJson, WeightUnit } from './product/weight';
export { Dimensions, LENGTH_UNITS } from './product/dimensions';
export type { DimensionsJson, LengthUnit } from './product/dimensions';
export { createCustomsInfo } from './product/customs-info';
export type { CustomsInfo, CustomsInfoInput } from './product/customs-info';

// Inventory and prices
export { InventoryLevel } from './inventory/inventory-level';
export type { InventoryLevelInput, InventoryLevelSnapshot } from './inventory/inventory-level';
export { Price } from './price/price';
export type { PriceInput } from './price/price';
export { PRICE_KINDS } from './price/price-kind';
export type { PriceKind } from './price/price-kind';

// Shipments and returns
export { Shipment } from './shipment/shipment';
export type { ShipmentInput, ShipmentLine, ShipmentSnapshot } from './shipment/shipment';
export {
  SHIPMENT_STATUSES,
  SHIPMENT_STATUS_RANK,
  hasLeftWarehouse,
  isForwardMove,
  isShipmentStatus,
  isTerminalShipmentStatus,
} from './shipment/shipment-status';
export type { ShipmentStatus } from './shipment/shipment-status';
export { Return } from './returns/return';
export type { ReceiveReturnInput, ReturnLine, ReturnParcel, ReturnSnapshot } from './returns/return';
export { RETURN_STATUSES, RETURN_TRANSITIONS, isReturnStatus, isReturnTransitionAllowed } from './returns/return-status';
export type { ReturnStatus } from './returns/return-status';

// Domain events
export type {
  AggregateType,
  DomainEvent,
  DomainEventType,
  EventOfType,
  InventoryChangeCause,
  InventoryChanged,
  OrderAcknowledged,
  OrderCancellationRefused,
  OrderCancellationRequested,
  OrderCancelled,
  OrderDelivered,
  OrderEvent,
  OrderForwarded,
  OrderHeld,
  OrderLineQuantityJson,
  OrderPartiallyShipped,
  OrderReceived,
  OrderReleased,
  OrderShipmentChange,
  OrderShipped,
  OrderSourceJson,
  OrderStatusChange,
  OrderSystemStatusReported,
  PriceChanged,
  ProductPublished,
  ReturnReceived,
  SkuEnabledChanged,
  ReturnStatusChanged,
  ShipmentLineJson,
  ShipmentRecorded,
  StockCountsJson,
} from './events/domain-event';
export { DOMAIN_EVENT_TYPES } from './events/event-schemas';
export { deserializeEvent, parseDomainEvent, serializeEvent } from './events/event-serialization';
