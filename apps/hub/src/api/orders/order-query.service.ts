import { Injectable } from '@nestjs/common';
import { PiiDigest } from '@serai/common';
import { Money } from '@serai/domain';
import { OrderKeyset, OrderListFilter, OrderListRepository, OrderSummaryRow, poolSqlRunner, SqlRunner } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { ListOrdersQuery } from './list-orders.query';
import { OrderPageDto, OrderSummaryDto } from './order-summary.dto';
import { decodeCursor, encodeCursor } from './page-cursor';

/** Rows read per page while streaming an export. */
const EXPORT_PAGE_SIZE = 1000;

function toSummary(row: OrderSummaryRow): OrderSummaryDto {
  return {
    id: row.id,
    status: row.status,
    onHold: row.onHold,
    source: { connection: row.sourceConnectionName, externalOrderNumber: row.externalOrderNumber },
    totalPaid: Money.of(row.totalPaid, row.currency).toJSON(),
    placedAt: row.placedAt,
    paidAt: row.paidAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const ORDER_EXPORT_COLUMNS: readonly ExportColumn<OrderSummaryDto>[] = [
  { header: 'id', value: (o) => o.id },
  { header: 'status', value: (o) => o.status },
  { header: 'on_hold', value: (o) => o.onHold },
  { header: 'source_connection', value: (o) => o.source.connection },
  { header: 'external_order_number', value: (o) => o.source.externalOrderNumber },
  { header: 'total_paid', value: (o) => o.totalPaid.amount },
  { header: 'currency', value: (o) => o.totalPaid.currency },
  { header: 'placed_at', value: (o) => o.placedAt },
  { header: 'paid_at', value: (o) => o.paidAt },
  { header: 'created_at', value: (o) => o.createdAt },
  { header: 'updated_at', value: (o) => o.updatedAt },
];

@Injectable()
export class OrderQueryService {
  /**
   * Pages are read straight from the pool (no query runner per request), planned per call for
   * their filter values, with timestamps as the ISO text the answer carries (no Date per value).
   */
  private readonly reads: SqlRunner;

  constructor(
    dataSource: DataSource,
    private readonly orders: OrderListRepository,
    private readonly digest: PiiDigest,
  ) {
    this.reads = poolSqlRunner(dataSource, { prepared: false, isoTimestamps: true });
  }

  async listOrders(query: ListOrdersQuery): Promise<OrderPageDto> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const { rows, next } = await this.orders.page(this.reads, this.filterOf(query), query.limit, after);
    return { data: rows.map(toSummary), page: { limit: query.limit, nextCursor: next ? encodeCursor(next) : null } };
  }

  /** Every order the filters match, from `cursor` on, page after page (for CSV / JSON lines). */
  exportOrders(query: ListOrdersQuery): ListExport<OrderSummaryDto> {
    const filter = this.filterOf(query);
    const start = query.cursor ? decodeCursor(query.cursor) : undefined;
    const pages = walkPages<OrderSummaryDto, OrderKeyset>(async (after) => {
      const { rows, next } = await this.orders.page(this.reads, filter, EXPORT_PAGE_SIZE, after ?? start);
      return { rows: rows.map(toSummary), next };
    });
    return { name: 'orders', columns: ORDER_EXPORT_COLUMNS, pages };
  }

  private filterOf(query: ListOrdersQuery): OrderListFilter {
    const date = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));
    return {
      status: query.status,
      connectionName: query.connection,
      externalOrderNumber: query.externalOrderNumber,
      sku: query.sku,
      // The phone itself goes no further than this line: the query carries only its keyed digest.
      phoneDigest: query.phone === undefined ? undefined : this.digest.phone(query.phone),
      createdFrom: date(query.createdFrom),
      createdTo: date(query.createdTo),
      paidFrom: date(query.paidFrom),
      paidTo: date(query.paidTo),
      updatedFrom: date(query.updatedFrom),
      updatedTo: date(query.updatedTo),
    };
  }
}
