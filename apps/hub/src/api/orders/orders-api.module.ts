import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';
import { OrderQueryService } from './order-query.service';
import { OrderTimelineController } from './order-timeline.controller';
import { OrderTimelineService } from './order-timeline.service';

@Module({ controllers: [OrdersController, OrderTimelineController], providers: [OrderQueryService, OrderTimelineService] })
export class OrdersApiModule {}
