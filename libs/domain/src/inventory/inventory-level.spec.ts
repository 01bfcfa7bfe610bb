import fc from 'fast-check';
import { InsufficientStock } from '../errors/insufficient-stock.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant } from '../time/instant';
import { InventoryLevel, InventoryLevelInput } from './inventory-level';

const T0 = Instant.parse('2024-09-01T02:00:00Z');
const T1 = T0.plusMillis(1000);

const input = (overrides: Partial<InventoryLevelInput> = {}): InventoryLevelInput => ({
  sku: 'SMK123',
  locationId: 'WH-SH',
  onHand: 10,
  available: 6,
  reserved: 4,
  asOf: T0,
  ...overrides,
});

const counts = (level: InventoryLevel): [number, number, number] => [level.onHand, level.available, level.reserved];

describe('InventoryLevel', () => {
  it('records the first sighting of a level as a snapshot change', () => {
    const level = InventoryLevel.create(input());
    expect(level.pullEvents()).toEqual([
      {
        type: 'InventoryChanged',
        aggregateType: 'InventoryLevel',
        aggregateId: 'SMK123@WH-SH',
        occurredAt: T0.toISOString(),
        payload: {
          sku: 'SMK123',
          locationId: 'WH-SH',
          onHand: 10,
          available: 6,
          reserved: 4,
          cause: 'snapshot',
          delta: { onHand: 10, available: 6, reserved: 4 },
          asOf: T0.toISOString(),
        },
      },
    ]);
  });

  it.each([
    [{ onHand: -1 }, 'onHand'],
    [{ available: -1 }, 'available'],
    [{ reserved: -1 }, 'reserved'],
    [{ onHand: 1.5 }, 'onHand'],
    [{ available: 11 }, 'available'],
    [{ reserved: 11 }, 'reserved'],
    [{ sku: ' ' }, 'sku'],
  ])('refuses the counts %p', (overrides, field) => {
    expect(() => InventoryLevel.restore(input(overrides))).toThrow(expect.objectContaining({ field }));
  });

  it('applies goods in and out to on-hand and available', () => {
    const level = InventoryLevel.restore(input());
    level.applyDelta(5, T1);
    expect(counts(level)).toEqual([15, 11, 4]);
    level.applyDelta(-11, T1);
    expect(counts(level)).toEqual([4, 0, 4]);
    expect(level.asOf).toEqual(T1);
    expect(level.pullEvents().map((event) => [event.payload.cause, event.payload.delta])).toEqual([
      ['adjustment', { onHand: 5, available: 5, reserved: 0 }],
      ['adjustment', { onHand: -11, available: -11, reserved: 0 }],
    ]);
  });

  it('refuses to take out more than is available, changing nothing', () => {
    const level = InventoryLevel.restore(input());
    expect(() => level.applyDelta(-7, T1)).toThrow(new InsufficientStock('SMK123', 'WH-SH', 7, 6));
    expect(counts(level)).toEqual([10, 6, 4]);
    expect(level.pullEvents()).toEqual([]);
  });

  it('ignores a zero delta and refuses a fractional one', () => {
    const level = InventoryLevel.restore(input());
    level.applyDelta(0, T1);
    expect(level.pullEvents()).toEqual([]);
    expect(() => level.applyDelta(0.5, T1)).toThrow(InvariantViolation);
  });

  it('reserves from available and releases back', () => {
    const level = InventoryLevel.restore(input());
    level.reserve(6, T1);
    expect(counts(level)).toEqual([10, 0, 10]);
    level.release(3, T1);
    expect(counts(level)).toEqual([10, 3, 7]);
    expect(level.pullEvents().map((event) => event.payload.cause)).toEqual(['reservation', 'release']);
  });

  it('refuses to reserve more than is available or release more than is reserved', () => {
    const level = InventoryLevel.restore(input());
    expect(() => level.reserve(7, T1)).toThrow(InsufficientStock);
    expect(() => level.release(5, T1)).toThrow(new InsufficientStock('SMK123', 'WH-SH', 5, 4));
    expect(() => level.reserve(0, T1)).toThrow(InvariantViolation);
    expect(counts(level)).toEqual([10, 6, 4]);
  });

  it('replaces its counts with a newer full report and refuses an older one', () => {
    const level = InventoryLevel.restore(input());
    level.replaceWith({ onHand: 20, available: 20, reserved: 0 }, T1);
    expect(counts(level)).toEqual([20, 20, 0]);
    expect(level.pullEvents()[0].payload.delta).toEqual({ onHand: 10, available: 14, reserved: -4 });
    expect(() => level.replaceWith({ onHand: 1, available: 1, reserved: 0 }, T0)).toThrow(expect.objectContaining({ field: 'asOf' }));
  });

  it('records nothing for a full report that changes no count', () => {
    const level = InventoryLevel.restore(input());
    level.replaceWith({ onHand: 10, available: 6, reserved: 4 }, T1);
    expect(level.pullEvents()).toEqual([]);
    expect(level.asOf).toEqual(T1);
  });

  it('restores from its snapshot', () => {
    const level = InventoryLevel.restore(input());
    expect(InventoryLevel.restore(level.toSnapshot()).toSnapshot()).toEqual(level.toSnapshot());
  });

  it('never lets any count go negative or available exceed on-hand, whatever the operations', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('delta' as const), quantity: fc.integer({ min: -20, max: 20 }) }),
      fc.record({ kind: fc.constant('reserve' as const), quantity: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('release' as const), quantity: fc.integer({ min: 1, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const level = InventoryLevel.restore(input());
        for (const { kind, quantity } of operations) {
          try {
            if (kind === 'delta') level.applyDelta(quantity, T1);
            else if (kind === 'reserve') level.reserve(quantity, T1);
            else level.release(quantity, T1);
          } catch (error: unknown) {
            if (!(error instanceof InsufficientStock)) throw error;
          }
          expect(Math.min(level.onHand, level.available, level.reserved)).toBeGreaterThanOrEqual(0);
          expect(level.available).toBeLessThanOrEqual(level.onHand);
          expect(level.reserved).toBeLessThanOrEqual(level.onHand);
        }
      }),
    );
  });
});
