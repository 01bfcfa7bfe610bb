import { ORDER_STATUSES } from '../order/order-status';
import { PRICE_KINDS } from '../price/price-kind';
import { RETURN_STATUSES } from '../returns/return-status';
import { SHIPMENT_STATUSES } from '../shipment/shipment-status';
import type { DomainEventType, EventOfType } from './domain-event';

/** Shape of one JSON value, just enough to check an event read back from storage. */
export type ValueSpec =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'money'
  | 'instant'
  | { readonly oneOf: readonly string[] }
  | { readonly nullable: ValueSpec }
  | { readonly arrayOf: ValueSpec }
  | { readonly object: Readonly<Record<string, ValueSpec>> };

// `-?` makes the compiler insist that every payload field has a spec, so a field added to an
// event type cannot be forgotten here.
type PayloadSpec<Payload> = { readonly [Field in keyof Payload]-?: ValueSpec };

export interface EventSchema<T extends DomainEventType> {
  readonly aggregateType: EventOfType<T>['aggregateType'];
  readonly payload: PayloadSpec<EventOfType<T>['payload']>;
}

const orderStatus = { oneOf: ORDER_STATUSES };
const statusChange = { from: orderStatus, to: orderStatus } as const;
const shipmentChange = {
  ...statusChange,
  shipmentId: 'string',
  carrierCode: 'string',
  trackingNumber: 'string',
  lines: { arrayOf: { object: { lineId: 'string', quantity: 'integer' } } },
} as const;
const stockCounts = { onHand: 'integer', available: 'integer', reserved: 'integer' } as const;

export const EVENT_SCHEMAS: { readonly [T in DomainEventType]: EventSchema<T> } = {
  OrderReceived: {
    aggregateType: 'Order',
    payload: {
      source: { object: { connectionName: 'string', externalOrderNumber: 'string' } },
      status: orderStatus,
      totalPaid: 'money',
      lines: { arrayOf: { object: { lineId: 'string', sku: 'string', quantity: 'integer' } } },
    },
  },
  OrderAcknowledged: { aggregateType: 'Order', payload: statusChange },
  OrderForwarded: { aggregateType: 'Order', payload: statusChange },
  OrderShipped: { aggregateType: 'Order', payload: shipmentChange },
  OrderPartiallyShipped: { aggregateType: 'Order', payload: shipmentChange },
  OrderDelivered: { aggregateType: 'Order', payload: statusChange },
  OrderCancellationRequested: { aggregateType: 'Order', payload: { ...statusChange, reason: 'string' } },
  OrderCancelled: {
    aggregateType: 'Order',
    payload: { ...statusChange, reason: 'string', initiatedBy: { oneOf: ['marketplace', 'brand'] } },
  },
  OrderCancellationRefused: { aggregateType: 'Order', payload: { ...statusChange, resumes: orderStatus } },
  OrderHeld: { aggregateType: 'Order', payload: { status: orderStatus, reason: 'string' } },
  OrderSystemStatusReported: {
    aggregateType: 'Order',
    payload: {
      connectionName: 'string',
      sourceStatus: 'string',
      closedThere: 'boolean',
      sourceUpdatedAt: { nullable: 'instant' },
      status: orderStatus,
    },
  },
  OrderReleased: { aggregateType: 'Order', payload: { status: orderStatus, heldFor: 'string' } },
  InventoryChanged: {
    aggregateType: 'InventoryLevel',
    payload: {
      ...stockCounts,
      sku: 'string',
      locationId: 'string',
      cause: { oneOf: ['adjustment', 'reservation', 'release', 'shipment', 'snapshot'] },
      delta: { object: stockCounts },
      asOf: 'instant',
    },
  },
  ProductPublished: { aggregateType: 'Product', payload: { productId: 'string', skus: { arrayOf: 'string' } } },
  SkuEnabledChanged: { aggregateType: 'Product', payload: { productId: 'string', sku: 'string', enabled: 'boolean' } },
  PriceChanged: {
    aggregateType: 'Price',
    payload: {
      sku: 'string',
      kind: { oneOf: PRICE_KINDS },
      amount: 'money',
      previous: { nullable: 'money' },
      asOf: 'instant',
    },
  },
  ShipmentRecorded: {
    aggregateType: 'Shipment',
    payload: {
      orderId: 'string',
      carrierCode: 'string',
      trackingNumber: 'string',
      status: { oneOf: SHIPMENT_STATUSES },
      lines: {
        arrayOf: { object: { lineId: { nullable: 'string' }, sku: { nullable: 'string' }, quantity: 'integer' } },
      },
      shippedAt: { nullable: 'instant' },
    },
  },
  ReturnReceived: {
    aggregateType: 'Return',
    payload: {
      returnNumber: 'string',
      orderId: { nullable: 'string' },
      status: { oneOf: RETURN_STATUSES },
      refundTotal: 'money',
      lines: { arrayOf: { object: { sku: 'string', quantity: 'integer', refund: 'money' } } },
    },
  },
  ReturnStatusChanged: {
    aggregateType: 'Return',
    payload: {
      returnNumber: 'string',
      from: { oneOf: RETURN_STATUSES },
      to: { oneOf: RETURN_STATUSES },
      reason: { nullable: 'string' },
    },
  },
};

export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as DomainEventType[];
