import type { EnvoyListFilter, InstantRange } from './envoy-list-query';
import type { EnvoyOrder, EnvoyOrderStatus } from './envoy.wire';

/** One order as the simulator keeps it: the wire order plus what inspection reports about it. */
export interface EnvoyOrderRecord {
  readonly store: string;
  readonly order: EnvoyOrder;
  readonly createdAtMs: number;
  updatedAtMs: number;
  /** Create calls received for this `clientOrderRef` in this store, the first included. */
  createCalls: number;
  /** Create calls refused because the order already existed. */
  duplicatesRefused: number;
  /** `x-ca-stage` of the creating call, if any. */
  readonly stage?: string;
  /** When the buyer is due to confirm receipt (set when the 3PL ships). */
  confirmDueAtMs?: number;
}

export interface EnvoyOrderPage {
  readonly orders: EnvoyOrder[];
  readonly total: number;
}

function within(range: InstantRange | undefined, ms: number): boolean {
  return range === undefined || (ms >= range.fromMs && ms <= range.toMs);
}

/** Orders of every configured store, keyed by `clientOrderRef` (the natural key of a marketplace order). */
export class EnvoyOrderStore {
  private readonly stores = new Map<string, Map<string, EnvoyOrderRecord>>();

  constructor(storeIds: readonly string[]) {
    for (const store of storeIds) this.stores.set(store, new Map());
  }

  hasStore(store: string): boolean {
    return this.stores.has(store);
  }

  storeIds(): string[] {
    return [...this.stores.keys()];
  }

  find(store: string, clientOrderRef: string): EnvoyOrderRecord | undefined {
    return this.stores.get(store)?.get(clientOrderRef);
  }

  /** The order of that marketplace number in any store (the 3PL knows only the number). */
  findAnywhere(clientOrderRef: string): EnvoyOrderRecord | undefined {
    for (const orders of this.stores.values()) {
      const record = orders.get(clientOrderRef);
      if (record) return record;
    }
    return undefined;
  }

  insert(record: EnvoyOrderRecord): void {
    const orders = this.stores.get(record.store);
    if (!orders) throw new RangeError(`Unknown Envoy store ${record.store}`);
    if (orders.has(record.order.clientOrderRef)) throw new RangeError(`Order ${record.order.clientOrderRef} already exists`);
    orders.set(record.order.clientOrderRef, record);
  }

  records(store: string): EnvoyOrderRecord[] {
    return [...(this.stores.get(store)?.values() ?? [])];
  }

  allRecords(): EnvoyOrderRecord[] {
    return [...this.stores.values()].flatMap((orders) => [...orders.values()]);
  }

  setStatus(record: EnvoyOrderRecord, status: EnvoyOrderStatus, atMs: number): void {
    record.order.status = status;
    record.updatedAtMs = atMs;
    record.order.updatedAt = new Date(atMs).toISOString();
  }

  /** Filters, then pages in creation order (oldest first, `orderId` breaking ties) so pages are stable while new orders arrive. */
  list(store: string, filter: EnvoyListFilter): EnvoyOrderPage {
    const matching = this.records(store)
      .filter((r) => filter.orderId === undefined || r.order.orderId === filter.orderId)
      .filter((r) => filter.clientOrderRef === undefined || r.order.clientOrderRef === filter.clientOrderRef)
      .filter((r) => filter.status === undefined || r.order.status === filter.status)
      .filter((r) => filter.type === undefined || (filter.type === 'DISTRIBUTION') === isDistribution(r.order))
      .filter((r) => within(filter.created, r.createdAtMs) && within(filter.updated, r.updatedAtMs))
      .sort((a, b) => a.createdAtMs - b.createdAtMs || a.order.orderId.localeCompare(b.order.orderId));
    const start = (filter.pageNo - 1) * filter.pageSize;
    return { orders: matching.slice(start, start + filter.pageSize).map((r) => r.order), total: matching.length };
  }
}

/**
 * The query `type` (NORMAL/DISTRIBUTION) has no documented mapping to `orderType`
 * (DEFAULT/DISTRIBUTOR/SUPPLIER) (catalogue §7.3): an order is a distribution order when it says
 * so (`isDistributionOrder`) or its `orderType` is DISTRIBUTOR.
 */
export function isDistribution(order: EnvoyOrder): boolean {
  return order.isDistributionOrder || order.orderType === 'DISTRIBUTOR';
}
