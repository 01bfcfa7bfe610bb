import { Instant } from '@serai/domain';
import type { OrderRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import type { MappingService } from '../mapping/mapping.service';
import { PermanentDeliveryFailure } from './forward-order.handler';

export const CONFIRM_SHIPMENT = 'shipmentSink.confirmShipment';

interface ShipmentEventPayload {
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
}

/**
 * Shipment confirmation, marketplace side: an OrderShipped / OrderPartiallyShipped event becomes
 * the marketplace's ship call with the SKUs and quantities of that parcel, the carrier translated
 * to the marketplace's courier code by the `courier-codes` mapping table (the connector's own
 * table answers for a carrier the mapping table does not list). Confirming the same parcel again is success.
 */
export class ConfirmShipmentHandler implements DeliveryHandler {
  readonly capability = CONFIRM_SHIPMENT;

  constructor(
    private readonly db: EntityManager,
    private readonly orders: OrderRepository,
    /** The `courier-codes` mapping table: the marketplace's courier code for the carrier. */
    private readonly mappings?: MappingService,
  ) {}

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const sink = connector.shipmentSink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot confirm shipments');
    const found = await this.orders.findById(this.db, event.aggregateId);
    if (!found) throw new PermanentDeliveryFailure('ORDER_MISSING', `order ${event.aggregateId} does not exist`);
    const payload = event.payload as unknown as ShipmentEventPayload;
    const lines = payload.lines.map((taken) => {
      const line = found.order.line(taken.lineId);
      if (!line) throw new PermanentDeliveryFailure('LINE_MISSING', `order ${found.order.id} has no line ${taken.lineId}`);
      return { sku: line.sku.sku, quantity: taken.quantity };
    });
    const courierCode = await this.mappings?.nengmaoCourierOf(payload.carrierCode);
    await sink.confirmShipment({
      externalOrderNumber: found.order.source.externalOrderNumber,
      carrierCode: payload.carrierCode,
      ...(courierCode === undefined ? {} : { courierCode }),
      trackingNumber: payload.trackingNumber,
      shippedAt: Instant.parse(event.occurredAt),
      lines,
    });
    return { externalOrderNumber: found.order.source.externalOrderNumber, trackingNumber: payload.trackingNumber };
  }
}
