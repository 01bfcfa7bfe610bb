import { Controller, Get, Injectable, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReturnRepository, ReturnRow } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { RequireScope } from '../../auth/require-scope.decorator';
import { decodeDateCursor as decodeCursor, encodeDateCursor as encodeCursor } from '../../http/date-keyset-cursor';
import { ListReturnsQuery, ReturnDto, ReturnPageDto } from './return.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toReturnDto(row: ReturnRow): ReturnDto {
  return {
    id: row.id,
    returnNumber: row.returnNumber,
    status: row.status,
    source: { connection: row.sourceConnectionName, externalOrderNumber: row.externalOrderNumber },
    orderId: row.orderId,
    refundTotal: row.refundTotal.toJSON(),
    shippingRefund: row.shippingRefund.toJSON(),
    reason: row.reason,
    parcel: row.parcel,
    acknowledgement: { acknowledged: row.acknowledgedAt !== null, at: row.acknowledgedAt?.toISOString() ?? null },
    lines: row.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, refund: line.refund.toJSON() })),
    requestedAt: row.requestedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@Injectable()
export class ReturnsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly returns: ReturnRepository,
  ) {}

  async list(query: ListReturnsQuery): Promise<ReturnPageDto> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const { rows, next } = await this.returns.page(
      this.dataSource.manager,
      {
        status: query.status,
        connectionName: query.connection,
        orderId: query.orderId,
        externalOrderNumber: query.externalOrderNumber,
        returnNumber: query.returnNumber,
        acknowledged: query.acknowledged,
        orderUnknown: query.orderUnknown,
      },
      query.limit,
      after,
    );
    return { data: rows.map(toReturnDto), page: { limit: query.limit, nextCursor: next ? encodeCursor(next) : null } };
  }

  async get(id: string): Promise<ReturnDto> {
    const row = UUID.test(id) ? await this.returns.findById(this.dataSource.manager, id) : undefined;
    if (!row) throw new NotFoundException(`No return has id ${id}`);
    return toReturnDto(row);
  }
}

@ApiTags('returns')
@RequireScope('read')
@Controller('returns')
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  @Get()
  @ApiOperation({ summary: 'List marketplace returns, newest first, with their acknowledgement state (scope: read)' })
  @ApiOkResponse({ type: ReturnPageDto })
  @ApiBadRequestResponse({ description: 'A filter or the cursor is invalid (problem+json naming the field)' })
  list(@Query() query: ListReturnsQuery): Promise<ReturnPageDto> {
    return this.returns.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One return with its lines, its order (when known) and its acknowledgement (scope: read)' })
  @ApiOkResponse({ type: ReturnDto })
  @ApiNotFoundResponse({ description: 'No return has this id (problem+json)' })
  get(@Param('id') id: string): Promise<ReturnDto> {
    return this.returns.get(id);
  }
}
