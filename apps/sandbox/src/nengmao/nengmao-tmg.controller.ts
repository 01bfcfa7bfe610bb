import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { NengmaoAuthGuard } from './nengmao-auth.guard';
import { NengmaoEnvelope } from './nengmao-envelope';
import { NengmaoExceptionFilter } from './nengmao-exception.filter';
import { NengmaoGoodsService } from './nengmao-goods.service';
import { NengmaoOrdersService } from './nengmao-orders.service';
import { NengmaoReturnsService } from './nengmao-returns.service';
import { NengmaoShops } from './nengmao-shop';

/**
 * The TMALL Global shops API (TMG doc §5-9). Its production paths already start with `/tmg/api/...`
 * (`https://sh-api.nengmao.net/tmg/api/order/list`), so the sandbox's `/tmg` IS the document's `/tmg`: a connector
 * swaps only the host, e.g. base URL `http://localhost:4100` + `/tmg/api/order/list`.
 */
@Controller('tmg/api')
@UseGuards(NengmaoAuthGuard)
@UseFilters(NengmaoExceptionFilter)
export class NengmaoTmgController {
  constructor(
    private readonly shops: NengmaoShops,
    private readonly goods: NengmaoGoodsService,
    private readonly orders: NengmaoOrdersService,
    private readonly returns: NengmaoReturnsService,
  ) {}

  @Post('stocks/update')
  @HttpCode(200)
  updateStocks(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.updateStocks(this.shops.tmg, 'tmg', body);
  }

  @Post('order/list')
  @HttpCode(200)
  listOrders(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.listOrders(this.shops.tmg, 'tmg', body);
  }

  /** §6.2 "Order Cancelled by Brand" and §6.5 "Order Cancelled by Tmall" share this URL. */
  @Post('order/cancelbybrand')
  @HttpCode(200)
  cancelByBrand(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.cancelByBrand(this.shops.tmg, 'tmg', body);
  }

  @Post('status/confirmation')
  @HttpCode(200)
  confirmReceipt(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.confirmReceipt(this.shops.tmg, body);
  }

  @Post('order/create')
  @HttpCode(200)
  createOrders(@Body() body: unknown): NengmaoEnvelope {
    return this.orders.createOrders(this.shops.tmg, body);
  }

  @Post('return/list')
  @HttpCode(200)
  listReturns(@Body() body: unknown): NengmaoEnvelope {
    return this.returns.listReturns(this.shops.tmg, 'tmg', body);
  }

  @Post('return/create')
  @HttpCode(200)
  createReturns(@Body() body: unknown): NengmaoEnvelope {
    return this.returns.createReturns(this.shops.tmg, body);
  }

  @Post('goods')
  @HttpCode(200)
  uploadGoods(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.uploadGoods(this.shops.tmg, 'tmg', body);
  }

  @Post('goods/list')
  @HttpCode(200)
  listGoods(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.listGoods(this.shops.tmg, 'tmg', body);
  }

  @Post('price/update')
  @HttpCode(200)
  updatePrices(@Body() body: unknown): NengmaoEnvelope {
    return this.goods.updatePrices(this.shops.tmg, 'tmg', body);
  }
}
