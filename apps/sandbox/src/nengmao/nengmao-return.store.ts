import { NengmaoReturn } from './nengmao-order';

export interface NengmaoReturnQuery {
  /** Undefined: any status (TMG `returnStatus` has no default). */
  readonly status?: number;
  readonly retrieved: boolean;
  readonly createFromMs?: number;
  readonly createToMs?: number;
  readonly modifyFromMs?: number;
  readonly modifyToMs?: number;
  readonly offset: number;
  readonly limit: number;
}

/**
 * The returns of one shop. Returns are a few percent of delivered orders, so a linear scan in create-time order
 * is enough; the list is kept sorted so pages are stable.
 */
export class NengmaoReturnStore {
  private readonly bySn = new Map<string, NengmaoReturn>();
  private readonly ordered: NengmaoReturn[] = [];
  private nextSeq = 1;

  get size(): number {
    return this.bySn.size;
  }

  sequence(): number {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return seq;
  }

  has(returnSn: string): boolean {
    return this.bySn.has(returnSn);
  }

  find(returnSn: string): NengmaoReturn | undefined {
    return this.bySn.get(returnSn);
  }

  add(record: NengmaoReturn): void {
    if (this.bySn.has(record.returnSn)) throw new Error(`Return ${record.returnSn} already exists`);
    this.bySn.set(record.returnSn, record);
    let index = this.ordered.length;
    while (index > 0 && (this.ordered[index - 1] as NengmaoReturn).createTimeMs > record.createTimeMs) index -= 1;
    this.ordered.splice(index, 0, record);
  }

  update(record: NengmaoReturn, nowMs: number, change: (record: NengmaoReturn) => void): void {
    change(record);
    record.modifyTimeMs = Math.max(nowMs, record.modifyTimeMs);
  }

  query(query: NengmaoReturnQuery): { total: number; returns: NengmaoReturn[] } {
    const matches = this.ordered.filter(
      (r) =>
        (query.status === undefined || r.status === query.status) &&
        r.retrieved === query.retrieved &&
        within(r.createTimeMs, query.createFromMs, query.createToMs) &&
        within(r.modifyTimeMs, query.modifyFromMs, query.modifyToMs),
    );
    return { total: matches.length, returns: matches.slice(query.offset, query.offset + query.limit) };
  }

  all(): readonly NengmaoReturn[] {
    return this.ordered;
  }
}

function within(ms: number, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || ms >= from) && (to === undefined || ms <= to);
}
