import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { NengmaoAuthGuard } from './nengmao-auth.guard';
import { NengmaoEnvelope } from './nengmao-envelope';
import { NengmaoExceptionFilter } from './nengmao-exception.filter';
import { NengmaoGoodsService } from './nengmao-goods.service';
import { NengmaoOrdersService } from './nengmao-orders.service';
import { NengmaoReturnsService } from './nengmao-returns.service';
import { NengmaoShops } from './nengmao-shop';

/**
 * The Nengmao brand API (brand doc §6-8) under `/nengmao`: a connector's base URL `http://host:4100/nengmao`
 * replaces `https://api.nengmao.net`, the paths (`/api/...`) are the document's. Bodies arrive as text
 * (nengmao-raw-body.hook.ts) and are parsed by the services.
 */
@Controller('nengmao/api')
@UseGuards(NengmaoAuthGuard)
@UseFilters(NengmaoExceptionFilter)
export class NengmaoBrandController {
  constructor(
    private readonly shops: NengmaoShops,
    private readonly goods: NengmaoGoodsService,
    private readonly orders: NengmaoOrdersService,
    private readonly returns: NengmaoReturnsService,
  ) {}

  @Post('goods')
  @HttpCode(200)
  uploadGoods(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.uploadGoods(this.shops.brand, 'brand', body);
  }

  @Post('goods/list')
  @HttpCode(200)
  listGoods(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.listGoods(this.shops.brand, 'brand', body);
  }

  @Post('stocks/update')
  @HttpCode(200)
  updateStocks(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.updateStocks(this.shops.brand, 'brand', body);
  }

  @Post('stocks/list')
  @HttpCode(200)
  listStocks(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.listStocks(this.shops.brand, body);
  }

  @Post('price/update')
  @HttpCode(200)
  updatePrices(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.updatePrices(this.shops.brand, 'brand', body);
  }

  @Post('price/list')
  @HttpCode(200)
  listPrices(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.listPrices(this.shops.brand, body);
  }

  @Post('order/list')
  @HttpCode(200)
  listOrders(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.listOrders(this.shops.brand, 'brand', body);
  }

  @Post('status/confirmation')
  @HttpCode(200)
  confirmReceipt(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.confirmReceipt(this.shops.brand, body);
  }

  @Post('order/cancelbybrand')
  @HttpCode(200)
  cancelByBrand(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.cancelByBrand(this.shops.brand, 'brand', body);
  }

  @Post('order/cancelConfirm')
  @HttpCode(200)
  confirmCancellation(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.confirmCancellation(this.shops.brand, body);
  }

  @Post('order/ship')
  @HttpCode(200)
  shipOrders(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.shipOrders(this.shops.brand, body);
  }

  @Post('return/list')
  @HttpCode(200)
  listReturns(@Body() body: unknown): NengmaoEnvelope {
    return this.returns.listReturns(this.shops.brand, 'brand', body);
  }
}
