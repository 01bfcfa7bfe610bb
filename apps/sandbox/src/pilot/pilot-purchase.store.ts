import type { PilotStockItem } from './pilot-inventory.store';

export type PilotGoodsStatus = 'GOOD' | 'DEFECTIVE' | 'SAMPLE';

/** An inbound purchase order (deprecated operations, still served): one SKU per order, as documented. */
export interface PilotPurchaseRecord {
  readonly purchaseOrderNo: string;
  readonly warehousePurchaseNo: string;
  readonly item: PilotStockItem;
  readonly supplierNo: string;
  readonly goodsNum: number;
  readonly goodsStatus: PilotGoodsStatus;
  readonly createdAtMs: number;
  readonly receiveDueAtMs: number;
  receivedAtMs?: number;
}

export class PilotPurchaseStore {
  private readonly byPurchaseOrderNo = new Map<string, PilotPurchaseRecord>();

  find(purchaseOrderNo: string): PilotPurchaseRecord | undefined {
    return this.byPurchaseOrderNo.get(purchaseOrderNo);
  }

  add(record: PilotPurchaseRecord): void {
    this.byPurchaseOrderNo.set(record.purchaseOrderNo, record);
  }

  all(): PilotPurchaseRecord[] {
    return [...this.byPurchaseOrderNo.values()];
  }

  /** Purchases whose goods are due in the warehouse by `nowMs` and not yet received. */
  due(nowMs: number): PilotPurchaseRecord[] {
    return this.all().filter((p) => p.receivedAtMs === undefined && p.receiveDueAtMs <= nowMs);
  }
}
