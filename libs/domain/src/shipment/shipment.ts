import type { ShipmentRecorded } from '../events/domain-event';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant } from '../time/instant';
import { optionalText, requireOneOf, requirePositiveInteger, requireText, requireUuid } from '../validation/field-guards';
import { hasLeftWarehouse, isForwardMove, SHIPMENT_STATUSES, ShipmentStatus } from './shipment-status';

/**
 * What one parcel carries: an order line by id, or a SKU when the provider only knows SKUs
 * (Nengmao `order/ship`, Pilot callbacks); the Order resolves SKUs to its lines.
 */
export interface ShipmentLine {
  readonly lineId?: string;
  readonly sku?: string;
  readonly quantity: number;
}

export interface ShipmentInput {
  readonly id: string;
  readonly orderId: string;
  /** Canonical carrier code, after the connection's courier-code mapping. */
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly lines: readonly ShipmentLine[];
  /** Defaults to 'shipped': most providers tell us about a parcel once it has left. */
  readonly status?: ShipmentStatus;
  readonly shippedAt?: Instant;
}

export interface ShipmentSnapshot extends ShipmentInput {
  readonly status: ShipmentStatus;
  readonly statusChangedAt: Instant;
}

/**
 * A parcel with a waybill (carrier + tracking number) on its way to the consignee. Its status
 * only moves forward (see `isForwardMove`), so late and repeated provider reports are harmless.
 */
export class Shipment {
  private events: ShipmentRecorded[] = [];

  private constructor(
    readonly id: string,
    readonly orderId: string,
    readonly carrierCode: string,
    readonly trackingNumber: string,
    readonly lines: readonly ShipmentLine[],
    private statusValue: ShipmentStatus,
    private shippedAtValue: Instant | undefined,
    private statusChangedAtValue: Instant,
  ) {}

  /** A new shipment learned from a provider; records ShipmentRecorded. */
  static record(input: ShipmentInput, at: Instant = Instant.now()): Shipment {
    const status = input.status ?? 'shipped';
    const shipment = Shipment.build(input, status, input.shippedAt ?? (hasLeftWarehouse(status) ? at : undefined), at);
    shipment.events.push({
      type: 'ShipmentRecorded',
      aggregateType: 'Shipment',
      aggregateId: shipment.id,
      occurredAt: at.toISOString(),
      payload: {
        orderId: shipment.orderId,
        carrierCode: shipment.carrierCode,
        trackingNumber: shipment.trackingNumber,
        status: shipment.status,
        lines: shipment.lines.map((line) => ({ lineId: line.lineId ?? null, sku: line.sku ?? null, quantity: line.quantity })),
        shippedAt: shipment.shippedAt?.toISOString() ?? null,
      },
    });
    return shipment;
  }

  static restore(snapshot: ShipmentSnapshot): Shipment {
    return Shipment.build(snapshot, snapshot.status, snapshot.shippedAt, snapshot.statusChangedAt);
  }

  private static build(input: ShipmentInput, status: ShipmentStatus, shippedAt: Instant | undefined, statusChangedAt: Instant): Shipment {
    if (input.lines.length === 0) throw new InvariantViolation('lines', 'a shipment carries at least one line');
    const lines = input.lines.map((line, index): ShipmentLine => {
      const lineId = optionalText(line.lineId, `lines[${index}].lineId`);
      const sku = optionalText(line.sku, `lines[${index}].sku`);
      if (lineId === undefined && sku === undefined) {
        throw new InvariantViolation(`lines[${index}]`, 'needs a lineId or a sku');
      }
      return Object.freeze({
        ...(lineId === undefined ? {} : { lineId }),
        ...(sku === undefined ? {} : { sku }),
        quantity: requirePositiveInteger(line.quantity, `lines[${index}].quantity`),
      });
    });
    return new Shipment(
      requireUuid(input.id, 'id'),
      requireUuid(input.orderId, 'orderId'),
      requireText(input.carrierCode, 'carrierCode'),
      requireText(input.trackingNumber, 'trackingNumber'),
      Object.freeze(lines),
      requireOneOf(status, SHIPMENT_STATUSES, 'status'),
      shippedAt,
      statusChangedAt,
    );
  }

  get status(): ShipmentStatus {
    return this.statusValue;
  }

  get shippedAt(): Instant | undefined {
    return this.shippedAtValue;
  }

  get statusChangedAt(): Instant {
    return this.statusChangedAtValue;
  }

  /**
   * Applies a reported status if it moves the shipment forward and returns whether it did;
   * a stale or repeated report is ignored rather than refused, because providers resend.
   */
  advanceTo(status: ShipmentStatus, at: Instant = Instant.now()): boolean {
    if (!isForwardMove(this.statusValue, status)) return false;
    this.statusValue = status;
    this.statusChangedAtValue = at;
    if (this.shippedAtValue === undefined && hasLeftWarehouse(status)) this.shippedAtValue = at;
    return true;
  }

  pullEvents(): ShipmentRecorded[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): ShipmentSnapshot {
    return {
      id: this.id,
      orderId: this.orderId,
      carrierCode: this.carrierCode,
      trackingNumber: this.trackingNumber,
      lines: this.lines,
      status: this.statusValue,
      ...(this.shippedAtValue === undefined ? {} : { shippedAt: this.shippedAtValue }),
      statusChangedAt: this.statusChangedAtValue,
    };
  }
}
