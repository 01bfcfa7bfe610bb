import { EntityManager } from 'typeorm';
import { rowsOf } from '../pool-sql-runner';
import type { SqlRunner } from './webhook-inbox.repository';
import type { Party } from '@serai/domain';

export interface OrderDetailLine {
  readonly lineNo: number;
  readonly lineId: string;
  readonly sku: string;
  readonly title: string | null;
  readonly quantity: number;
  readonly shippedQuantity: number;
  /** Decimal text, never a float. */
  readonly unitPrice: string;
  readonly discount: string;
  readonly tax: string;
  /** What the line holds in stock (ADR 0022); null before the order was first stored with its reservations. */
  readonly stock: OrderDetailLineStock | null;
}

export interface OrderDetailLineStock {
  readonly location: string;
  readonly covered: number;
  readonly backordered: number;
  readonly consumed: number;
}

export interface OrderDetailRef {
  readonly connection: string;
  readonly provider: string;
  readonly externalId: string;
  readonly kind: string;
  readonly createdAt: string;
}

export interface OrderDetailShipment {
  readonly id: string;
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly status: string;
  readonly shippedAt: string | null;
  readonly createdAt: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
}

export interface OrderDetailReturn {
  readonly id: string;
  readonly returnNumber: string;
  readonly connection: string;
  readonly status: string;
  readonly refund: string;
  readonly currency: string;
  readonly acknowledgedAt: string | null;
  readonly createdAt: string;
}

export interface OrderDetailRow {
  readonly id: string;
  readonly sourceConnectionName: string;
  readonly externalOrderNumber: string;
  readonly status: string;
  readonly statusChangedAt: Date;
  readonly onHold: boolean;
  readonly holdReason: string | null;
  readonly holdSince: Date | null;
  readonly cancellation: Record<string, unknown> | null;
  readonly currency: string;
  readonly amounts: {
    readonly items: string;
    readonly shipping: string;
    readonly discount: string;
    readonly tax: string;
    readonly totalPaid: string;
  };
  readonly buyer: Party | null;
  readonly consignee: Party;
  readonly payment: Record<string, unknown> | null;
  readonly placedAt: Date;
  readonly paidAt: Date | null;
  readonly sourceUpdatedAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lines: readonly OrderDetailLine[];
  readonly refs: readonly OrderDetailRef[];
  readonly shipments: readonly OrderDetailShipment[];
  readonly returns: readonly OrderDetailReturn[];
}

/**
 * One order with everything about it, in ONE statement (lines, external references, shipments
 * with their lines, returns as JSON aggregates): the detail page costs one round trip. Amounts
 * are cast to text inside the aggregates, because numeric in JSON would be read back as a float.
 */
export const ORDER_DETAIL_SQL = `
  SELECT o.id, o.source_connection_name, o.external_order_number, o.status, o.status_changed_at, o.on_hold, o.hold_reason,
         o.hold_since, o.cancellation, o.currency, o.items_amount::text, o.shipping_amount::text, o.discount_amount::text,
         o.tax_amount::text, o.total_paid::text, o.buyer, o.consignee, o.payment, o.placed_at, o.paid_at, o.source_updated_at,
         o.version, o.created_at, o.updated_at,
         (SELECT coalesce(json_agg(json_build_object('lineNo', l.line_no, 'lineId', l.line_id, 'sku', l.sku, 'title', l.title,
                   'quantity', l.quantity, 'shippedQuantity', l.shipped_quantity, 'unitPrice', l.unit_price::text,
                   'discount', l.discount_amount::text, 'tax', l.tax_amount::text,
                   'stock', CASE WHEN ir.reference IS NULL THEN NULL ELSE json_build_object('location', ir.location, 'covered', ir.covered,
                              'backordered', ir.backordered, 'consumed', ir.consumed) END) ORDER BY l.line_no), '[]'::json)
            FROM sales_order_line l
            LEFT JOIN inventory_reservation ir ON ir.order_id = o.id AND ir.reference = o.id::text || ':' || l.line_id
           WHERE l.order_id = o.id) AS lines,
         (SELECT coalesce(json_agg(json_build_object('connection', c.name, 'provider', c.provider, 'externalId', r.external_id,
                   'kind', r.kind, 'createdAt', r.created_at) ORDER BY r.id), '[]'::json)
            FROM external_ref r JOIN connection c ON c.id = r.connection_id
           WHERE r.entity_type = 'order' AND r.entity_id = o.id::text) AS refs,
         (SELECT coalesce(json_agg(json_build_object('id', s.id, 'carrierCode', s.carrier_code, 'trackingNumber', s.tracking_number,
                   'status', s.status, 'shippedAt', s.shipped_at, 'createdAt', s.created_at,
                   'lines', (SELECT coalesce(json_agg(json_build_object('sku', sl.sku, 'quantity', sl.quantity) ORDER BY sl.line_no), '[]'::json)
                               FROM shipment_line sl WHERE sl.shipment_id = s.id)) ORDER BY s.created_at, s.id), '[]'::json)
            FROM shipment s WHERE s.order_id = o.id) AS shipments,
         (SELECT coalesce(json_agg(json_build_object('id', rr.id, 'returnNumber', rr.return_number, 'connection', rr.source_connection_name,
                   'status', rr.status, 'refund', rr.refund_amount::text, 'currency', rr.currency, 'acknowledgedAt', rr.acknowledged_at,
                   'createdAt', rr.created_at) ORDER BY rr.created_at, rr.id), '[]'::json)
            FROM return_request rr WHERE rr.order_id = o.id) AS returns
    FROM sales_order o
   WHERE o.id = $1`;

interface Raw {
  id: string;
  source_connection_name: string;
  external_order_number: string;
  status: string;
  status_changed_at: Date;
  on_hold: boolean;
  hold_reason: string | null;
  hold_since: Date | null;
  cancellation: Record<string, unknown> | null;
  currency: string;
  items_amount: string;
  shipping_amount: string;
  discount_amount: string;
  tax_amount: string;
  total_paid: string;
  buyer: Party | null;
  consignee: Party;
  payment: Record<string, unknown> | null;
  placed_at: Date;
  paid_at: Date | null;
  source_updated_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  lines: OrderDetailLine[];
  refs: OrderDetailRef[];
  shipments: OrderDetailShipment[];
  returns: OrderDetailReturn[];
}

export class OrderDetailRepository {
  async find(db: EntityManager | SqlRunner, id: string): Promise<OrderDetailRow | undefined> {
    const [r] = rowsOf<Raw>(await db.query(ORDER_DETAIL_SQL, [id]));
    if (!r) return undefined;
    return {
      id: r.id,
      sourceConnectionName: r.source_connection_name,
      externalOrderNumber: r.external_order_number,
      status: r.status,
      statusChangedAt: r.status_changed_at,
      onHold: r.on_hold,
      holdReason: r.hold_reason,
      holdSince: r.hold_since,
      cancellation: r.cancellation,
      currency: r.currency.trim(),
      amounts: {
        items: r.items_amount,
        shipping: r.shipping_amount,
        discount: r.discount_amount,
        tax: r.tax_amount,
        totalPaid: r.total_paid,
      },
      buyer: r.buyer,
      consignee: r.consignee,
      payment: r.payment,
      placedAt: r.placed_at,
      paidAt: r.paid_at,
      sourceUpdatedAt: r.source_updated_at,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lines: r.lines,
      refs: r.refs,
      shipments: r.shipments,
      returns: r.returns,
    };
  }
}
