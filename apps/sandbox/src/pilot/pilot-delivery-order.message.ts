import type { PilotDeliveryOrder } from './pilot.wire';

export interface DeliveryOrderLine {
  readonly orderLineNo: string;
  readonly itemCode: string;
  readonly itemId: string;
  readonly planQty: string;
  readonly actualQty: string;
}

export interface DeliveryOrderPackage {
  readonly logisticsCode: string;
  readonly expressCode: string;
  readonly items: readonly { readonly itemCode: string; readonly quantity: string }[];
}

/** One delivery-order callback: the document's `deliveryOrder` plus QiMen-style lines and packages. */
export interface DeliveryOrderMessage {
  readonly deliveryOrder: PilotDeliveryOrder;
  readonly orderLines: readonly DeliveryOrderLine[];
  readonly packages: readonly DeliveryOrderPackage[];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function elements(record: Readonly<Record<string, string>>): string {
  return Object.entries(record)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
}

/**
 * XML as the QiMen family sends it: `<request>` wrapping `<deliveryOrder>` (the document's fields),
 * `<orderLines>` and `<packages>` (catalogue §3.1 "XML form"; the document shows only JSON).
 */
export function renderDeliveryOrderXml(message: DeliveryOrderMessage): string {
  const lines = message.orderLines.map((line) => `<orderLine>${elements({ ...line })}</orderLine>`).join('');
  const packages = message.packages
    .map((p) => {
      const items = p.items.map((i) => `<item>${elements({ ...i })}</item>`).join('');
      return `<package>${elements({ logisticsCode: p.logisticsCode, expressCode: p.expressCode })}<items>${items}</items></package>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<request><deliveryOrder>${elements({ ...message.deliveryOrder })}</deliveryOrder>` +
    `<orderLines>${lines}</orderLines><packages>${packages}</packages></request>`
  );
}

/** JSON as the document's example: `{"deliveryOrder": {...}}`, with `orderLines` and `packages` beside it. */
export function renderDeliveryOrderJson(message: DeliveryOrderMessage): string {
  return JSON.stringify({ deliveryOrder: message.deliveryOrder, orderLines: message.orderLines, packages: message.packages });
}

/**
 * Whether a receiver accepted a callback: a 2xx answer saying so as JSON (`success` true, "true"
 * or "success" — the document's own example says "success" — or `flag` "success") or as XML
 * (`<flag>success</flag>` or `<success>true</success>`).
 */
export function isCallbackAccepted(httpStatus: number, answer: string): boolean {
  if (httpStatus < 200 || httpStatus >= 300) return false;
  const text = answer.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) return false;
      const record = parsed as Record<string, unknown>;
      const success = record.success;
      const flag = record.flag;
      return success === true || (typeof success === 'string' && ['true', 'success'].includes(success.toLowerCase())) || flag === 'success';
    } catch {
      return false;
    }
  }
  return /<flag>\s*success\s*<\/flag>/i.test(text) || /<success>\s*(true|success)\s*<\/success>/i.test(text);
}

/** Reads a `deliveryOrder` from a received callback body: JSON (even under an XML content type, as the document's curl does) or XML. */
export function readDeliveryOrder(body: unknown): Partial<PilotDeliveryOrder> | undefined {
  let source: unknown = body;
  if (typeof body === 'string') {
    const text = body.trim();
    if (text.startsWith('{')) {
      try {
        source = JSON.parse(text);
      } catch {
        return undefined;
      }
    } else if (text.startsWith('<')) {
      const block = /<deliveryOrder>([\s\S]*?)<\/deliveryOrder>/.exec(text)?.[1];
      if (block === undefined) return undefined;
      const out: Record<string, string> = {};
      for (const match of block.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) {
        const [, name, value] = match;
        if (name !== undefined && value !== undefined)
          out[name] = value
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&');
      }
      return out;
    } else return undefined;
  }
  if (typeof source !== 'object' || source === null) return undefined;
  const inner = (source as Record<string, unknown>).deliveryOrder;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(inner)) if (typeof value === 'string') out[name] = value;
  return out;
}
