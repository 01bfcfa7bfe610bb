import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';
import { OrderQueryService } from './order-query.service';

@Module({ controllers: [OrdersController], providers: [OrderQueryService] })
export class OrdersApiModule {}
