import { EntityManager } from 'typeorm';
import { rowsOf } from '../pool-sql-runner';
import type { SqlRunner } from './webhook-inbox.repository';

export interface OrderListFilter {
  readonly status?: readonly string[];
  readonly connectionName?: string;
  /** The order's number in its source, or the id any other system gave it (external_ref). */
  readonly externalOrderNumber?: string;
  /** Orders with a line of this SKU. */
  readonly sku?: string;
  /** Keyed digest of a phone (PiiDigest): orders whose buyer or consignee has it. */
  readonly phoneDigest?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  readonly paidFrom?: Date;
  readonly paidTo?: Date;
  readonly updatedFrom?: Date;
  readonly updatedTo?: Date;
}

/**
 * Position after the last row of a page: (created_at, id) in descending order. `createdAt` is the
 * timestamp as PostgreSQL holds it, to the microsecond (a JS Date would cut it to the millisecond,
 * and rows stored within one millisecond would be skipped).
 */
export interface OrderKeyset {
  readonly createdAt: string;
  readonly id: string;
}

/** created_at to the microsecond, in UTC, as a cursor carries it. */
export const KEYSET_TIMESTAMP = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface OrderSummaryRow {
  readonly id: string;
  readonly sourceConnectionName: string;
  readonly externalOrderNumber: string;
  readonly status: string;
  readonly onHold: boolean;
  readonly currency: string;
  readonly totalPaid: string;
  /** Instants as ISO 8601 text in UTC, to the millisecond (`Date.toISOString()`'s form). */
  readonly placedAt: string;
  readonly paidAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A runner with `isoTimestamps` answers ISO text already; any other a Date. */
const isoOf = (value: Date | string): string => (typeof value === 'string' ? value : value.toISOString());

interface RawSummary {
  id: string;
  source_connection_name: string;
  external_order_number: string;
  status: string;
  on_hold: boolean;
  currency: string;
  total_paid: string;
  placed_at: Date | string;
  paid_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  keyset_at: string;
}

/**
 * The SQL of one page (exported so the benchmark's bare server runs exactly the same statement).
 * Every filter is a parameter; the keyset `(created_at, id) < cursor` and ORDER BY match the
 * indexes sales_order_keyset, sales_order_status_keyset and sales_order_connection_keyset. With a
 * SKU, the page walks sales_order_line_sku_keyset instead: the SKU's distinct orders, already in
 * keyset order (each line carries its order's created_at), so a page reads `limit + 1` index
 * entries at any depth, and the order rows are joined to those alone.
 */
export function orderPageQuery(filter: OrderListFilter, limit: number, after?: OrderKeyset): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  // The keyset columns: the order's own, or their copies on the SKU's lines (equal, by a foreign key).
  // The inner ORDER BY changes no result (the outer one decides); it has PostgreSQL make the
  // DISTINCT walk the index in the page's order, so the outer LIMIT stops the walk.
  let from = 'sales_order o';
  let keyset = { at: 'o.created_at', id: 'o.id' };
  if (filter.sku) {
    from = `(SELECT DISTINCT order_created_at, order_id FROM sales_order_line WHERE sku = ${param(filter.sku)}
               ORDER BY order_created_at DESC, order_id DESC) k
        JOIN sales_order o ON o.id = k.order_id`;
    keyset = { at: 'k.order_created_at', id: 'k.order_id' };
  }
  if (filter.status && filter.status.length > 0) where.push(`o.status = ANY(${param(filter.status)}::text[])`);
  if (filter.connectionName) where.push(`o.source_connection_name = ${param(filter.connectionName)}`);
  if (filter.externalOrderNumber) {
    const number = param(filter.externalOrderNumber);
    where.push(
      `(o.external_order_number = ${number} OR o.id IN (SELECT entity_id::uuid FROM external_ref WHERE entity_type = 'order' AND external_id = ${number}))`,
    );
  }
  if (filter.phoneDigest) {
    const digest = param(filter.phoneDigest);
    where.push(`(o.buyer_phone_digest = ${digest} OR o.consignee_phone_digest = ${digest})`);
  }
  if (filter.createdFrom) where.push(`o.created_at >= ${param(filter.createdFrom)}`);
  if (filter.createdTo) where.push(`o.created_at < ${param(filter.createdTo)}`);
  if (filter.paidFrom) where.push(`o.paid_at >= ${param(filter.paidFrom)}`);
  if (filter.paidTo) where.push(`o.paid_at < ${param(filter.paidTo)}`);
  if (filter.updatedFrom) where.push(`o.updated_at >= ${param(filter.updatedFrom)}`);
  if (filter.updatedTo) where.push(`o.updated_at < ${param(filter.updatedTo)}`);
  if (after) where.push(`(${keyset.at}, ${keyset.id}) < (${param(after.createdAt)}, ${param(after.id)}::uuid)`);
  const sql = `
      SELECT o.id, o.source_connection_name, o.external_order_number, o.status, o.on_hold, o.currency, o.total_paid,
             o.placed_at, o.paid_at, o.created_at, o.updated_at, ${KEYSET_TIMESTAMP('o.created_at')} AS keyset_at
        FROM ${from}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${keyset.at} DESC, ${keyset.id} DESC
       LIMIT ${param(limit + 1)}`;
  return { sql, params };
}

/**
 * Keyset pagination over orders, newest first: the page after a cursor costs the same at any
 * depth, unlike OFFSET. Fetches one row more than asked to know whether a next page exists.
 */
export class OrderListRepository {
  async page(
    db: EntityManager | SqlRunner,
    filter: OrderListFilter,
    limit: number,
    after?: OrderKeyset,
  ): Promise<{ rows: OrderSummaryRow[]; next?: OrderKeyset }> {
    const { sql, params } = orderPageQuery(filter, limit, after);
    const raw = rowsOf<RawSummary>(await db.query(sql, params));
    const page = raw.slice(0, limit);
    const rows = page.map((r) => ({
      id: r.id,
      sourceConnectionName: r.source_connection_name,
      externalOrderNumber: r.external_order_number,
      status: r.status,
      onHold: r.on_hold,
      currency: r.currency.trim(),
      totalPaid: r.total_paid,
      placedAt: isoOf(r.placed_at),
      paidAt: r.paid_at === null ? null : isoOf(r.paid_at),
      createdAt: isoOf(r.created_at),
      updatedAt: isoOf(r.updated_at),
    }));
    const last = page[page.length - 1];
    return { rows, next: raw.length > limit && last ? { createdAt: last.keyset_at, id: last.id } : undefined };
  }
}
