import { Body, Controller, Get, HttpCode, Param, Post, Type } from '@nestjs/common';
import { NengmaoInspectionService } from './nengmao-inspection.service';
import { NengmaoShop, NengmaoShopName, NengmaoShops } from './nengmao-shop';

/**
 * Inspection and planting routes for tests, without auth: the same routes for each shop, under
 * `/_sandbox/nengmao` and `/_sandbox/tmg`. See README.md "Inspection".
 */
function inspectionControllerFor(name: NengmaoShopName): Type<unknown> {
  @Controller(`_sandbox/${name}`)
  class ShopInspectionController {
    private readonly shop: NengmaoShop;

    constructor(
      shops: NengmaoShops,
      private readonly inspection: NengmaoInspectionService,
    ) {
      this.shop = shops.byName(name);
    }

    @Get('counts')
    counts(): Record<string, unknown> {
      return this.inspection.counts(this.shop);
    }

    @Get('orders/:orderSn')
    order(@Param('orderSn') orderSn: string): Record<string, unknown> {
      return this.inspection.describeOrder(this.shop, orderSn);
    }

    @Post('orders')
    @HttpCode(201)
    plantOrder(@Body() body: unknown): Record<string, unknown> {
      return this.inspection.plantOrder(this.shop, body);
    }

    @Post('orders/:orderSn/cancellation-request')
    @HttpCode(200)
    requestCancellation(@Param('orderSn') orderSn: string, @Body() body: unknown): Record<string, unknown> {
      return this.inspection.requestCancellation(this.shop, orderSn, body);
    }

    @Post('orders/:orderSn/returns')
    @HttpCode(201)
    plantReturn(@Param('orderSn') orderSn: string, @Body() body: unknown): Record<string, unknown> {
      return this.inspection.plantReturn(this.shop, orderSn, body);
    }

    @Get('shipments')
    shipments(): Record<string, unknown>[] {
      return this.inspection.listShipments(this.shop);
    }

    @Get('returns/:returnSn')
    returnOf(@Param('returnSn') returnSn: string): Record<string, unknown> {
      return this.inspection.describeReturn(this.shop, returnSn);
    }

    @Get('goods/:goodsSn')
    goods(@Param('goodsSn') goodsSn: string): Record<string, unknown> {
      return this.inspection.describeGoods(this.shop, goodsSn);
    }

    @Get('stocks/:sku')
    stock(@Param('sku') sku: string): Record<string, unknown> {
      return this.inspection.describeStock(this.shop, sku);
    }

    @Get('prices/:sku')
    price(@Param('sku') sku: string): Record<string, unknown> {
      return this.inspection.describePrice(this.shop, sku);
    }

    @Post('skus')
    @HttpCode(200)
    putSku(@Body() body: unknown): Record<string, unknown> {
      return this.inspection.putSku(this.shop, body);
    }
  }
  Object.defineProperty(ShopInspectionController, 'name', {
    value: name === 'tmg' ? 'TmgInspectionController' : 'NengmaoInspectionController',
  });
  return ShopInspectionController;
}

export const NengmaoInspectionController = inspectionControllerFor('nengmao');
export const TmgInspectionController = inspectionControllerFor('tmg');
