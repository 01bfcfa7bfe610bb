import { Module } from '@nestjs/common';
import { ShipmentQueryService } from './shipment-query.service';
import { ShipmentsController } from './shipments.controller';

@Module({ controllers: [ShipmentsController], providers: [ShipmentQueryService] })
export class ShipmentsApiModule {}
