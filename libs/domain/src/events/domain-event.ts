import type { MoneyJson } from '../money/money';
import type { OrderStatus } from '../order/order-status';
import type { PriceKind } from '../price/price-kind';
import type { ReturnStatus } from '../returns/return-status';
import type { ShipmentStatus } from '../shipment/shipment-status';

/**
 * Domain events are plain JSON values (amounts as MoneyJson, times as UTC ISO strings, absent
 * values as null), so an event written to the outbox reads back identical and needs no class.
 */
export type AggregateType = 'Order' | 'InventoryLevel' | 'Product' | 'Price' | 'Shipment' | 'Return';

interface Event<Type extends string, Aggregate extends AggregateType, Payload> {
  readonly type: Type;
  readonly aggregateType: Aggregate;
  /**
   * Order, Shipment, Return: their UUID; Product: its id; InventoryLevel: "sku@locationId";
   * Price: "sku:kind".
   */
  readonly aggregateId: string;
  /** UTC ISO-8601, e.g. "2024-09-01T02:00:00.000Z". */
  readonly occurredAt: string;
  readonly payload: Payload;
}

export interface OrderStatusChange {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
}

export interface OrderSourceJson {
  readonly connectionName: string;
  readonly externalOrderNumber: string;
}

export interface OrderLineQuantityJson {
  readonly lineId: string;
  readonly quantity: number;
}

export interface OrderShipmentChange extends OrderStatusChange {
  readonly shipmentId: string;
  readonly carrierCode: string;
  readonly trackingNumber: string;
  /** Order lines this shipment covered, with the quantities it took. */
  readonly lines: readonly OrderLineQuantityJson[];
}

export type OrderReceived = Event<
  'OrderReceived',
  'Order',
  {
    readonly source: OrderSourceJson;
    readonly status: OrderStatus;
    readonly totalPaid: MoneyJson;
    readonly lines: readonly { readonly lineId: string; readonly sku: string; readonly quantity: number }[];
  }
>;
export type OrderAcknowledged = Event<'OrderAcknowledged', 'Order', OrderStatusChange>;
export type OrderForwarded = Event<'OrderForwarded', 'Order', OrderStatusChange>;
export type OrderShipped = Event<'OrderShipped', 'Order', OrderShipmentChange>;
export type OrderPartiallyShipped = Event<'OrderPartiallyShipped', 'Order', OrderShipmentChange>;
export type OrderDelivered = Event<'OrderDelivered', 'Order', OrderStatusChange>;
export type OrderCancellationRequested = Event<'OrderCancellationRequested', 'Order', OrderStatusChange & { readonly reason: string }>;
export type OrderCancelled = Event<
  'OrderCancelled',
  'Order',
  OrderStatusChange & { readonly reason: string; readonly initiatedBy: 'marketplace' | 'brand' }
>;
export type OrderCancellationRefused = Event<'OrderCancellationRefused', 'Order', OrderStatusChange & { readonly resumes: OrderStatus }>;
export type OrderHeld = Event<'OrderHeld', 'Order', { readonly status: OrderStatus; readonly reason: string }>;
export type OrderReleased = Event<'OrderReleased', 'Order', { readonly status: OrderStatus; readonly heldFor: string }>;
/**
 * The order system (Envoy) reports a status for the order that the canonical order does not share
 * (closed, failed or refund asked there while the order is open here). Recorded for people and
 * reconciliation; the canonical status does not move (ADR 0019).
 */
export type OrderSystemStatusReported = Event<
  'OrderSystemStatusReported',
  'Order',
  {
    readonly connectionName: string;
    readonly sourceStatus: string;
    /** The order system closed the order (cancelled or failed) while it is open here. */
    readonly closedThere: boolean;
    readonly sourceUpdatedAt: string | null;
    readonly status: OrderStatus;
  }
>;

export interface StockCountsJson {
  readonly onHand: number;
  readonly available: number;
  readonly reserved: number;
}

export type InventoryChangeCause = 'adjustment' | 'reservation' | 'release' | 'shipment' | 'snapshot';

export type InventoryChanged = Event<
  'InventoryChanged',
  'InventoryLevel',
  StockCountsJson & {
    readonly sku: string;
    readonly locationId: string;
    readonly cause: InventoryChangeCause;
    /** New minus old counts. */
    readonly delta: StockCountsJson;
    readonly asOf: string;
  }
>;

export type ProductPublished = Event<'ProductPublished', 'Product', { readonly productId: string; readonly skus: readonly string[] }>;

/** A SKU taken off sale or put back, everywhere its routes reach (WMS UPDATE_SKU_STATUS). */
export type SkuEnabledChanged = Event<
  'SkuEnabledChanged',
  'Product',
  { readonly productId: string; readonly sku: string; readonly enabled: boolean }
>;

export type PriceChanged = Event<
  'PriceChanged',
  'Price',
  {
    readonly sku: string;
    readonly kind: PriceKind;
    readonly amount: MoneyJson;
    readonly previous: MoneyJson | null;
    readonly asOf: string;
  }
>;

export interface ShipmentLineJson {
  readonly lineId: string | null;
  readonly sku: string | null;
  readonly quantity: number;
}

export type ShipmentRecorded = Event<
  'ShipmentRecorded',
  'Shipment',
  {
    readonly orderId: string;
    readonly carrierCode: string;
    readonly trackingNumber: string;
    readonly status: ShipmentStatus;
    readonly lines: readonly ShipmentLineJson[];
    readonly shippedAt: string | null;
  }
>;

export type ReturnReceived = Event<
  'ReturnReceived',
  'Return',
  {
    readonly returnNumber: string;
    /** Null when the hub does not know the order the return names. */
    readonly orderId: string | null;
    readonly status: ReturnStatus;
    readonly refundTotal: MoneyJson;
    readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly refund: MoneyJson }[];
  }
>;

export type ReturnStatusChanged = Event<
  'ReturnStatusChanged',
  'Return',
  { readonly returnNumber: string; readonly from: ReturnStatus; readonly to: ReturnStatus; readonly reason: string | null }
>;

export type DomainEvent =
  | OrderReceived
  | OrderAcknowledged
  | OrderForwarded
  | OrderShipped
  | OrderPartiallyShipped
  | OrderDelivered
  | OrderCancellationRequested
  | OrderCancelled
  | OrderCancellationRefused
  | OrderHeld
  | OrderReleased
  | OrderSystemStatusReported
  | InventoryChanged
  | ProductPublished
  | SkuEnabledChanged
  | PriceChanged
  | ShipmentRecorded
  | ReturnReceived
  | ReturnStatusChanged;

export type DomainEventType = DomainEvent['type'];

export type OrderEvent = Extract<DomainEvent, { aggregateType: 'Order' }>;

/** The event of one type, e.g. `EventOfType<'OrderShipped'>`. */
export type EventOfType<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
