import { Module } from '@nestjs/common';
import { InventoryController } from './inventory.controller';
import { InventoryApiService } from './inventory-api.service';

@Module({ controllers: [InventoryController], providers: [InventoryApiService] })
export class InventoryApiModule {}
