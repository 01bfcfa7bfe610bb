import { InsufficientStock } from '@serai/domain';
import fc from 'fast-check';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { TransactionRunner } from '../transaction-runner';
import { InventoryLedgerRepository } from './inventory-ledger.repository';

type Operation =
  | { kind: 'delta'; quantity: number }
  | { kind: 'absolute'; quantity: number }
  | { kind: 'reserve'; quantity: number }
  | { kind: 'release' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('delta' as const), quantity: fc.integer({ min: -8, max: 8 }).filter((q) => q !== 0) }),
  fc.record({ kind: fc.constant('absolute' as const), quantity: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ kind: fc.constant('reserve' as const), quantity: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('release' as const) }),
);

describe('InventoryLedgerRepository: concurrent adjustments and orders never oversell (real PostgreSQL)', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const ledger = new InventoryLedgerRepository();
  let run = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
  });
  afterAll(() => db.drop());

  it('keeps on hand ≥ reserved + in flight, reservations exact, and adjustments in one serial order, whatever interleaves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.array(operation, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 4 }),
        async (start, writers) => {
          run += 1;
          const sku = `SKU-P${run}`;
          const location = 'WH1';
          await tx.run((m) =>
            ledger.adjust(m, { sku, location, mode: 'absolute', quantity: start, reason: 'start', actor: { name: 'test' } }),
          );
          const granted: string[] = [];
          // Each writer runs its operations in order; the writers run at once on separate connections.
          await Promise.all(
            writers.map(async (ops, w) => {
              for (const [i, op] of ops.entries()) {
                const reference = `${sku}:${w}:${i}`;
                try {
                  await tx.run(async (m) => {
                    if (op.kind === 'delta' || op.kind === 'absolute') {
                      await ledger.adjust(m, {
                        sku,
                        location,
                        mode: op.kind,
                        quantity: op.quantity,
                        reason: 'property',
                        actor: { name: `writer-${w}` },
                      });
                    } else if (op.kind === 'reserve') {
                      await ledger.reserve(m, { reference, sku, location, quantity: op.quantity });
                      granted.push(reference);
                    } else {
                      const held = granted.shift();
                      if (held !== undefined) await ledger.release(m, held);
                    }
                  });
                } catch (error) {
                  if (!(error instanceof InsufficientStock)) throw error;
                }
              }
            }),
          );
          const [level] = (await db.dataSource.query(`SELECT on_hand, reserved, in_flight FROM inventory_level WHERE sku = $1`, [sku])) as {
            on_hand: number;
            reserved: number;
            in_flight: number;
          }[];
          const [held] = (await db.dataSource.query(
            `SELECT coalesce(sum(quantity), 0)::int AS n FROM inventory_reservation WHERE sku = $1 AND released_at IS NULL`,
            [sku],
          )) as { n: number }[];
          const chain = (await db.dataSource.query(
            `SELECT on_hand_before, on_hand_after FROM inventory_adjustment WHERE sku = $1 ORDER BY id`,
            [sku],
          )) as { on_hand_before: number; on_hand_after: number }[];
          expect(level).toBeDefined();
          // Reservations are exactly what was granted and not given back.
          expect(level?.in_flight).toBe(held?.n);
          // Never oversold: what is promised never exceeds what is on hand.
          expect(level!.on_hand).toBeGreaterThanOrEqual(level!.reserved + level!.in_flight);
          // Every adjustment saw the figure the previous one left: one serial order, no lost update.
          for (let i = 1; i < chain.length; i += 1) expect(chain[i]?.on_hand_before).toBe(chain[i - 1]?.on_hand_after);
          for (const link of chain) expect(link.on_hand_after).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
