import { EntityManager } from 'typeorm';
import { Instant, isShipmentStatus, Shipment } from '@serai/domain';

interface ParcelRow {
  id: string;
  order_id: string;
  carrier_code: string;
  tracking_number: string;
  status: string;
  shipped_at: Date | null;
  updated_at: Date;
}

/**
 * Canonical shipments as parcels whose status moves: a parcel is found by (order, carrier,
 * tracking number), locked, and its status written back. (Recording a new one is
 * ShipmentRepository.insertIfNew.)
 */
export class ShipmentParcelRepository {
  /** The parcel with its lines, locked for the transaction; undefined when it is not known. */
  async findForUpdate(tx: EntityManager, orderId: string, carrierCode: string, trackingNumber: string): Promise<Shipment | undefined> {
    const rows = (await tx.query(
      `SELECT id, order_id, carrier_code, tracking_number, status, shipped_at, updated_at FROM shipment
        WHERE order_id = $1 AND carrier_code = $2 AND tracking_number = $3 FOR UPDATE`,
      [orderId, carrierCode, trackingNumber],
    )) as ParcelRow[];
    const row = rows[0];
    if (row === undefined) return undefined;
    if (!isShipmentStatus(row.status)) throw new Error(`shipment ${row.id} has the unknown status ${row.status}`);
    const lines = (await tx.query(`SELECT sku, quantity FROM shipment_line WHERE shipment_id = $1 ORDER BY line_no`, [row.id])) as {
      sku: string;
      quantity: number;
    }[];
    return Shipment.restore({
      id: row.id,
      orderId: row.order_id,
      carrierCode: row.carrier_code,
      trackingNumber: row.tracking_number,
      lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      status: row.status,
      ...(row.shipped_at === null ? {} : { shippedAt: Instant.fromDate(row.shipped_at) }),
      statusChangedAt: Instant.fromDate(row.updated_at),
    });
  }

  /** Writes a parcel's status (and ship time) after the domain moved it. */
  async saveStatus(tx: EntityManager, shipment: Shipment): Promise<void> {
    await tx.query(`UPDATE shipment SET status = $2, shipped_at = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
      shipment.id,
      shipment.status,
      shipment.shippedAt?.toDate() ?? null,
    ]);
  }

  /** Replaces a parcel's lines (a pending parcel's contents are provisional until the report that it left). */
  async replaceLines(tx: EntityManager, shipment: Shipment): Promise<void> {
    await tx.query(`DELETE FROM shipment_line WHERE shipment_id = $1`, [shipment.id]);
    const values: unknown[] = [];
    const tuples = shipment.lines.map((line, i) => {
      values.push(shipment.id, i + 1, line.sku ?? line.lineId ?? '', line.quantity);
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    if (tuples.length > 0)
      await tx.query(`INSERT INTO shipment_line (shipment_id, line_no, sku, quantity) VALUES ${tuples.join(', ')}`, values);
  }
}
