import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { DeliveriesService } from './deliveries.service';
import { DeliveryDto, DeliveryPageDto, ListDeliveriesQuery, ReplayDeliveriesBody, ReplayResultDto } from './delivery.dto';

@ApiTags('deliveries')
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary: 'List deliveries, newest first, by state and target connection; or export them as CSV / JSON lines (scope: read)',
  })
  @ApiListExport()
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiBadRequestResponse({ description: 'A filter or the cursor is invalid (problem+json naming the field)' })
  async list(@Query() query: ListDeliveriesQuery, @Headers('accept') accept?: string): Promise<DeliveryPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.deliveries.listDeliveries(query);
    return streamListExport(format, this.deliveries.exportDeliveries(query));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({ summary: 'Send a dead or failed delivery again, now, with a fresh attempt budget (scope: write)' })
  @ApiParam({ name: 'id', example: '42' })
  @ApiOkResponse({ type: DeliveryDto, description: 'The delivery, now pending' })
  @ApiNotFoundResponse({ description: 'No delivery has this id (problem+json)' })
  @ApiConflictResponse({ description: 'The delivery is not dead or failed (problem+json)' })
  retry(@Param('id') id: string): Promise<DeliveryDto> {
    return this.deliveries.retryDelivery(id);
  }

  @Post('replay')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({
    summary: 'Send again every dead (or failed) delivery matching a filter, with a fresh attempt budget (scope: write)',
    description: 'One statement: the matching deliveries, oldest first and at most `limit`, become pending now.',
  })
  @ApiOkResponse({ type: ReplayResultDto })
  @ApiBadRequestResponse({ description: 'A filter is invalid (problem+json naming the field); nothing changed' })
  replay(@Body() body: ReplayDeliveriesBody): Promise<ReplayResultDto> {
    return this.deliveries.replayDeliveries(body);
  }
}
