import type { PilotPackageStatus } from './pilot.wire';

/** What the 3PL prints on a waybill for a carrier id such as `samarkand.sfexpress.test`. */
export interface CarrierLogistics {
  readonly logisticsCode: string;
  readonly logisticsName: string;
  /** Tracking numbers are this prefix + 12 digits (SF's own format is `SF` + 12/13 digits). */
  readonly trackingPrefix: string;
}

/** Carriers the document names ("SF Express, eSinotrans, sto") and other common Chinese couriers. */
const KNOWN_CARRIERS: Readonly<Record<string, CarrierLogistics>> = {
  sfexpress: { logisticsCode: 'SF', logisticsName: '顺丰速运', trackingPrefix: 'SF' },
  sf: { logisticsCode: 'SF', logisticsName: '顺丰速运', trackingPrefix: 'SF' },
  sto: { logisticsCode: 'STO', logisticsName: '申通快递', trackingPrefix: 'ST' },
  esinotrans: { logisticsCode: 'SINOTRANS', logisticsName: '中外运', trackingPrefix: 'ZW' },
  ems: { logisticsCode: 'EMS', logisticsName: '中国邮政EMS', trackingPrefix: 'EM' },
  yto: { logisticsCode: 'YTO', logisticsName: '圆通速递', trackingPrefix: 'YT' },
  zto: { logisticsCode: 'ZTO', logisticsName: '中通快递', trackingPrefix: 'ZT' },
};

export function logisticsOfCarrier(carrier: string): CarrierLogistics {
  const parts = carrier.split('.');
  const name = (parts.length >= 2 ? parts[1] : parts[0]) ?? carrier;
  const known = KNOWN_CARRIERS[name.toLowerCase()];
  if (known) return known;
  const code = name.toUpperCase();
  return { logisticsCode: code, logisticsName: code, trackingPrefix: code.slice(0, 2).padEnd(2, 'X') };
}

/** The warehouse code the 3PL reports for a carrier (one bonded warehouse per carrier in the sandbox). */
export function warehouseCodeOf(carrier: string): string {
  return `WH-${logisticsOfCarrier(carrier).logisticsCode}-01`;
}

/**
 * Delivery-order callback values. The document gives no enumerations (catalogue A9); the
 * simulator speaks the Taobao QiMen delivery-order-confirm vocabulary whose field set the
 * document's `deliveryOrder` matches: `status` ACCEPT (warehouse confirmed and packed),
 * DELIVERED (shipped), CANCELED; `confirmType` 1 = intermediate, 0 = final; `orderType` JYCK
 * (general trade outbound). PARTDELIVERED would report a split shipment, which the simulator never makes.
 */
export const CALLBACK_STATUS_OF: Readonly<Partial<Record<PilotPackageStatus, { status: string; confirmType: string }>>> = {
  PACKED: { status: 'ACCEPT', confirmType: '1' },
  SHIPPED: { status: 'DELIVERED', confirmType: '0' },
  CANCEL: { status: 'CANCELED', confirmType: '0' },
};
export const CALLBACK_ORDER_TYPE = 'JYCK';

/** Next status on the package clock; SHIPPED and CANCEL are final. */
export const NEXT_PACKAGE_STATUS: Readonly<Partial<Record<PilotPackageStatus, PilotPackageStatus>>> = {
  UNPROCESSED: 'PACKED',
  PACKED: 'PROCESSED',
  PROCESSED: 'SHIPPED',
};

/** `yyyy-MM-dd HH:mm:ss` at GMT+8, the time format of the QiMen family (the document gives none). */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
