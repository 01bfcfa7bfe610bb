import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { EnvoyAuthGuard } from './envoy-auth.guard';
import { EnvoyExceptionFilter } from './envoy-exception.filter';
import { EnvoyOrdersService } from './envoy-orders.service';
import type { EnvoyApiResponse } from './envoy.wire';

/** `GET|POST /envoy/order/{store}` (create's method and path are inferred, catalogue §3.2). */
@Controller('envoy/order')
@UseGuards(EnvoyAuthGuard)
@UseFilters(EnvoyExceptionFilter)
export class EnvoyOrderController {
  constructor(private readonly orders: EnvoyOrdersService) {}

  @Get(':store')
  list(@Param('store') store: string, @Query() query: Record<string, unknown>): EnvoyApiResponse {
    return this.orders.listOrders(store, query);
  }

  @Post(':store')
  @HttpCode(200)
  create(@Param('store') store: string, @Body() body: unknown, @Headers('x-ca-stage') stage: string | undefined): EnvoyApiResponse {
    return this.orders.createOrder(store, body, stage);
  }
}
