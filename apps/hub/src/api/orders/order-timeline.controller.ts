import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '../../auth/api-key-authenticator';
import { grantsScope } from '../../auth/api-key-scopes';
import { RequireScope } from '../../auth/require-scope.decorator';
import { OrderTimelineDto } from './order-timeline.dto';
import { OrderTimelineService } from './order-timeline.service';

@ApiTags('orders')
@Controller('orders')
export class OrderTimelineController {
  constructor(private readonly timelines: OrderTimelineService) {}

  @Get(':id/timeline')
  @RequireScope('read')
  @ApiOperation({
    summary: 'Everything that happened to one order, oldest first: events, deliveries, provider calls (scope: read)',
    description:
      'Buyer and consignee in event payloads are masked unless the key has the `pii` scope; provider call bodies are shown as traced (secrets redacted, personal data masked).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderTimelineDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (problem+json naming `id`)' })
  @ApiNotFoundResponse({ description: 'No order has this id (problem+json)' })
  timeline(@Param('id') id: string, @Req() request: FastifyRequest & { apiKey?: ApiKeyPrincipal }): Promise<OrderTimelineDto> {
    return this.timelines.orderTimeline(id, grantsScope(request.apiKey?.scopes ?? [], 'pii'));
  }
}
