import { NengmaoOrder, NengmaoOrderStatus } from './nengmao-order';

/** Orders sorted by (create time, arrival sequence); appends are O(1), out-of-order inserts binary-search. */
class OrdersByCreateTime {
  private readonly items: NengmaoOrder[] = [];

  get length(): number {
    return this.items.length;
  }

  insert(order: NengmaoOrder): void {
    const last = this.items[this.items.length - 1];
    if (last === undefined || compare(last, order) <= 0) this.items.push(order);
    else this.items.splice(this.lowerBound(order), 0, order);
  }

  remove(order: NengmaoOrder): void {
    const index = this.lowerBound(order);
    if (this.items[index] === order) this.items.splice(index, 1);
  }

  /** First index whose create time is >= ms. */
  firstAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as NengmaoOrder).createTimeMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose create time is > ms. */
  firstAfter(ms: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as NengmaoOrder).createTimeMs <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  slice(from: number, to: number): NengmaoOrder[] {
    return this.items.slice(from, to);
  }

  private lowerBound(order: NengmaoOrder): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.items[mid] as NengmaoOrder, order) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compare(a: NengmaoOrder, b: NengmaoOrder): number {
  return a.createTimeMs - b.createTimeMs || a.seq - b.seq;
}

interface ModifyEntry {
  readonly ms: number;
  readonly order: NengmaoOrder;
  readonly version: number;
}

export interface NengmaoOrderQuery {
  readonly status: NengmaoOrderStatus;
  /** `orderType` N: already retrieved; Y: not yet. */
  readonly retrieved: boolean;
  readonly createFromMs?: number;
  readonly createToMs?: number;
  readonly modifyFromMs?: number;
  readonly modifyToMs?: number;
  readonly offset: number;
  readonly limit: number;
}

export interface NengmaoOrderPage {
  readonly total: number;
  readonly orders: readonly NengmaoOrder[];
}

/**
 * The orders of one simulated shop, indexed for the order-list query at 100,000 orders: by orderSn; by
 * (status, retrieved) bucket sorted by create time, so a page without a modify window is a binary search and a
 * slice; and by an append-only modify-time log (superseded entries skipped by version) for modify windows.
 */
export class NengmaoOrderStore {
  private readonly bySn = new Map<string, NengmaoOrder>();
  private readonly buckets = new Map<number, OrdersByCreateTime>();
  private modifyLog: ModifyEntry[] = [];
  private nextSeq = 1;

  get size(): number {
    return this.bySn.size;
  }

  sequence(): number {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return seq;
  }

  has(orderSn: string): boolean {
    return this.bySn.has(orderSn);
  }

  find(orderSn: string): NengmaoOrder | undefined {
    return this.bySn.get(orderSn);
  }

  add(order: NengmaoOrder): void {
    if (this.bySn.has(order.orderSn)) throw new Error(`Order ${order.orderSn} already exists`);
    this.bySn.set(order.orderSn, order);
    this.bucket(order.status, order.retrieved).insert(order);
    this.logModification(order);
  }

  /**
   * Applies a change and moves the order between buckets. A change of the order itself stamps its modify time;
   * `touch: false` is for the retrieval flag (orderType Y/N), which is the channel's bookkeeping, not an order change.
   */
  update(order: NengmaoOrder, nowMs: number, change: (order: NengmaoOrder) => void, touch = true): void {
    this.bucket(order.status, order.retrieved).remove(order);
    change(order);
    this.bucket(order.status, order.retrieved).insert(order);
    if (!touch) return;
    order.modifyTimeMs = Math.max(nowMs, order.modifyTimeMs);
    order.modifyVersion += 1;
    this.logModification(order);
  }

  query(query: NengmaoOrderQuery): NengmaoOrderPage {
    const bucket = this.bucket(query.status, query.retrieved);
    const createFrom = query.createFromMs ?? Number.NEGATIVE_INFINITY;
    const createTo = query.createToMs ?? Number.POSITIVE_INFINITY;
    if (query.modifyFromMs === undefined && query.modifyToMs === undefined) {
      const from = bucket.firstAtOrAfter(createFrom);
      const to = bucket.firstAfter(createTo);
      const total = Math.max(0, to - from);
      const start = Math.min(to, from + query.offset);
      return { total, orders: bucket.slice(start, Math.min(to, start + query.limit)) };
    }
    // A modify window: walk the log in modify-time order, keeping current entries of the bucket.
    const modifyFrom = query.modifyFromMs ?? Number.NEGATIVE_INFINITY;
    const modifyTo = query.modifyToMs ?? Number.POSITIVE_INFINITY;
    const orders: NengmaoOrder[] = [];
    let total = 0;
    for (let i = this.firstLogIndexAtOrAfter(modifyFrom); i < this.modifyLog.length; i += 1) {
      const entry = this.modifyLog[i] as ModifyEntry;
      if (entry.ms > modifyTo) break;
      const order = entry.order;
      if (entry.version !== order.modifyVersion || order.status !== query.status || order.retrieved !== query.retrieved) continue;
      if (order.createTimeMs < createFrom || order.createTimeMs > createTo) continue;
      if (total >= query.offset && orders.length < query.limit) orders.push(order);
      total += 1;
    }
    return { total, orders };
  }

  all(): IterableIterator<NengmaoOrder> {
    return this.bySn.values();
  }

  countByStatus(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [key, bucket] of this.buckets) {
      const status = String(key >> 1);
      counts[status] = (counts[status] ?? 0) + bucket.length;
    }
    return counts;
  }

  countUnretrieved(): number {
    let count = 0;
    for (const [key, bucket] of this.buckets) if ((key & 1) === 0) count += bucket.length;
    return count;
  }

  private bucket(status: NengmaoOrderStatus, retrieved: boolean): OrdersByCreateTime {
    const key = status * 2 + (retrieved ? 1 : 0);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new OrdersByCreateTime();
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private logModification(order: NengmaoOrder): void {
    const entry: ModifyEntry = { ms: order.modifyTimeMs, order, version: order.modifyVersion };
    const last = this.modifyLog[this.modifyLog.length - 1];
    if (last === undefined || last.ms <= entry.ms) this.modifyLog.push(entry);
    else this.modifyLog.splice(this.firstLogIndexAfter(entry.ms), 0, entry);
    // Superseded entries are dropped once they outnumber the live ones, so the log stays O(orders).
    if (this.modifyLog.length > 2 * this.bySn.size + 1024) {
      this.modifyLog = this.modifyLog.filter((e) => e.version === e.order.modifyVersion);
    }
  }

  private firstLogIndexAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.modifyLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.modifyLog[mid] as ModifyEntry).ms < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstLogIndexAfter(ms: number): number {
    let lo = 0;
    let hi = this.modifyLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.modifyLog[mid] as ModifyEntry).ms <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
