import { Injectable } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { Money } from '@serai/domain';
import { OrderListRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ListOrdersQuery } from './list-orders.query';
import { OrderPageDto } from './order-summary.dto';
import { decodeCursor, encodeCursor } from './page-cursor';

@Injectable()
export class OrderQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderListRepository,
  ) {}

  async listOrders(query: ListOrdersQuery): Promise<OrderPageDto> {
    const createdFrom = query.createdFrom ? new Date(query.createdFrom) : undefined;
    const createdTo = query.createdTo ? new Date(query.createdTo) : undefined;
    if (createdFrom && createdTo && createdFrom >= createdTo) {
      throw new RequestValidationError([{ field: 'createdTo', reason: 'must be later than createdFrom' }]);
    }
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const { rows, next } = await this.orders.page(
      this.dataSource.manager,
      { status: query.status, connectionName: query.connection, externalOrderNumber: query.externalOrderNumber, createdFrom, createdTo },
      query.limit,
      after,
    );
    return {
      data: rows.map((row) => ({
        id: row.id,
        status: row.status,
        onHold: row.onHold,
        source: { connection: row.sourceConnectionName, externalOrderNumber: row.externalOrderNumber },
        totalPaid: Money.of(row.totalPaid, row.currency).toJSON(),
        placedAt: row.placedAt.toISOString(),
        paidAt: row.paidAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      })),
      page: { limit: query.limit, nextCursor: next ? encodeCursor(next) : null },
    };
  }
}
