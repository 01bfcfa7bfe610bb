import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { checkCombinationParts } from './operations/combination-parts';
import { WmsRefusal } from './wms-codes';
import { readSkuInfo } from './wms-sku-input';
import { WmsHeldSku, WmsSkuCounts, WmsSkuRepository } from './wms-sku.repository';

export interface WmsHeldSkuView {
  readonly info: WmsHeldSku['info'];
  readonly createdAt: string;
  readonly updatedAt: string;
}

function view(held: WmsHeldSku): WmsHeldSkuView {
  return { info: held.info, createdAt: new Date(held.createdAtMs).toISOString(), updatedAt: new Date(held.updatedAtMs).toISOString() };
}

/** What the simulated WMS holds, for tests and the demo; no authentication, never faulted. */
@Controller('_sandbox/wms')
export class WmsInspectionController {
  constructor(private readonly repository: WmsSkuRepository) {}

  @Get('counts')
  counts(): WmsSkuCounts {
    return this.repository.counts();
  }

  /** SKU codes in list order; `?enable=0|1` narrows. */
  @Get('skus')
  skus(@Query('enable') enable?: string): { skus: string[] } {
    const all = this.repository.all().filter((held) => enable === undefined || String(held.info.enable) === enable);
    return { skus: all.map((held) => held.info.sku) };
  }

  @Get('skus/:sku')
  sku(@Param('sku') sku: string): WmsHeldSkuView {
    const held = this.repository.find(sku);
    if (held === undefined) throw new NotFoundException(`The WMS holds no sku ${sku}`);
    return view(held);
  }

  /** Plants a SKU as if someone had keyed it in the WMS: the INSERT_SKU_INFO body, creating or replacing. */
  @Post('skus')
  @HttpCode(201)
  plant(@Body() body: unknown): WmsHeldSkuView {
    try {
      const info = readSkuInfo(body, 'INSERT_SKU_INFO');
      checkCombinationParts(info, this.repository);
      return view(this.repository.save(info));
    } catch (error) {
      if (error instanceof WmsRefusal) throw new BadRequestException({ errorCode: error.code, errorMsg: error.message });
      throw error;
    }
  }
}
