import { logisticsOfCarrier, warehouseCodeOf } from './pilot-codes';
import type { PilotInventoryStore } from './pilot-inventory.store';
import type { PilotPackage } from './pilot-package.store';
import type { PilotPackageRecord } from './pilot.wire';

function iso(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString();
}

/** A package as QueryFreightForward / QUERY_WAYBILL answer it (`data[]` is undocumented; see `PilotPackageRecord`). */
export function toPackageRecord(pkg: PilotPackage, inventory: PilotInventoryStore): PilotPackageRecord {
  const logistics = logisticsOfCarrier(pkg.carrier);
  return {
    deliveryOrderCode: pkg.deliveryOrderCode,
    deliveryOrderId: pkg.deliveryOrderId,
    carrier: pkg.carrier,
    store: pkg.store,
    status: pkg.status,
    trackingReference: pkg.trackingReference,
    logisticsCode: pkg.logisticsCode || logistics.logisticsCode,
    logisticsName: pkg.logisticsName || logistics.logisticsName,
    // "most carriers provide id and PDF packing label" (FreightForward); `.invalid` never resolves.
    labelUrl: pkg.trackingReference === '' ? '' : `https://labels.sandbox.invalid/${pkg.trackingReference}.pdf`,
    warehouseCode: warehouseCodeOf(pkg.carrier),
    createdAt: iso(pkg.createdAtMs),
    updatedAt: iso(pkg.updatedAtMs),
    packedAt: iso(pkg.statusAtMs.PACKED),
    processedAt: iso(pkg.statusAtMs.PROCESSED),
    shippedAt: iso(pkg.statusAtMs.SHIPPED),
    cancelledAt: iso(pkg.statusAtMs.CANCEL),
    items: pkg.lines.map((line) => {
      const item = inventory.find(line.sku);
      return {
        skuNumber: line.sku,
        merchantGoodsNo: item?.body.merchantGoodsNo ?? '',
        warehouseGoodsNo: item?.body.warehouseGoodsNo ?? '',
        quantity: line.quantity,
      };
    }),
    consignee: { ...pkg.consignee },
  };
}
