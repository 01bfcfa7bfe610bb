import { Module } from '@nestjs/common';
import { ManualShipmentService } from './manual-shipment.service';
import { OrderActionsController } from './order-actions.controller';
import { OrderCancelService } from './order-cancel.service';
import { OrderChanges } from './order-changes';
import { OrderDetailService } from './order-detail.service';
import { OrderHoldService } from './order-hold.service';
import { OrderQueryService } from './order-query.service';
import { OrderResyncService } from './order-resync.service';
import { OrderTimelineController } from './order-timeline.controller';
import { OrderTimelineService } from './order-timeline.service';
import { OrdersController } from './orders.controller';

@Module({
  controllers: [OrdersController, OrderTimelineController, OrderActionsController],
  providers: [
    OrderQueryService,
    OrderTimelineService,
    OrderDetailService,
    OrderChanges,
    OrderHoldService,
    OrderCancelService,
    ManualShipmentService,
    OrderResyncService,
  ],
})
export class OrdersApiModule {}
