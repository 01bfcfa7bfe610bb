import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { FieldProblem } from '@serai/common';
import { Instant, Order, Shipment } from '@serai/domain';
import { ShipmentRepository } from '@serai/persistence';
import { ManualShipmentBody, ManualShipmentResultDto } from './order-actions.dto';
import { OrderChanges } from './order-changes';
import { parseOrderId } from './order-id';

/** The lines a manual parcel carries: those asked for (checked against the order), or everything still open. */
function parcelLines(order: Order, body: ManualShipmentBody): { lineId: string; sku: string; quantity: number }[] {
  if (body.lines === undefined) {
    return order.lines
      .filter((l) => l.remainingQuantity > 0)
      .map((l) => ({ lineId: l.lineId, sku: l.sku.sku, quantity: l.remainingQuantity }));
  }
  const problems: FieldProblem[] = [];
  const lines = body.lines.map((asked, i) => {
    const line = order.line(asked.lineId);
    if (!line) problems.push({ field: `lines[${i}].lineId`, reason: `order ${order.id} has no line ${asked.lineId}` });
    else if (asked.quantity > line.remainingQuantity)
      problems.push({ field: `lines[${i}].quantity`, reason: `only ${line.remainingQuantity} of line ${asked.lineId} remain to ship` });
    return { lineId: asked.lineId, sku: line?.sku.sku ?? '', quantity: asked.quantity };
  });
  if (problems.length > 0) throw new UnprocessableEntityException({ message: 'The parcel does not fit the order', errors: problems });
  return lines;
}

/**
 * A parcel shipped outside the connected logistics systems, entered by hand: stored as a canonical
 * shipment and counted on the order in one transaction. The order's OrderShipped /
 * OrderPartiallyShipped event then takes the usual route to the marketplace
 * (ConfirmShipmentHandler), where the carrier is mapped to its courier code.
 */
@Injectable()
export class ManualShipmentService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly shipments: ShipmentRepository,
  ) {}

  async ship(rawId: string, body: ManualShipmentBody): Promise<ManualShipmentResultDto> {
    const orderId = parseOrderId(rawId);
    const now = Instant.now();
    const shippedAt = body.shippedAt === undefined ? now : Instant.parse(body.shippedAt);
    const { result, value: shipment } = await this.changes.apply(orderId, async (order, m) => {
      const lines = parcelLines(order, body);
      if (lines.length === 0) throw new ConflictException(`Every line of order ${orderId} has shipped already`);
      const parcel = Shipment.record(
        {
          id: randomUUID(),
          orderId,
          carrierCode: body.carrierCode,
          trackingNumber: body.trackingNumber,
          lines,
          status: 'shipped',
          shippedAt,
        },
        now,
      );
      // Any refusal below rolls the whole transaction back: a repeated or refused parcel changes nothing.
      if (!(await this.shipments.insertIfNew(m, parcel, null, { enteredBy: 'api' }))) {
        throw new ConflictException(`Parcel ${body.carrierCode} ${body.trackingNumber} is already recorded on order ${orderId}`);
      }
      order.recordShipment(parcel, now);
      return parcel;
    });
    return {
      ...result,
      shipment: {
        id: shipment.id,
        carrierCode: shipment.carrierCode,
        trackingNumber: shipment.trackingNumber,
        status: shipment.status,
        shippedAt: shipment.shippedAt?.toISOString() ?? null,
        createdAt: now.toISOString(),
        lines: shipment.lines.map((l) => ({ sku: l.sku ?? '', quantity: l.quantity })),
      },
    };
  }
}
