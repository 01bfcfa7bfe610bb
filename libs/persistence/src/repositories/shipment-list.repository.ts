import { EntityManager } from 'typeorm';
import { KEYSET_TIMESTAMP } from './order-list.repository';

export interface ShipmentListFilter {
  readonly status?: readonly string[];
  readonly orderId?: string;
  readonly carrierCode?: string;
  readonly trackingNumber?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  readonly shippedFrom?: Date;
  readonly shippedTo?: Date;
}

/** As OrderKeyset: created_at to the microsecond, and the id. */
export interface ShipmentKeyset {
  readonly createdAt: string;
  readonly id: string;
}

export interface ShipmentRow {
  readonly id: string;
  readonly orderId: string;
  readonly orderSource: { readonly connection: string; readonly externalOrderNumber: string };
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly status: string;
  readonly shippedAt: Date | null;
  /** The connection that reported it; null for a manual shipment or a deleted connection. */
  readonly reportedBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
}

interface Raw {
  id: string;
  order_id: string;
  source_connection_name: string;
  external_order_number: string;
  carrier_code: string;
  tracking_number: string;
  status: string;
  shipped_at: Date | null;
  reported_by: string | null;
  created_at: Date;
  updated_at: Date;
  lines: { sku: string; quantity: number }[];
  keyset_at: string;
}

const SELECT = `
  SELECT s.id, s.order_id, o.source_connection_name, o.external_order_number, s.carrier_code, s.tracking_number, s.status,
         s.shipped_at, c.name AS reported_by, s.created_at, s.updated_at, ${KEYSET_TIMESTAMP('s.created_at')} AS keyset_at,
         (SELECT coalesce(json_agg(json_build_object('sku', sl.sku, 'quantity', sl.quantity) ORDER BY sl.line_no), '[]'::json)
            FROM shipment_line sl WHERE sl.shipment_id = s.id) AS lines
    FROM shipment s
    JOIN sales_order o ON o.id = s.order_id
    LEFT JOIN connection c ON c.id = s.source_connection_id`;

function toRow(r: Raw): ShipmentRow {
  return {
    id: r.id,
    orderId: r.order_id,
    orderSource: { connection: r.source_connection_name, externalOrderNumber: r.external_order_number },
    carrierCode: r.carrier_code,
    trackingNumber: r.tracking_number,
    status: r.status,
    shippedAt: r.shipped_at,
    reportedBy: r.reported_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lines: r.lines,
  };
}

/** Shipments newest first with keyset pagination on (created_at, id), like orders. */
export class ShipmentListRepository {
  async page(
    db: EntityManager,
    filter: ShipmentListFilter,
    limit: number,
    after?: ShipmentKeyset,
  ): Promise<{ rows: ShipmentRow[]; next?: ShipmentKeyset }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status && filter.status.length > 0) where.push(`s.status = ANY(${param(filter.status)}::text[])`);
    if (filter.orderId) where.push(`s.order_id = ${param(filter.orderId)}::uuid`);
    if (filter.carrierCode) where.push(`s.carrier_code = ${param(filter.carrierCode)}`);
    if (filter.trackingNumber) where.push(`s.tracking_number = ${param(filter.trackingNumber)}`);
    if (filter.createdFrom) where.push(`s.created_at >= ${param(filter.createdFrom)}`);
    if (filter.createdTo) where.push(`s.created_at < ${param(filter.createdTo)}`);
    if (filter.shippedFrom) where.push(`s.shipped_at >= ${param(filter.shippedFrom)}`);
    if (filter.shippedTo) where.push(`s.shipped_at < ${param(filter.shippedTo)}`);
    if (after) where.push(`(s.created_at, s.id) < (${param(after.createdAt)}::timestamptz, ${param(after.id)}::uuid)`);
    const raw = (await db.query(
      `${SELECT}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.created_at DESC, s.id DESC
       LIMIT ${param(limit + 1)}`,
      params,
    )) as Raw[];
    const page = raw.slice(0, limit);
    const last = page[page.length - 1];
    return { rows: page.map(toRow), next: raw.length > limit && last ? { createdAt: last.keyset_at, id: last.id } : undefined };
  }

  async findById(db: EntityManager, id: string): Promise<ShipmentRow | undefined> {
    const [raw] = (await db.query(`${SELECT} WHERE s.id = $1`, [id])) as Raw[];
    return raw ? toRow(raw) : undefined;
  }
}
