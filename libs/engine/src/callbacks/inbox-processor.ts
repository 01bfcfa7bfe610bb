import { randomUUID } from 'node:crypto';
import { DomainError, hasLeftWarehouse, Instant, Order, Shipment } from '@serai/domain';
import type {
  InboxRow,
  InboxSettlement,
  OrderRepository,
  ShipmentParcelRepository,
  ShipmentRepository,
  SkuCrossReferenceRepository,
  TransactionRunner,
  WebhookInboxProcessingRepository,
} from '@serai/persistence';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { BackoffPolicy, nextRetryDelayMs } from '../delivery/backoff';
import type { ConnectorResolver } from '../delivery/delivery-worker';
import { InterpretedCallback, SourcedShipment, UninterpretableCallback } from '../ports/capabilities';
import { canonicalLinesOf, namesALine, UnmatchedCallbackItems } from './callback-lines';
import { decideParcel } from './parcel-progress';

export interface InboxProcessorOptions {
  /** Who holds the claimed rows' leases (hub instance id). */
  readonly owner: string;
  /** How long a claimed row stays reserved: after a crash, it is processed again this long after it was taken. */
  readonly leaseMs: number;
  readonly batchSize: number;
  /** How often a row waiting for its order is looked at again even if no order arrived (an operator may have fixed a mapping). */
  readonly waitingRetryMs: number;
  /** Retries of rows that failed for a passing reason (a conflicting write, the database); permanent failures wait for an operator. */
  readonly retry: BackoffPolicy;
}

export const DEFAULT_INBOX_OPTIONS: Omit<InboxProcessorOptions, 'owner'> = {
  leaseMs: 60_000,
  batchSize: 50,
  waitingRetryMs: 10 * 60_000,
  retry: { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, maxAttempts: 10 },
};

/** A failure processing again will not cure: the row stays failed until an operator reprocesses it. */
class PermanentCallbackFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentCallbackFailure';
  }
}

/** What processing did to one parcel, kept on the row (`outcome`) for the callbacks API. */
interface ParcelOutcome {
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly reported: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly action: 'recorded' | 'advanced' | 'ignored' | 'no-parcel';
  readonly reason?: string;
  readonly shipmentId?: string;
  /** The parcel was counted against the order's lines now (OrderShipped / OrderPartiallyShipped). */
  readonly countedOnOrder?: boolean;
}

type Processed =
  | { readonly state: 'processed'; readonly orderId: string; readonly parcels: readonly ParcelOutcome[] }
  | { readonly state: 'waiting_for_order' }
  | { readonly state: 'lease-lost' };

export type ReprocessResult = { readonly kind: 'done'; readonly row: InboxRow } | { readonly kind: 'busy' } | { readonly kind: 'missing' };

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Turns received callbacks (`webhook_inbox`) into canonical shipment changes and domain events.
 * Each row is applied in ONE transaction with its state change, under a lease: several hub
 * instances share the rows (SKIP LOCKED), a crashed instance's rows are taken up again when its
 * lease runs out, and a row is never applied twice because the transaction that applies it is
 * the one that marks it processed, and only while its lease is held. Re-applying the same report
 * (a duplicate, a reprocess) changes nothing: parcels are known by order, carrier and tracking
 * number, and their status only moves forward (parcel-progress.ts, ADR 0013).
 */
export class InboxProcessor {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly inbox: WebhookInboxProcessingRepository,
    private readonly orders: OrderRepository,
    private readonly shipments: ShipmentRepository,
    private readonly parcels: ShipmentParcelRepository,
    private readonly crossReference: SkuCrossReferenceRepository,
    private readonly connectors: ConnectorResolver,
    private readonly options: InboxProcessorOptions,
    private readonly logger?: Logger,
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  /** Claims one batch of due rows and processes them; answers how many were claimed. */
  async runOnce(): Promise<number> {
    const rows = await this.inbox.claim(this.db, this.options.owner, this.options.leaseMs, this.options.batchSize);
    for (const row of rows) await this.process(row);
    return rows.length;
  }

  /** Processes one row now, whatever its state (an operator's reprocess), unless another instance is processing it. */
  async reprocess(id: string): Promise<ReprocessResult> {
    const claimed = await this.inbox.claimOne(this.db, id, this.options.owner, this.options.leaseMs);
    if (!claimed) return (await this.inbox.findById(this.db, id)) ? { kind: 'busy' } : { kind: 'missing' };
    await this.process(claimed);
    const row = await this.inbox.findById(this.db, id);
    return row ? { kind: 'done', row } : { kind: 'missing' };
  }

  private async process(row: InboxRow): Promise<void> {
    let interpreted: InterpretedCallback;
    try {
      interpreted = await this.interpret(row);
    } catch (error) {
      await this.fail(row, error);
      return;
    }
    try {
      const result = await this.tx.run((m) => this.apply(m, row, interpreted));
      if (result.state === 'lease-lost')
        this.logger?.warn({ inboxId: row.id }, 'callback lease lost before it was applied; another instance has it');
    } catch (error) {
      await this.fail(row, error, interpreted.externalOrderNumber);
    }
  }

  private async interpret(row: InboxRow): Promise<InterpretedCallback> {
    if (row.connectionId === null)
      throw new PermanentCallbackFailure('NO_CONNECTION', `store ${row.store} is mapped to no connection (or the connection was deleted)`);
    const resolved = await this.connectors.resolve(row.connectionId);
    // A disabled connection may be enabled again: a passing failure, retried.
    if (!resolved) throw new Error(`connection ${row.connectionId} of store ${row.store} is disabled or gone`);
    const interpreter = resolved.connector.shipmentCallbackInterpreter;
    if (!interpreter)
      throw new PermanentCallbackFailure('CAPABILITY_MISSING', `connection ${resolved.connectionName} cannot read logistics callbacks`);
    return interpreter.interpretCallback(row.body, row.bodyFormat);
  }

  /** Inside the row's transaction: the canonical changes, their events (via the order's outbox) and the row's final state. */
  private async apply(m: EntityManager, claimed: InboxRow, callback: InterpretedCallback): Promise<Processed> {
    const row = await this.inbox.lockOwned(m, claimed.id, this.options.owner);
    if (!row) return { state: 'lease-lost' };
    const number = callback.externalOrderNumber;
    // Callbacks of one order are applied one at a time, whichever instance holds them.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`inbox-order:${number}`]);
    const ids = await this.orders.findIdsByExternalOrderNumber(m, number);
    if (ids.length === 0) {
      await this.settle(m, row, {
        state: 'waiting_for_order',
        externalOrderNumber: number,
        outcome: { sourceStatus: callback.sourceStatus, waitingFor: number },
        lastError: `no order ${number} is known yet; processed when it arrives`,
        nextAttemptAt: new Date(this.now().epochMillis + this.options.waitingRetryMs),
      });
      return { state: 'waiting_for_order' };
    }
    if (ids.length > 1)
      throw new PermanentCallbackFailure('AMBIGUOUS_ORDER', `${ids.length} orders (from different sources) have the number ${number}`);
    const orderId = ids[0] ?? '';
    const found = await this.orders.findById(m, orderId);
    if (!found) throw new Error(`order ${orderId} vanished`);
    const order = found.order;
    // Intake and forwarding may still be on their way (the order is stored, not yet at the order
    // system): the row waits for the order to be forwarded rather than being refused by its state machine.
    if ((order.status === 'received' || order.status === 'acknowledged') && callback.shipments.some((p) => hasLeftWarehouse(p.status))) {
      await this.settle(m, row, {
        state: 'waiting_for_order',
        externalOrderNumber: number,
        outcome: { sourceStatus: callback.sourceStatus, waitingFor: number, orderStatus: order.status },
        lastError: `order ${number} is ${order.status}, not yet forwarded; processed once it is`,
        nextAttemptAt: new Date(this.now().epochMillis + this.options.waitingRetryMs),
      });
      return { state: 'waiting_for_order' };
    }
    // Only codes the order's own lines do not name are looked up in the cross-reference.
    const foreignCodes = callback.shipments
      .flatMap((parcel) => parcel.lines.map((line) => line.sku))
      .filter((code) => !namesALine(order, code));
    const references = await this.crossReference.resolve(m, row.connectionId, [...new Set(foreignCodes)]);
    const statusBefore = order.status;
    const outcomes: ParcelOutcome[] = [];
    for (const parcel of callback.shipments) outcomes.push(await this.applyParcel(m, row, order, parcel, references));
    const shippedNow = outcomes.some((o) => o.countedOnOrder === true);
    // The order's OrderShipped / OrderPartiallyShipped events go to the outbox with this update.
    if (shippedNow) await this.orders.update(m, order, found.version);
    const orderStatus = { before: statusBefore, after: order.status };
    await this.settle(m, row, {
      state: 'processed',
      externalOrderNumber: number,
      outcome: { sourceStatus: callback.sourceStatus, orderId, orderStatus, parcels: outcomes },
      lastError: null,
      nextAttemptAt: null,
    });
    return { state: 'processed', orderId, parcels: outcomes };
  }

  private async applyParcel(
    m: EntityManager,
    row: InboxRow,
    order: Order,
    parcel: SourcedShipment,
    references: ReadonlyMap<string, string>,
  ): Promise<ParcelOutcome> {
    const base = { carrierCode: parcel.carrierCode, trackingNumber: parcel.trackingNumber, reported: parcel.status };
    if (parcel.trackingNumber.trim() === '' || parcel.carrierCode.trim() === '') {
      // Before the waybill is printed there is no parcel to speak of; a parcel that left must have one.
      if (hasLeftWarehouse(parcel.status))
        throw new PermanentCallbackFailure(
          'NO_WAYBILL',
          `a ${parcel.status} parcel of order ${parcel.externalOrderNumber} has no carrier or tracking number`,
        );
      return { ...base, before: null, after: null, action: 'no-parcel', reason: 'no waybill yet' };
    }
    const at = this.now();
    const existing = await this.parcels.findForUpdate(m, order.id, parcel.carrierCode, parcel.trackingNumber);
    const decision = decideParcel(existing?.status, parcel.status);
    if (decision.kind === 'conflict') throw new PermanentCallbackFailure('CONTRADICTION', `${parcel.trackingNumber}: ${decision.reason}`);
    if (decision.kind === 'ignore') {
      return { ...base, before: existing?.status ?? null, after: existing?.status ?? null, action: 'ignored', reason: decision.reason };
    }
    if (existing === undefined) {
      const lines = canonicalLinesOf(order, parcel, references);
      if (lines.length === 0 && !hasLeftWarehouse(parcel.status))
        return { ...base, before: null, after: null, action: 'no-parcel', reason: 'nothing left to ship on the order' };
      const shipment = Shipment.record(
        {
          id: randomUUID(),
          orderId: order.id,
          carrierCode: parcel.carrierCode,
          trackingNumber: parcel.trackingNumber,
          lines,
          status: parcel.status,
          shippedAt: parcel.shippedAt,
        },
        at,
      );
      // Another flow (the 3PL's package poller) may have recorded the same parcel a moment ago: try again.
      if (!(await this.shipments.insertIfNew(m, shipment, row.connectionId, parcel.raw)))
        throw new Error(`parcel ${parcel.trackingNumber} of order ${order.id} was recorded concurrently`);
      const counted = hasLeftWarehouse(shipment.status);
      if (counted) order.recordShipment(shipment, at);
      return { ...base, before: null, after: shipment.status, action: 'recorded', shipmentId: shipment.id, countedOnOrder: counted };
    }
    const before = existing.status;
    let parcelNow = existing;
    const leavesNow = hasLeftWarehouse(parcel.status) && !hasLeftWarehouse(before) && !order.shipmentIds.includes(existing.id);
    if (leavesNow) {
      // What a pending parcel holds was a plan; the report that it left says what it carries.
      parcelNow = Shipment.restore({ ...existing.toSnapshot(), lines: canonicalLinesOf(order, parcel, references) });
      await this.parcels.replaceLines(m, parcelNow);
    }
    parcelNow.advanceTo(parcel.status, parcel.shippedAt ?? at);
    await this.parcels.saveStatus(m, parcelNow);
    // A parcel first reported before it left counts against the order when it leaves.
    if (leavesNow) order.recordShipment(parcelNow, at);
    return { ...base, before, after: parcelNow.status, action: 'advanced', shipmentId: parcelNow.id, countedOnOrder: leavesNow };
  }

  private async settle(m: EntityManager, row: InboxRow, settlement: InboxSettlement): Promise<void> {
    if (!(await this.inbox.settle(m, row.id, this.options.owner, settlement))) throw new Error(`inbox row ${row.id}: lease lost`);
  }

  /** Records why a row failed (its transaction rolled back): retried later if the cause may pass, else left for an operator. */
  private async fail(row: InboxRow, error: unknown, externalOrderNumber?: string): Promise<void> {
    const permanent =
      error instanceof PermanentCallbackFailure ||
      error instanceof UninterpretableCallback ||
      error instanceof UnmatchedCallbackItems ||
      error instanceof DomainError;
    // This failure is failures + 1 in a row; waiting and processed runs do not use up the budget.
    const failure = row.failures + 1;
    const exhausted = failure >= this.options.retry.maxAttempts;
    const nextAttemptAt = permanent || exhausted ? null : new Date(this.now().epochMillis + nextRetryDelayMs(failure, this.options.retry));
    const code =
      error instanceof PermanentCallbackFailure || error instanceof UninterpretableCallback
        ? error.code
        : error instanceof DomainError
          ? 'REFUSED_BY_ORDER'
          : error instanceof UnmatchedCallbackItems
            ? 'UNMATCHED_ITEMS'
            : 'TRANSIENT';
    await this.inbox.settle(this.db, row.id, this.options.owner, {
      state: 'failed',
      externalOrderNumber: externalOrderNumber ?? null,
      outcome: { failure: code, permanent: permanent || exhausted },
      lastError: messageOf(error).slice(0, 2000),
      nextAttemptAt,
    });
    this.logger?.warn(
      { inboxId: row.id, store: row.store, code, attempts: row.attempts, failures: failure, retryAt: nextAttemptAt },
      'callback failed',
    );
  }
}
