import { Instant } from '@serai/domain';
import type { InventoryRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { InventorySink, InventorySource } from '../ports/capabilities';

export const INVENTORY_PULL_STREAM = 'inventory-pull';
export const INVENTORY_PUSH_STREAM = 'inventory-push';

export interface InventoryPushOptions {
  readonly owner: string;
  readonly leaseMs: number;
  /** Stock held back from every SKU this channel shows (a connection's `safetyStock` option). */
  readonly safetyStock: number;
  /** A full push of every SKU at least this often (the TMALL Global document: daily, 2 am). */
  readonly fullEveryMs: number;
}

export interface InventoryPushResult {
  readonly mode: 'full' | 'incremental';
  readonly skus: number;
  readonly calls: number;
  readonly failed: number;
}

/** Inventory, source side: the 3PL's (or WMS's) stock figures become canonical levels. */
export class InventoryIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly inventory: InventoryRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: { readonly owner: string; readonly leaseMs: number },
  ) {}

  async run(connectionId: string, source: InventorySource): Promise<{ read: number; changed: number } | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, INVENTORY_PULL_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    let read = 0;
    let changed = 0;
    try {
      for await (const page of source.pullInventory()) {
        read += page.length;
        const figures = page.map((f) => ({
          sku: f.sku,
          location: f.location,
          onHand: f.onHand,
          reserved: f.reserved,
          asOf: f.asOf.toDate(),
        }));
        changed += (await this.tx.run((m) => this.inventory.record(m, figures))).length;
      }
      await this.cursors.advance(this.db, lease, { pulledAt: new Date().toISOString() });
      await this.cursors.release(this.db, lease);
      return { read, changed };
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}

/**
 * Inventory, marketplace side: pushes what each channel may sell. Incremental pushes send only
 * the SKUs changed since the last push — however many times a SKU changed in between, it is sent
 * once — and a full push on schedule re-sends every SKU; both in the largest batches the sink
 * accepts. The cursor moves only past what the marketplace accepted.
 */
export class InventoryPusher {
  constructor(
    private readonly db: EntityManager,
    private readonly inventory: InventoryRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  /** The later of two PostgreSQL timestamps, compared by PostgreSQL (text keeps the microseconds). */
  private async newestOf(batch: readonly { readonly changedAt: string }[], current: string): Promise<string> {
    const rows = (await this.db.query(`SELECT max(t)::text AS newest FROM unnest($1::timestamptz[]) AS t`, [
      [current, ...batch.map((s) => s.changedAt)],
    ])) as { newest: string }[];
    return rows[0]?.newest ?? current;
  }

  async run(connectionId: string, sink: InventorySink, options: InventoryPushOptions): Promise<InventoryPushResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, INVENTORY_PUSH_STREAM, options.owner, options.leaseMs);
    if (!lease) return undefined;
    const position = lease.position as { changedAfter?: string; lastFullAt?: string };
    const now = this.now();
    const full = position.lastFullAt === undefined || now.epochMillis - Date.parse(position.lastFullAt) >= options.fullEveryMs;
    const result = { mode: full ? ('full' as const) : ('incremental' as const), skus: 0, calls: 0, failed: 0 };
    const toQuantity = (available: number): number => Math.max(0, available - options.safetyStock);
    try {
      let changedAfter = position.changedAfter ?? '-infinity';
      if (full) {
        let after = '';
        let newest = changedAfter;
        for (;;) {
          const batch = await this.inventory.allAfter(this.db, after, sink.maxBatchSize);
          if (batch.length === 0) break;
          const outcome = await sink.pushStock(
            batch.map((s) => ({ sku: s.sku, quantity: toQuantity(s.available) })),
            'full',
          );
          result.skus += batch.length;
          result.calls += outcome.calls;
          result.failed += outcome.failed.length;
          after = batch[batch.length - 1]?.sku ?? after;
          newest = await this.newestOf(batch, newest);
        }
        changedAfter = newest;
      } else {
        for (;;) {
          const batch = await this.inventory.changedSince(this.db, changedAfter, sink.maxBatchSize);
          if (batch.length === 0) break;
          // Absolute figures, sent as a full replacement of these SKUs: repeating a push is harmless.
          const outcome = await sink.pushStock(
            batch.map((s) => ({ sku: s.sku, quantity: toQuantity(s.available) })),
            'full',
          );
          result.skus += batch.length;
          result.calls += outcome.calls;
          result.failed += outcome.failed.length;
          changedAfter = batch[batch.length - 1]?.changedAt ?? changedAfter;
          if (batch.length < sink.maxBatchSize) break;
        }
      }
      await this.cursors.advance(this.db, lease, {
        changedAfter,
        lastFullAt: full ? now.toISOString() : position.lastFullAt,
      });
      await this.cursors.release(this.db, lease);
      return result;
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
