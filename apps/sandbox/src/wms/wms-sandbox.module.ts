import { Module, OnModuleInit } from '@nestjs/common';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { WmsBodyErrorHook } from './wms-body-error.hook';
import { WmsInspectionController } from './wms-inspection.controller';
import { WMS_ERROR_SHAPE } from './wms-error-shape';
import { WmsRequestAuthenticator } from './wms-request.authenticator';
import { WmsSkuController } from './wms-sku.controller';
import { WmsSkuRepository } from './wms-sku.repository';
import { WmsSkuService } from './wms-sku.service';

/** Simulator of the WMS SKU API under `/wms` (seed `wms-sku-api.txt`; transport and auth: ADR 0005). */
@Module({
  controllers: [WmsSkuController, WmsInspectionController],
  providers: [WmsBodyErrorHook, WmsSkuRepository, WmsRequestAuthenticator, WmsSkuService],
})
export class WmsSandboxModule implements OnModuleInit {
  constructor(private readonly errors: ProviderErrorRegistry) {}

  onModuleInit(): void {
    this.errors.register('wms', WMS_ERROR_SHAPE);
  }
}
