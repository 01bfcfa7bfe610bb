import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ListOrdersQuery } from './list-orders.query';
import { OrderQueryService } from './order-query.service';
import { OrderPageDto } from './order-summary.dto';

@ApiTags('orders')
@RequireScope('read')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrderQueryService) {}

  @Get()
  @ApiOperation({ summary: 'List orders, newest first, with keyset pagination' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiBadRequestResponse({ description: 'A filter or the cursor is invalid (problem+json naming the field)' })
  list(@Query() query: ListOrdersQuery): Promise<OrderPageDto> {
    return this.orders.listOrders(query);
  }
}
