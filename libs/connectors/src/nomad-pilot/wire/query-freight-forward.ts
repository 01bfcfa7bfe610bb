import type { PilotPackageStatus, PilotPageSize, PilotStatusFilter } from '../codes';
import type { WireDecimal } from '../../kernel/decimal-json';

/** `GET /freight-forward/{carrier}` query: "Required" yet defaulted (UNPROCESSED, 1, 10). */
export interface PilotQueryFreightForwardQuery {
  readonly status: PilotStatusFilter;
  readonly page_no: number;
  readonly page_size: PilotPageSize;
  /** "the time range of package update, use ISO_8601 format here, e.g. 2020-07-10T13:00:00Z/2020-07-11T15:30:00Z". */
  readonly created_range?: string;
}

export interface PilotPackageItem {
  readonly skuNumber: string;
  readonly merchantGoodsNo?: string;
  readonly warehouseGoodsNo?: string;
  readonly quantity: number;
}

/**
 * One package as QueryFreightForward and QUERY_WAYBILL return it. `data[]` is undocumented
 * ("data": []); the names follow the callback's (`deliveryOrderCode`, `logisticsCode`) and the
 * FreightForward description (tracking reference, "PDF packing label"), as the sandbox answers.
 */
export interface PilotPackage {
  /** The marketplace order number the 3PL knows the package by (callback `deliveryOrderCode`). */
  readonly deliveryOrderCode: string;
  readonly deliveryOrderId?: string;
  readonly carrier?: string;
  readonly store?: string;
  readonly status: PilotPackageStatus | string;
  readonly trackingReference?: string;
  readonly logisticsCode?: string;
  readonly logisticsName?: string;
  readonly labelUrl?: string;
  readonly warehouseCode?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly packedAt?: string;
  readonly processedAt?: string;
  readonly shippedAt?: string;
  readonly cancelledAt?: string;
  readonly weight?: WireDecimal;
  readonly items: readonly PilotPackageItem[];
}
