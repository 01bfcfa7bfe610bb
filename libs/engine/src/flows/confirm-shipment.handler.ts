import { Instant } from '@serai/domain';
import type { OrderRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';

export const CONFIRM_SHIPMENT = 'shipmentSink.confirmShipment';

interface ShipmentEventPayload {
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
}

/**
 * Shipment confirmation, marketplace side: an OrderShipped / OrderPartiallyShipped event becomes
 * the marketplace's ship call with the SKUs and quantities of that parcel (the connector maps
 * the carrier to the marketplace's courier code). Confirming the same parcel again is success.
 */
export class ConfirmShipmentHandler implements DeliveryHandler {
  readonly capability = CONFIRM_SHIPMENT;

  constructor(
    private readonly db: EntityManager,
    private readonly orders: OrderRepository,
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
    await sink.confirmShipment({
      externalOrderNumber: found.order.source.externalOrderNumber,
      carrierCode: payload.carrierCode,
      trackingNumber: payload.trackingNumber,
      shippedAt: Instant.parse(event.occurredAt),
      lines,
    });
    return { externalOrderNumber: found.order.source.externalOrderNumber, trackingNumber: payload.trackingNumber };
  }
}
