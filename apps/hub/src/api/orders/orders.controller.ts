import { Controller, Get, Headers, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '../../auth/api-key-authenticator';
import { grantsScope } from '../../auth/api-key-scopes';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { ListOrdersQuery } from './list-orders.query';
import { OrderDetailDto } from './order-detail.dto';
import { OrderDetailService } from './order-detail.service';
import { OrderQueryService } from './order-query.service';
import { OrderPageDto } from './order-summary.dto';

@ApiTags('orders')
@RequireScope('read')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrderQueryService,
    private readonly details: OrderDetailService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List orders, newest first, with keyset pagination; or export them as CSV / JSON lines (scope: read)',
    description:
      'Filters combine with AND. `externalOrderNumber` matches the number in any system; `phone` matches buyer or consignee on a keyed digest. Each time window is at most 366 days.',
  })
  @ApiListExport()
  @ApiOkResponse({ type: OrderPageDto })
  @ApiBadRequestResponse({ description: 'A filter, the limit, a time window or the cursor is invalid (problem+json naming the field)' })
  async list(@Query() query: ListOrdersQuery, @Headers('accept') accept?: string): Promise<OrderPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.orders.listOrders(query);
    return streamListExport(format, this.orders.exportOrders(query));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One order: lines, amounts, parties, references in every system, shipments and returns (scope: read)',
    description: 'Buyer and consignee are masked unless the API key has the `pii` scope.',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: '8a0d3c1e-6f1b-4b7a-9c3e-2d5f7a9b1c3d' })
  @ApiOkResponse({ type: OrderDetailDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (problem+json naming `id`)' })
  @ApiNotFoundResponse({ description: 'No order has this id (problem+json)' })
  detail(@Param('id') id: string, @Req() request: FastifyRequest & { apiKey?: ApiKeyPrincipal }): Promise<OrderDetailDto> {
    return this.details.orderDetail(id, grantsScope(request.apiKey?.scopes ?? [], 'pii'));
  }
}
