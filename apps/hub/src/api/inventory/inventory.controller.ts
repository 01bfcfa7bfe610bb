import { Body, Controller, Get, Headers, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '../../auth/api-key-authenticator';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { AdjustmentBody, AdjustmentDto, InventoryPageDto, InventoryQuery } from './inventory.dto';
import { InventoryApiService } from './inventory-api.service';

@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(private readonly inventory: InventoryApiService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary:
      'Stock per SKU and location, and the available-to-promise figure each channel receives; or export it as CSV / JSON lines (scope: read)',
  })
  @ApiListExport()
  @ApiOkResponse({ type: InventoryPageDto })
  @ApiBadRequestResponse({ description: 'A filter, `limit` or `cursor` is invalid (problem+json naming the field)' })
  async list(@Query() query: InventoryQuery, @Headers('accept') accept?: string): Promise<InventoryPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.inventory.list(query);
    return streamListExport(format, this.inventory.exportInventory(query));
  }

  @Post('adjustments')
  @RequireScope('write')
  @ApiOperation({
    summary:
      'Adjust stock (absolute count or delta) with a reason; audited, serialised per SKU, and pushed to routed channels (scope: write)',
  })
  @ApiCreatedResponse({ type: AdjustmentDto })
  @ApiBadRequestResponse({ description: 'A field is invalid (problem+json naming each field); nothing changed' })
  @ApiUnprocessableEntityResponse({ description: 'The change would leave less on hand than is reserved and in flight; nothing changed' })
  adjust(@Body() body: AdjustmentBody, @Req() request: FastifyRequest & { apiKey?: ApiKeyPrincipal }): Promise<AdjustmentDto> {
    const key = request.apiKey;
    return this.inventory.adjust(body, key ? { keyId: key.keyId, name: key.name } : { name: 'unknown' });
  }
}
