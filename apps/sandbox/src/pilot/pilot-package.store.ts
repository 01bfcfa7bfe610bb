import type { InstantRange } from './pilot-query';
import type { PilotPackageStatus, PilotStatusFilter } from './pilot.wire';

export interface PilotPackageLine {
  /** Catalogue SKU (what the order system's event names). */
  readonly sku: string;
  readonly quantity: number;
}

export interface PilotConsignee {
  readonly name: string;
  readonly mobile: string;
  readonly province: string;
  readonly city: string;
  readonly address: string;
}

/** A delivery order at the 3PL, keyed by `deliveryOrderCode` (the marketplace order number). */
export interface PilotPackage {
  readonly deliveryOrderCode: string;
  readonly deliveryOrderId: string;
  readonly carrier: string;
  readonly store: string;
  readonly lines: readonly PilotPackageLine[];
  readonly consignee: PilotConsignee;
  readonly createdAtMs: number;
  status: PilotPackageStatus;
  updatedAtMs: number;
  statusAtMs: Partial<Record<PilotPackageStatus, number>>;
  /** When the package clock moves it next (meaningless once SHIPPED or CANCEL). */
  nextStepAtMs: number;
  /** Set while packing waits for stock. */
  waitingForStock: boolean;
  trackingReference: string;
  logisticsCode: string;
  logisticsName: string;
}

export const FINAL_PACKAGE_STATUSES: readonly PilotPackageStatus[] = ['SHIPPED', 'CANCEL'];

export class PilotPackageStore {
  private readonly packages = new Map<string, PilotPackage>();

  find(deliveryOrderCode: string): PilotPackage | undefined {
    return this.packages.get(deliveryOrderCode);
  }

  findByTracking(trackingReference: string): PilotPackage | undefined {
    return [...this.packages.values()].find((p) => p.trackingReference !== '' && p.trackingReference === trackingReference);
  }

  add(pkg: PilotPackage): void {
    if (this.packages.has(pkg.deliveryOrderCode)) throw new RangeError(`Package ${pkg.deliveryOrderCode} exists`);
    this.packages.set(pkg.deliveryOrderCode, pkg);
  }

  all(): PilotPackage[] {
    return [...this.packages.values()];
  }

  /** In progress (neither shipped nor cancelled), oldest first. */
  open(): PilotPackage[] {
    return this.all().filter((p) => !FINAL_PACKAGE_STATUSES.includes(p.status));
  }

  /**
   * Packages of a carrier by status and creation time, oldest first. `created_range` is named
   * "created" but described as "the time range of package update" (catalogue §7.6): the name wins.
   */
  query(carrier: string, status: PilotStatusFilter, created: InstantRange | undefined): PilotPackage[] {
    return this.all()
      .filter((p) => p.carrier === carrier)
      .filter((p) => status === 'ALL' || p.status === status)
      .filter((p) => created === undefined || (p.createdAtMs >= created.fromMs && p.createdAtMs <= created.toMs))
      .sort((a, b) => a.createdAtMs - b.createdAtMs || a.deliveryOrderCode.localeCompare(b.deliveryOrderCode));
  }
}
