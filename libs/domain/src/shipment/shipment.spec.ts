import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant } from '../time/instant';
import { Shipment, ShipmentInput } from './shipment';

const SHIPMENT_ID = '5b0c2f1e-1111-4a3b-9c1d-000000000001';
const ORDER_ID = '5b0c2f1e-2222-4a3b-9c1d-000000000002';
const t0 = Instant.parse('2024-09-01T02:00:00Z');
const t1 = t0.plusMillis(60_000);

const input = (overrides: Partial<ShipmentInput> = {}): ShipmentInput => ({
  id: SHIPMENT_ID,
  orderId: ORDER_ID,
  carrierCode: 'sf',
  trackingNumber: 'SF1234567890',
  lines: [
    { lineId: 'L1', quantity: 1 },
    { sku: '21-1-008320-E00008', quantity: 2 },
  ],
  ...overrides,
});

describe('Shipment', () => {
  it('records a shipped parcel and its ShipmentRecorded event', () => {
    const shipment = Shipment.record(input({ shippedAt: t0 }), t1);
    expect(shipment.status).toBe('shipped');
    expect(shipment.pullEvents()).toEqual([
      {
        type: 'ShipmentRecorded',
        aggregateType: 'Shipment',
        aggregateId: SHIPMENT_ID,
        occurredAt: t1.toISOString(),
        payload: {
          orderId: ORDER_ID,
          carrierCode: 'sf',
          trackingNumber: 'SF1234567890',
          status: 'shipped',
          lines: [
            { lineId: 'L1', sku: null, quantity: 1 },
            { lineId: null, sku: '21-1-008320-E00008', quantity: 2 },
          ],
          shippedAt: t0.toISOString(),
        },
      },
    ]);
  });

  it('takes the recording time as shippedAt when a shipped parcel comes without one', () => {
    expect(Shipment.record(input(), t1).shippedAt).toEqual(t1);
  });

  it('leaves shippedAt empty for a pending parcel and sets it when the parcel leaves', () => {
    const shipment = Shipment.record(input({ status: 'pending' }), t0);
    expect(shipment.shippedAt).toBeUndefined();
    expect(shipment.advanceTo('in_transit', t1)).toBe(true);
    expect([shipment.status, shipment.shippedAt, shipment.statusChangedAt]).toEqual(['in_transit', t1, t1]);
  });

  it('ignores an older status arriving after a newer one', () => {
    const shipment = Shipment.record(input({ status: 'in_transit' }), t0);
    expect(shipment.advanceTo('shipped', t1)).toBe(false);
    expect(shipment.status).toBe('in_transit');
    expect(shipment.statusChangedAt).toEqual(t0);
  });

  it('never leaves delivered or cancelled', () => {
    const delivered = Shipment.record(input({ status: 'delivered' }), t0);
    expect(delivered.advanceTo('cancelled', t1)).toBe(false);
    const cancelled = Shipment.record(input({ status: 'pending' }), t0);
    expect(cancelled.advanceTo('cancelled', t1)).toBe(true);
    expect(cancelled.advanceTo('delivered', t1)).toBe(false);
    expect(cancelled.status).toBe('cancelled');
  });

  it('refuses a shipment without lines, with a line naming nothing, or with a zero quantity', () => {
    expect(() => Shipment.record(input({ lines: [] }))).toThrow(new InvariantViolation('lines', 'a shipment carries at least one line'));
    expect(() => Shipment.record(input({ lines: [{ quantity: 1 }] }))).toThrow(expect.objectContaining({ field: 'lines[0]' }));
    expect(() => Shipment.record(input({ lines: [{ lineId: 'L1', quantity: 0 }] }))).toThrow(
      expect.objectContaining({ field: 'lines[0].quantity' }),
    );
  });

  it('refuses missing carrier or tracking number and non-UUID ids', () => {
    expect(() => Shipment.record(input({ carrierCode: ' ' }))).toThrow(expect.objectContaining({ field: 'carrierCode' }));
    expect(() => Shipment.record(input({ trackingNumber: '' }))).toThrow(expect.objectContaining({ field: 'trackingNumber' }));
    expect(() => Shipment.record(input({ orderId: '101080953050411111' }))).toThrow(expect.objectContaining({ field: 'orderId' }));
  });

  it('restores from its snapshot without events', () => {
    const shipment = Shipment.record(input(), t0);
    shipment.advanceTo('delivered', t1);
    const restored = Shipment.restore(shipment.toSnapshot());
    expect(restored.toSnapshot()).toEqual(shipment.toSnapshot());
    expect(restored.pullEvents()).toEqual([]);
  });
});
