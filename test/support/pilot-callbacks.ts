import type { EntityManager } from 'typeorm';

/**
 * Delivery-order callbacks as a 3PL of the QiMen family sends them to `POST /callback/{store}`
 * (the Pilot document's `deliveryOrder`, plus `orderLines` and `packages`), as JSON or XML, and
 * the inbox row the receiver stores for one. Tests build bodies here rather than by hand.
 */
export interface CallbackPackage {
  readonly logisticsCode: string;
  readonly expressCode: string;
  readonly items: readonly { readonly itemCode: string; readonly quantity: number }[];
}

export interface CallbackSpec {
  readonly deliveryOrderCode: string;
  /** QiMen status: ACCEPT, DELIVERED, PARTDELIVERED, SIGN, CANCELED ... */
  readonly status: string;
  /** Unique per message (the receiver's dedupe key when present). */
  readonly outBizCode: string;
  readonly confirmType?: '0' | '1';
  readonly logisticsCode?: string;
  readonly expressCode?: string;
  /** China time, `yyyy-MM-dd HH:mm:ss`. */
  readonly operateTime?: string;
  readonly orderLines?: readonly { readonly itemCode: string; readonly planQty: number; readonly actualQty: number }[];
  readonly packages?: readonly CallbackPackage[];
}

function deliveryOrderOf(spec: CallbackSpec): Record<string, string> {
  const time = spec.operateTime ?? '2026-11-11 10:00:00';
  return {
    deliveryOrderCode: spec.deliveryOrderCode,
    deliveryOrderId: `DO-${spec.deliveryOrderCode}`,
    warehouseCode: 'WH-SF-01',
    orderType: 'JYCK',
    status: spec.status,
    outBizCode: spec.outBizCode,
    confirmType: spec.confirmType ?? '0',
    orderConfirmTime: time,
    operatorCode: 'OP01',
    operatorName: 'Test 3PL',
    operateTime: time,
    storageFee: '0.00',
    logisticsCode: spec.logisticsCode ?? 'SF',
    logisticsName: '顺丰速运',
    expressCode: spec.expressCode ?? '',
  };
}

export function callbackJson(spec: CallbackSpec): string {
  return JSON.stringify({
    deliveryOrder: deliveryOrderOf(spec),
    orderLines: (spec.orderLines ?? []).map((line, i) => ({
      orderLineNo: String(i + 1),
      itemCode: line.itemCode,
      planQty: String(line.planQty),
      actualQty: String(line.actualQty),
    })),
    packages: (spec.packages ?? []).map((p) => ({
      logisticsCode: p.logisticsCode,
      expressCode: p.expressCode,
      items: p.items.map((item) => ({ itemCode: item.itemCode, quantity: String(item.quantity) })),
    })),
  });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function elements(record: Readonly<Record<string, string>>): string {
  return Object.entries(record)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
}

export function callbackXml(spec: CallbackSpec): string {
  const lines = (spec.orderLines ?? [])
    .map(
      (line, i) =>
        `<orderLine>${elements({ orderLineNo: String(i + 1), itemCode: line.itemCode, planQty: String(line.planQty), actualQty: String(line.actualQty) })}</orderLine>`,
    )
    .join('');
  const packages = (spec.packages ?? [])
    .map(
      (p) =>
        `<package>${elements({ logisticsCode: p.logisticsCode, expressCode: p.expressCode })}<items>${p.items
          .map((item) => `<item>${elements({ itemCode: item.itemCode, quantity: String(item.quantity) })}</item>`)
          .join('')}</items></package>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<request><deliveryOrder>${elements(deliveryOrderOf(spec))}</deliveryOrder><orderLines>${lines}</orderLines><packages>${packages}</packages></request>`
  );
}

/** Stores a callback as the receiver does (state `received`); answers the row id. */
export async function insertReceivedCallback(
  db: EntityManager,
  row: { store: string; connectionId: string | null; dedupeKey: string; format: 'xml' | 'json'; body: string },
): Promise<string> {
  const inserted = (await db.query(
    `INSERT INTO webhook_inbox (store, connection_id, dedupe_key, content_type, body_format, headers, body, source_address, state)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, '127.0.0.1', 'received') RETURNING id`,
    [
      row.store,
      row.connectionId,
      row.dedupeKey,
      row.format === 'xml' ? 'application/xml' : 'application/json',
      row.format,
      JSON.stringify({ 'content-type': row.format === 'xml' ? 'application/xml' : 'application/json', 'x-ca-key': '***' }),
      row.body,
    ],
  )) as { id: string }[];
  return String(inserted[0]?.id);
}
