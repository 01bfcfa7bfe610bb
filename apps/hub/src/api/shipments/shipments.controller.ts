import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { ShipmentQueryService } from './shipment-query.service';
import { ListShipmentsQuery, ShipmentDto, ShipmentPageDto } from './shipment.dto';

@ApiTags('shipments')
@RequireScope('read')
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentQueryService) {}

  @Get()
  @ApiOperation({ summary: 'List shipments, newest first, with keyset pagination; or export them as CSV / JSON lines (scope: read)' })
  @ApiListExport()
  @ApiOkResponse({ type: ShipmentPageDto })
  @ApiBadRequestResponse({ description: 'A filter, the limit, a time window or the cursor is invalid (problem+json naming the field)' })
  async list(@Query() query: ListShipmentsQuery, @Headers('accept') accept?: string): Promise<ShipmentPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.shipments.list(query);
    return streamListExport(format, this.shipments.exportShipments(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One shipment with its lines and its order (scope: read)' })
  @ApiParam({ name: 'id', format: 'uuid', example: '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' })
  @ApiOkResponse({ type: ShipmentDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (problem+json naming `id`)' })
  @ApiNotFoundResponse({ description: 'No shipment has this id (problem+json)' })
  detail(@Param('id') id: string): Promise<ShipmentDto> {
    return this.shipments.detail(id);
  }
}
