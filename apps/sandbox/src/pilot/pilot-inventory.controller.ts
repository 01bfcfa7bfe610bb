import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseFilters, UseGuards } from '@nestjs/common';
import { PilotAuthGuard } from './pilot-auth.guard';
import { PilotExceptionFilter } from './pilot-exception.filter';
import { PilotInventoryService } from './pilot-inventory.service';
import type { PilotInventoryResponse } from './pilot.wire';

/** Inventory products and (deprecated, still served) purchase orders. */
@Controller('pilot/inventory')
@UseGuards(PilotAuthGuard)
@UseFilters(PilotExceptionFilter)
export class PilotInventoryController {
  constructor(private readonly inventory: PilotInventoryService) {}

  @Get('product/:carrier')
  queryProducts(@Param('carrier') carrier: string, @Query() query: Record<string, unknown>): PilotInventoryResponse {
    return this.inventory.queryProducts(carrier, query);
  }

  @Post('product/:carrier')
  @HttpCode(200)
  registerProduct(@Param('carrier') carrier: string, @Body() body: unknown): PilotInventoryResponse {
    return this.inventory.registerProduct(carrier, body);
  }

  @Put('product/:carrier')
  @HttpCode(200)
  updateProduct(@Param('carrier') carrier: string, @Body() body: unknown): PilotInventoryResponse {
    return this.inventory.updateProduct(carrier, body);
  }

  @Get('purchase/:carrier')
  queryPurchase(@Param('carrier') carrier: string, @Query() query: Record<string, unknown>): PilotInventoryResponse {
    return this.inventory.queryPurchase(carrier, query);
  }

  @Post('purchase/:carrier')
  @HttpCode(200)
  createPurchase(@Param('carrier') carrier: string, @Body() body: unknown): PilotInventoryResponse {
    return this.inventory.createPurchase(carrier, body);
  }
}
