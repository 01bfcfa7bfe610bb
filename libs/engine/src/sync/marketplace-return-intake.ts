import { randomUUID } from 'node:crypto';
import { DomainError, Instant, Return } from '@serai/domain';
import type { OrderRepository, ReturnRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { ReturnSource, SourcedReturn, TimeWindow } from '../ports/capabilities';

export const RETURNS_STREAM = 'marketplace-returns';

type StoreOutcome = 'stored' | 'stored-order-unknown' | 'duplicate' | 'refused';

/** Passes over the not-yet-retrieved list in one run; bounded so a return the source will not let go cannot loop forever. */
const MAX_PASSES = 20;
const UNACKNOWLEDGED_BATCH = 100;

export interface ReturnIntakeOptions {
  readonly owner: string;
  readonly leaseMs: number;
  /** How far back the list of returns not yet retrieved is read. */
  readonly lookbackMs: number;
}

export interface ReturnIntakeResult {
  readonly read: number;
  readonly stored: number;
  readonly duplicates: number;
  /** Stored returns whose order the hub does not know (kept, with the marketplace's order number). */
  readonly orderUnknown: number;
  /** Returns the canonical model refuses (no lines, mixed currencies ...): neither stored nor acknowledged. */
  readonly refused: number;
  readonly acknowledged: number;
  readonly acknowledgeFailures: number;
}

/**
 * Returns, marketplace side: pull the returns the marketplace has not handed over yet (Nengmao
 * `returnType=Y`), store each canonically — linked to its order when the hub knows it, kept with
 * the marketplace's order number when it does not — and only after that commit acknowledge them
 * (`status/confirmation` with `returnResult`), then stamp the acknowledgement. A crash between
 * the commit and the acknowledgement leaves the return listed: the next run finds it stored
 * (one per return number and source) and acknowledges it; nothing is lost or stored twice.
 */
export class MarketplaceReturnIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly returns: ReturnRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: ReturnIntakeOptions,
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  /** One run for one connection; undefined when another instance holds the stream. */
  async run(connectionId: string, connectionName: string, source: ReturnSource): Promise<ReturnIntakeResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, RETURNS_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    const to = this.now();
    const window: TimeWindow = { from: to.plusMillis(-this.options.lookbackMs), to };
    const totals = { read: 0, stored: 0, duplicates: 0, orderUnknown: 0, refused: 0, acknowledged: 0, acknowledgeFailures: 0 };
    try {
      for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        let changed = 0;
        for await (const page of source.pullReturns(window)) {
          totals.read += page.length;
          const outcomes = await this.tx.run(async (m) => {
            const stored: StoreOutcome[] = [];
            for (const sourced of page) stored.push(await this.store(m, connectionName, sourced));
            return stored;
          });
          totals.stored += outcomes.filter((o) => o === 'stored' || o === 'stored-order-unknown').length;
          totals.orderUnknown += outcomes.filter((o) => o === 'stored-order-unknown').length;
          totals.duplicates += outcomes.filter((o) => o === 'duplicate').length;
          totals.refused += outcomes.filter((o) => o === 'refused').length;
          // Only now, with the page committed, does the marketplace hear that we have these returns
          // (a refused one stays listed there, for a person to look at).
          const keep = page.filter((_, i) => outcomes[i] !== 'refused').map((r) => r.returnRequest.returnNumber);
          const acknowledged = keep.length === 0 ? { succeeded: [], failed: [], calls: 0 } : await source.acknowledgeReturns(keep);
          totals.acknowledgeFailures += acknowledged.failed.length;
          changed += acknowledged.succeeded.length;
          totals.acknowledged += await this.tx.run((m) => this.returns.markAcknowledged(m, connectionName, acknowledged.succeeded));
        }
        // Acknowledging shifts the list under a paged walk: pass again while a pass changed something.
        if (changed === 0) break;
      }
      // Stored but never acknowledged (a crash after the commit, or an acknowledgement refused): again.
      for (;;) {
        const pending = await this.returns.findUnacknowledged(this.db, connectionName, UNACKNOWLEDGED_BATCH);
        if (pending.length === 0) break;
        const acknowledged = await source.acknowledgeReturns(pending);
        totals.acknowledgeFailures += acknowledged.failed.length;
        const stamped = await this.tx.run((m) => this.returns.markAcknowledged(m, connectionName, acknowledged.succeeded));
        totals.acknowledged += stamped;
        if (stamped === 0 || pending.length < UNACKNOWLEDGED_BATCH) break;
      }
      await this.cursors.advance(this.db, lease, { to: to.toISOString() });
      await this.cursors.release(this.db, lease);
      return totals;
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private async store(tx: EntityManager, connectionName: string, sourced: SourcedReturn): Promise<StoreOutcome> {
    const order = await this.orders.findBySource(tx, connectionName, sourced.externalOrderNumber);
    let returned: Return;
    try {
      returned = Return.receive(
        { ...sourced.returnRequest, id: randomUUID(), ...(order === undefined ? {} : { orderId: order.order.id }) },
        this.now(),
      );
    } catch (error) {
      // One return the model refuses must not hold up the others; nothing was written for it.
      if (error instanceof DomainError) return 'refused';
      throw error;
    }
    const inserted = await this.returns.insertIfNew(
      tx,
      returned,
      { connectionName, externalOrderNumber: sourced.externalOrderNumber },
      sourced.raw,
    );
    if (!inserted) return 'duplicate';
    return order === undefined ? 'stored-order-unknown' : 'stored';
  }
}
