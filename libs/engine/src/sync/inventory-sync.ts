import { Instant } from '@serai/domain';
import type {
  InventoryRepository,
  OutboxRepository,
  StockFigureRow,
  StockPushQueueRepository,
  SyncCursorRepository,
  TransactionRunner,
} from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { ChannelStockPolicy, channelQuantity, channelQuantityOfAvailable, readChannelStockPolicy } from '../inventory/channel-stock-policy';
import { isFullPushDue, readFullPushSchedule } from '../inventory/full-push-schedule';
import { inventoryChangedEvent } from '../inventory/inventory-events';
import type { MappingService } from '../mapping/mapping.service';
import type { InventorySink, InventorySource, StockFigure } from '../ports/capabilities';

export const INVENTORY_PULL_STREAM = 'logistics-inventory';
export const INVENTORY_PUSH_STREAM = 'marketplace-stock';
export { PUSH_STOCK } from '../inventory/push-stock';

export interface InventoryPushOptions {
  readonly owner: string;
  readonly leaseMs: number;
}

/** The marketplace connection a push goes to; its options carry the safety stock and the full push schedule. */
export interface StockTarget {
  readonly id: string;
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface InventoryPushResult {
  readonly mode: 'full' | 'incremental';
  readonly skus: number;
  readonly calls: number;
  readonly failed: number;
}

export interface InventoryIntakeResult {
  readonly read: number;
  readonly changed: number;
  /** Figures whose product the SKU cross-reference does not know: not stored, named in the log. */
  readonly unmapped: number;
}

/**
 * Inventory, source side: the 3PL's (or WMS's) stock figures become canonical levels. A figure
 * naming the product by the source's own numbers is translated to the canonical SKU through the
 * `sku-xref` mapping table first; each level that changed is written with its InventoryChanged
 * event in one transaction, so routes send it on.
 */
export class InventoryIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly inventory: InventoryRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: { readonly owner: string; readonly leaseMs: number },
    private readonly outbox?: OutboxRepository,
    private readonly mappings?: MappingService,
    private readonly onUnmapped: (identifiers: readonly string[]) => void = () => undefined,
  ) {}

  async run(connectionId: string, source: InventorySource, connectionName?: string): Promise<InventoryIntakeResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, INVENTORY_PULL_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    let read = 0;
    let changed = 0;
    const unmapped: string[] = [];
    try {
      for await (const page of source.pullInventory()) {
        read += page.length;
        const figures: StockFigureRow[] = [];
        for (const { figure, sku } of await this.translate(page)) {
          if (sku === undefined) unmapped.push(figure.sku);
          else
            figures.push({ sku, location: figure.location, onHand: figure.onHand, reserved: figure.reserved, asOf: figure.asOf.toDate() });
        }
        const at = new Date();
        changed += await this.tx.run(async (m) => {
          const changes = await this.inventory.recordChanges(m, figures);
          await this.outbox?.append(
            m,
            changes.map((c) => inventoryChangedEvent(c, 'snapshot', at, connectionName)),
          );
          return changes.length;
        });
      }
      if (unmapped.length > 0) this.onUnmapped(unmapped);
      await this.cursors.advance(this.db, lease, { pulledAt: new Date().toISOString(), read, changed, unmapped: unmapped.length });
      await this.cursors.release(this.db, lease);
      return { read, changed, unmapped: unmapped.length };
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /**
   * The canonical SKU of each figure. A source naming its own numbers goes through the
   * cross-reference; a number the cross-reference lacks is still taken when it is itself a
   * canonical SKU (Serai publishes products to the 3PL under their SKU unless told otherwise).
   */
  private async translate(page: readonly StockFigure[]): Promise<{ figure: StockFigure; sku: string | undefined }[]> {
    const translated: { figure: StockFigure; sku: string | undefined }[] = [];
    for (const figure of page) {
      const own = figure.identifiers;
      translated.push({ figure, sku: own === undefined ? figure.sku : await this.mappings?.canonicalSkuOf(own) });
    }
    const missing = translated.filter((t) => t.sku === undefined).map((t) => t.figure.sku);
    if (missing.length === 0) return translated;
    const known = await this.inventory.knownSkus(this.db, missing);
    return translated.map((t) => (t.sku === undefined && known.has(t.figure.sku) ? { ...t, sku: t.figure.sku } : t));
  }
}

/**
 * Inventory, marketplace side: pushes what each channel may sell (channel-stock-policy). An
 * incremental push sends the SKUs waiting for this connection (each once, however often it
 * changed: the pending queue holds one row per SKU) with their figures read at push time; a full
 * push on the connection's schedule (default 02:00 GMT+8 daily) re-sends every SKU. Both go in
 * the largest batches the sink accepts. A SKU leaves the queue only once the marketplace took it
 * (or refused it for good); a retryable refusal stays for the next window.
 */
export class InventoryPusher {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly inventory: InventoryRepository,
    private readonly queue: StockPushQueueRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: InventoryPushOptions,
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  async run(target: StockTarget, sink: InventorySink): Promise<InventoryPushResult | undefined> {
    // Read before the lease: a misconfigured connection fails loudly and holds nothing.
    const policy = readChannelStockPolicy(target.name, target.options);
    const schedule = readFullPushSchedule(target.name, target.options);
    const lease = await this.cursors.acquire(this.db, target.id, INVENTORY_PUSH_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    const position = lease.position as { lastFullAt?: string };
    const now = this.now();
    const lastFullAt = position.lastFullAt === undefined ? undefined : Instant.parse(position.lastFullAt);
    const full = isFullPushDue(now, lastFullAt, schedule);
    try {
      const result = full ? await this.pushFull(target, sink, policy) : await this.pushPending(target, sink, policy);
      await this.cursors.advance(this.db, lease, {
        ...(full ? { lastFullAt: now.toISOString() } : position.lastFullAt === undefined ? {} : { lastFullAt: position.lastFullAt }),
        lastPush: { mode: result.mode, skus: result.skus, calls: result.calls, failed: result.failed, at: now.toISOString() },
      });
      await this.cursors.release(this.db, lease);
      return result;
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private async pushFull(target: StockTarget, sink: InventorySink, policy: ChannelStockPolicy): Promise<InventoryPushResult> {
    const result = { mode: 'full' as const, skus: 0, calls: 0, failed: 0 };
    // Everything waiting now is covered by this push: its figures are read after this point.
    await this.tx.run((m) => this.queue.coverByFull(m, target.id));
    let after = '';
    for (;;) {
      const batch = await this.inventory.allAfter(this.db, after, sink.maxBatchSize);
      if (batch.length === 0) break;
      const outcome = await sink.pushStock(
        batch.map((s) => ({ sku: s.sku, quantity: channelQuantityOfAvailable(s.available, policy) })),
        'full',
      );
      result.skus += batch.length;
      result.calls += outcome.calls;
      result.failed += outcome.failed.length;
      after = batch[batch.length - 1]?.sku ?? after;
      if (batch.length < sink.maxBatchSize) break;
    }
    await this.tx.run((m) => this.queue.doneByFull(m, target.id));
    return result;
  }

  private async pushPending(target: StockTarget, sink: InventorySink, policy: ChannelStockPolicy): Promise<InventoryPushResult> {
    const result = { mode: 'incremental' as const, skus: 0, calls: 0, failed: 0 };
    // Bounded by what waits now: SKUs marked during this run go in the next window.
    let rounds = Math.ceil((await this.queue.count(this.db, target.id)) / sink.maxBatchSize);
    while (rounds > 0) {
      rounds -= 1;
      const pending = await this.queue.oldest(this.db, target.id, sink.maxBatchSize);
      if (pending.length === 0) break;
      const totals = await this.inventory.totals(
        this.db,
        pending.map((p) => p.sku),
      );
      // Absolute figures (stocks/update type 0): repeating a push is harmless.
      const outcome = await sink.pushStock(
        pending.map((p) => ({
          sku: p.sku,
          quantity: channelQuantity(totals.get(p.sku) ?? { onHand: 0, reserved: 0, inFlight: 0 }, policy),
        })),
        'full',
      );
      const retry = new Set(outcome.failed.filter((f) => f.retryable).map((f) => f.key));
      await this.tx.run((m) =>
        this.queue.done(
          m,
          target.id,
          pending.filter((p) => !retry.has(p.sku)),
        ),
      );
      result.skus += pending.length;
      result.calls += outcome.calls;
      result.failed += outcome.failed.length;
      // Retryable refusals stay queued (oldest first): wait for the next window rather than spin on them.
      if (retry.size > 0 || pending.length < sink.maxBatchSize) break;
    }
    return result;
  }
}
