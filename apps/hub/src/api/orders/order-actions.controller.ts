import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import {
  CancelOrderBody,
  HoldOrderBody,
  ManualShipmentBody,
  ManualShipmentResultDto,
  OrderActionResultDto,
  ResyncResultDto,
} from './order-actions.dto';
import { ManualShipmentService } from './manual-shipment.service';
import { OrderCancelService } from './order-cancel.service';
import { OrderHoldService } from './order-hold.service';
import { OrderResyncService } from './order-resync.service';

const ORDER_ID = { name: 'id', format: 'uuid', example: '8a0d3c1e-6f1b-4b7a-9c3e-2d5f7a9b1c3d' } as const;
const BAD_ID = { description: 'The id is not a UUID, or a body field is invalid (problem+json naming the field)' };
const NO_ORDER = { description: 'No order has this id (problem+json)' };

/**
 * What internal teams do to an order. Each action changes the order through the domain and
 * records its events in the same transaction; the engine routes them (deliveries with retries,
 * breakers and traces), so the answer says what was recorded, not what a provider said.
 */
@ApiTags('orders')
@RequireScope('write')
@Controller('orders')
export class OrderActionsController {
  constructor(
    private readonly holds: OrderHoldService,
    private readonly cancellations: OrderCancelService,
    private readonly manualShipments: ManualShipmentService,
    private readonly resyncs: OrderResyncService,
  ) {}

  @Post(':id/hold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hold an order: it is not forwarded to the order system until released (scope: write)' })
  @ApiParam(ORDER_ID)
  @ApiOkResponse({ type: OrderActionResultDto })
  @ApiBadRequestResponse(BAD_ID)
  @ApiNotFoundResponse(NO_ORDER)
  @ApiConflictResponse({ description: 'The order is already held, or finished (cancelled, delivered)' })
  hold(@Param('id') id: string, @Body() body: HoldOrderBody): Promise<OrderActionResultDto> {
    return this.holds.hold(id, body.reason);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a held order; one not yet forwarded is forwarded now (scope: write)' })
  @ApiParam(ORDER_ID)
  @ApiOkResponse({ type: OrderActionResultDto })
  @ApiBadRequestResponse(BAD_ID)
  @ApiNotFoundResponse(NO_ORDER)
  @ApiConflictResponse({ description: 'The order is not held' })
  release(@Param('id') id: string): Promise<OrderActionResultDto> {
    return this.holds.release(id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Cancel an order on the brand side; the marketplace is told through cancelbybrand (scope: write)',
    description:
      'Refused (409) once anything has shipped. The order is cancelled in the hub at once; the marketplace call is a delivery (see the timeline). The order system is not called: its API has no cancel operation (ADR 0015).',
  })
  @ApiParam(ORDER_ID)
  @ApiAcceptedResponse({ type: OrderActionResultDto })
  @ApiBadRequestResponse(BAD_ID)
  @ApiNotFoundResponse(NO_ORDER)
  @ApiConflictResponse({ description: 'The order can no longer be cancelled by the brand (shipped, already cancelled …)' })
  cancel(@Param('id') id: string, @Body() body: CancelOrderBody): Promise<OrderActionResultDto> {
    return this.cancellations.cancel(id, body.reason);
  }

  @Post(':id/shipments')
  @ApiOperation({
    summary: 'Record a parcel shipped by hand; it is confirmed to the marketplace with the courier code mapped (scope: write)',
  })
  @ApiParam(ORDER_ID)
  @ApiCreatedResponse({ type: ManualShipmentResultDto })
  @ApiBadRequestResponse(BAD_ID)
  @ApiNotFoundResponse(NO_ORDER)
  @ApiConflictResponse({
    description: 'The parcel is already recorded, everything has shipped, or the order cannot ship (not forwarded, cancelled)',
  })
  @ApiUnprocessableEntityResponse({ description: 'A line is not on the order or ships more than remains (problem+json naming `lines[i]`)' })
  ship(@Param('id') id: string, @Body() body: ManualShipmentBody): Promise<ManualShipmentResultDto> {
    return this.manualShipments.ship(id, body);
  }

  @Post(':id/resync')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Pull an order again from the systems that hold it and re-run its routes (scope: write)',
    description:
      'Dead or failed deliveries of its events are requeued, routes added since are applied, and the pollers of its systems run now.',
  })
  @ApiParam(ORDER_ID)
  @ApiAcceptedResponse({ type: ResyncResultDto })
  @ApiBadRequestResponse(BAD_ID)
  @ApiNotFoundResponse(NO_ORDER)
  resync(@Param('id') id: string): Promise<ResyncResultDto> {
    return this.resyncs.resync(id);
  }
}
