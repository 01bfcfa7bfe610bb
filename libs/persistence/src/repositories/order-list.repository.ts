import { EntityManager } from 'typeorm';

export interface OrderListFilter {
  readonly status?: readonly string[];
  readonly connectionName?: string;
  readonly externalOrderNumber?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
}

/** Position after the last row of a page: (created_at, id) in descending order. */
export interface OrderKeyset {
  readonly createdAt: Date;
  readonly id: string;
}

export interface OrderSummaryRow {
  readonly id: string;
  readonly sourceConnectionName: string;
  readonly externalOrderNumber: string;
  readonly status: string;
  readonly onHold: boolean;
  readonly currency: string;
  readonly totalPaid: string;
  readonly placedAt: Date;
  readonly paidAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface RawSummary {
  id: string;
  source_connection_name: string;
  external_order_number: string;
  status: string;
  on_hold: boolean;
  currency: string;
  total_paid: string;
  placed_at: Date;
  paid_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Keyset pagination over orders, newest first: the page after a cursor costs the same at any
 * depth, unlike OFFSET. Fetches one row more than asked to know whether a next page exists.
 */
export class OrderListRepository {
  async page(
    db: EntityManager,
    filter: OrderListFilter,
    limit: number,
    after?: OrderKeyset,
  ): Promise<{ rows: OrderSummaryRow[]; next?: OrderKeyset }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status && filter.status.length > 0) where.push(`status = ANY(${param(filter.status)}::text[])`);
    if (filter.connectionName) where.push(`source_connection_name = ${param(filter.connectionName)}`);
    if (filter.externalOrderNumber) where.push(`external_order_number = ${param(filter.externalOrderNumber)}`);
    if (filter.createdFrom) where.push(`created_at >= ${param(filter.createdFrom)}`);
    if (filter.createdTo) where.push(`created_at < ${param(filter.createdTo)}`);
    if (after) where.push(`(created_at, id) < (${param(after.createdAt)}, ${param(after.id)}::uuid)`);
    const sql = `
      SELECT id, source_connection_name, external_order_number, status, on_hold, currency, total_paid,
             placed_at, paid_at, created_at, updated_at
        FROM sales_order
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id DESC
       LIMIT ${param(limit + 1)}`;
    const raw = (await db.query(sql, params)) as RawSummary[];
    const rows = raw.slice(0, limit).map((r) => ({
      id: r.id,
      sourceConnectionName: r.source_connection_name,
      externalOrderNumber: r.external_order_number,
      status: r.status,
      onHold: r.on_hold,
      currency: r.currency.trim(),
      totalPaid: r.total_paid,
      placedAt: r.placed_at,
      paidAt: r.paid_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
    const last = rows[rows.length - 1];
    return { rows, next: raw.length > limit && last ? { createdAt: last.createdAt, id: last.id } : undefined };
  }
}
