import { Controller, Get, Headers, Injectable, NotFoundException, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequestValidationError } from '@serai/common';
import { ReturnKeyset, ReturnRepository, ReturnRow } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { RequireScope } from '../../auth/require-scope.decorator';
import { decodeDateCursor as decodeCursor, encodeDateCursor as encodeCursor } from '../../http/date-keyset-cursor';
import { ApiListExport, ExportColumn, ListExport, listFormatOf, streamListExport, walkPages } from '../../http/export/list-export';
import { ListReturnsQuery, ReturnDto, ReturnPageDto } from './return.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_PAGE_SIZE = 1000;

export const RETURN_EXPORT_COLUMNS: readonly ExportColumn<ReturnDto>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'returnNumber', value: (r) => r.returnNumber },
  { header: 'status', value: (r) => r.status },
  { header: 'connection', value: (r) => r.source.connection },
  { header: 'externalOrderNumber', value: (r) => r.source.externalOrderNumber },
  { header: 'orderId', value: (r) => r.orderId },
  { header: 'refundTotal', value: (r) => r.refundTotal.amount },
  { header: 'currency', value: (r) => r.refundTotal.currency },
  { header: 'reason', value: (r) => r.reason },
  { header: 'acknowledged', value: (r) => r.acknowledgement.acknowledged },
  { header: 'acknowledgedAt', value: (r) => r.acknowledgement.at },
  { header: 'lines', value: (r) => r.lines.map((l) => `${l.sku}x${l.quantity}`).join('; ') },
  { header: 'createdAt', value: (r) => r.createdAt },
];

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
    const { rows, next } = await this.page(query, query.limit, after);
    return { data: rows.map(toReturnDto), page: { limit: query.limit, nextCursor: next ? encodeCursor(next) : null } };
  }

  /** Every matching return from `cursor` on, as the list shows them (the cursor is checked before the file starts). */
  exportReturns(query: ListReturnsQuery): ListExport<ReturnDto> {
    const start = query.cursor ? decodeCursor(query.cursor) : undefined;
    const pages = walkPages<ReturnDto, ReturnKeyset>(async (after) => {
      const { rows, next } = await this.page(query, EXPORT_PAGE_SIZE, after ?? start);
      return { rows: rows.map(toReturnDto), ...(next ? { next } : {}) };
    });
    return { name: 'returns', columns: RETURN_EXPORT_COLUMNS, pages };
  }

  private page(
    query: ListReturnsQuery,
    limit: number,
    after: ReturnKeyset | undefined,
  ): Promise<{ rows: ReturnRow[]; next?: ReturnKeyset }> {
    return this.returns.page(
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
      limit,
      after,
    );
  }

  async get(id: string): Promise<ReturnDto> {
    if (!UUID.test(id)) throw new RequestValidationError([{ field: 'id', reason: 'must be a UUID' }]);
    const row = await this.returns.findById(this.dataSource.manager, id);
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
  @ApiOperation({
    summary: 'List marketplace returns, newest first, with their acknowledgement state; or export them as CSV / JSON lines (scope: read)',
  })
  @ApiListExport()
  @ApiOkResponse({ type: ReturnPageDto })
  @ApiBadRequestResponse({ description: 'A filter or the cursor is invalid (problem+json naming the field)' })
  async list(@Query() query: ListReturnsQuery, @Headers('accept') accept?: string): Promise<ReturnPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.returns.list(query);
    return streamListExport(format, this.returns.exportReturns(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One return with its lines, its order (when known) and its acknowledgement (scope: read)' })
  @ApiParam({ name: 'id', format: 'uuid', example: '7d1e3f5a-0000-4b2c-8d9e-000000000001' })
  @ApiOkResponse({ type: ReturnDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (problem+json naming `id`)' })
  @ApiNotFoundResponse({ description: 'No return has this id (problem+json)' })
  get(@Param('id') id: string): Promise<ReturnDto> {
    return this.returns.get(id);
  }
}
