import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseFilters, UseGuards } from '@nestjs/common';
import { PilotAuthGuard } from './pilot-auth.guard';
import { PilotExceptionFilter } from './pilot-exception.filter';
import { PilotFreightForwardService } from './pilot-freight-forward.service';
import type { PilotFreightProduct, PilotListResponse, PilotPackageRecord } from './pilot.wire';

/** QueryFreightForward, FreightForward and the freight-forward product update. */
@Controller('pilot/freight-forward')
@UseGuards(PilotAuthGuard)
@UseFilters(PilotExceptionFilter)
export class PilotFreightForwardController {
  constructor(private readonly freight: PilotFreightForwardService) {}

  @Put('product/:carrier')
  @HttpCode(200)
  updateProduct(@Param('carrier') carrier: string, @Body() body: unknown): PilotListResponse<PilotFreightProduct> {
    return this.freight.updateProduct(carrier, body);
  }

  @Get(':carrier')
  queryPackages(@Param('carrier') carrier: string, @Query() query: Record<string, unknown>): PilotListResponse<PilotPackageRecord> {
    return this.freight.queryPackages(carrier, query);
  }

  @Post(':carrier')
  @HttpCode(200)
  freightForward(@Param('carrier') carrier: string, @Body() body: unknown): PilotListResponse<PilotPackageRecord | PilotFreightProduct> {
    return this.freight.freightForward(carrier, body);
  }
}
