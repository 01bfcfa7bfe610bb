import fc from 'fast-check';
import { channelQuantity, InvalidStockOptions, readChannelStockPolicy } from './channel-stock-policy';

describe('what a channel is shown of a SKU’s stock', () => {
  it('holds back the safety stock from on hand − reserved − in flight, never below zero', () => {
    const policy = readChannelStockPolicy('nengmao-demo', { safetyStock: 5 });
    expect(channelQuantity({ onHand: 100, reserved: 3, inFlight: 2 }, policy)).toBe(90);
    expect(channelQuantity({ onHand: 6, reserved: 0, inFlight: 0 }, policy)).toBe(1);
    expect(channelQuantity({ onHand: 4, reserved: 0, inFlight: 0 }, policy)).toBe(0);
    expect(channelQuantity({ onHand: 2, reserved: 3, inFlight: 1 }, policy)).toBe(0);
  });

  it('then shows a share, rounded down, and at most the maximum', () => {
    const policy = readChannelStockPolicy('tmg-demo', { safetyStock: 2, stockSharePercent: 30, stockMaximum: 20 });
    expect(channelQuantity({ onHand: 12, reserved: 0, inFlight: 0 }, policy)).toBe(3); // 10 × 30 % = 3
    expect(channelQuantity({ onHand: 15, reserved: 0, inFlight: 0 }, policy)).toBe(3); // 13 × 30 % = 3.9 -> 3
    expect(channelQuantity({ onHand: 1000, reserved: 0, inFlight: 0 }, policy)).toBe(20);
  });

  it('never promises more than is free, for any counts and options', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(100),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.nat(10_000), { nil: undefined }),
        (onHand, reserved, inFlight, safetyStock, stockSharePercent, stockMaximum) => {
          const policy = readChannelStockPolicy('c', {
            safetyStock,
            stockSharePercent,
            ...(stockMaximum === undefined ? {} : { stockMaximum }),
          });
          const shown = channelQuantity({ onHand, reserved, inFlight }, policy);
          expect(Number.isInteger(shown)).toBe(true);
          expect(shown).toBeGreaterThanOrEqual(0);
          expect(shown).toBeLessThanOrEqual(Math.max(0, onHand - reserved - inFlight - safetyStock));
        },
      ),
    );
  });

  it('refuses options it cannot use, naming each', () => {
    expect(() => readChannelStockPolicy('c', { safetyStock: -1 })).toThrow(InvalidStockOptions);
    expect(() => readChannelStockPolicy('c', { safetyStock: '5', stockSharePercent: 0 })).toThrow(/safetyStock.*stockSharePercent/);
  });
});
