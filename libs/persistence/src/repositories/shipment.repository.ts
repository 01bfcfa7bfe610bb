import { EntityManager } from 'typeorm';
import { Instant, Shipment } from '@serai/domain';

interface ShipmentRow {
  id: string;
  order_id: string;
  carrier_code: string;
  tracking_number: string;
  status: string;
  shipped_at: Date | null;
  status_changed_at?: Date;
  updated_at: Date;
}

/** How a parcel is known (the unique key of `shipment`). */
function shipmentKey(orderId: string, carrierCode: string, trackingNumber: string): string {
  return `${orderId} ${carrierCode} ${trackingNumber}`;
}

/** Canonical shipments. A parcel is known by (order, carrier, tracking number): reporting it again changes nothing. */
export class ShipmentRepository {
  /** Stores a new shipment; answers false (and stores nothing) when that parcel is already known. */
  async insertIfNew(tx: EntityManager, shipment: Shipment, sourceConnectionId: string | null, raw?: unknown): Promise<boolean> {
    const s = shipment.toSnapshot();
    const inserted = (await tx.query(
      `INSERT INTO shipment (id, order_id, carrier_code, tracking_number, status, shipped_at, source_connection_id, raw)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT ON CONSTRAINT shipment_unique_tracking DO NOTHING
       RETURNING id`,
      [
        s.id,
        s.orderId,
        s.carrierCode,
        s.trackingNumber,
        s.status,
        s.shippedAt?.toDate() ?? null,
        sourceConnectionId,
        raw === undefined ? null : JSON.stringify(raw),
      ],
    )) as unknown[];
    if (inserted.length === 0) return false;
    const values: unknown[] = [];
    const tuples = s.lines.map((line, i) => {
      values.push(s.id, i + 1, line.sku ?? line.lineId ?? '', line.quantity);
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    if (tuples.length > 0)
      await tx.query(`INSERT INTO shipment_line (shipment_id, line_no, sku, quantity) VALUES ${tuples.join(', ')}`, values);
    return true;
  }

  /** Which parcels with these tracking numbers are already stored, read in one statement. */
  async findKnown(
    db: EntityManager,
    trackingNumbers: readonly string[],
  ): Promise<(orderId: string, carrierCode: string, trackingNumber: string) => boolean> {
    if (trackingNumbers.length === 0) return () => false;
    const rows = (await db.query(`SELECT order_id, carrier_code, tracking_number FROM shipment WHERE tracking_number = ANY($1::text[])`, [
      [...new Set(trackingNumbers)],
    ])) as { order_id: string; carrier_code: string; tracking_number: string }[];
    const known = new Set(rows.map((r) => shipmentKey(r.order_id, r.carrier_code, r.tracking_number)));
    return (orderId, carrierCode, trackingNumber) => known.has(shipmentKey(orderId, carrierCode, trackingNumber));
  }

  async listForOrder(
    db: EntityManager,
    orderId: string,
  ): Promise<{ id: string; carrierCode: string; trackingNumber: string; status: string; shippedAt?: Instant }[]> {
    const rows = (await db.query(`SELECT * FROM shipment WHERE order_id = $1 ORDER BY created_at`, [orderId])) as ShipmentRow[];
    return rows.map((r) => ({
      id: r.id,
      carrierCode: r.carrier_code,
      trackingNumber: r.tracking_number,
      status: r.status,
      shippedAt: r.shipped_at ? Instant.fromDate(r.shipped_at) : undefined,
    }));
  }
}
