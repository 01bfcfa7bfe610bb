import { parseJsonKeepingBigIntegers } from '../../kernel/json-with-big-integers';
import { InvalidResponse, ResponseReader } from '../../kernel/response-reader';
import { childOf, childrenOf, leafTexts, readXml, XmlElement, XmlReadError } from '../nomad-pilot.xml-reader';
import {
  DELIVERY_ORDER_FIELDS,
  PilotCallbackReply,
  PilotDeliveryOrder,
  PilotDeliveryOrderCallback,
  PilotDeliveryOrderLine,
  PilotDeliveryPackage,
} from '../wire/delivery-order-callback';
import { allOf, readFields } from '../wire/read-fields';

/** A callback body that cannot be read; the receiver answers it 400 and keeps nothing. */
export class InvalidDeliveryOrderCallback extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDeliveryOrderCallback';
  }
}

const LINE_FIELDS = allOf('string', ['orderLineNo', 'itemCode', 'itemId', 'planQty', 'actualQty']);

function requireFields(deliveryOrder: Partial<PilotDeliveryOrder>): PilotDeliveryOrder {
  if (deliveryOrder.deliveryOrderCode === undefined || deliveryOrder.deliveryOrderCode.trim() === '')
    throw new InvalidDeliveryOrderCallback('deliveryOrder.deliveryOrderCode is required');
  if (deliveryOrder.status === undefined || deliveryOrder.status.trim() === '')
    throw new InvalidDeliveryOrderCallback('deliveryOrder.status is required');
  return deliveryOrder as PilotDeliveryOrder;
}

function fromJson(json: unknown): PilotDeliveryOrderCallback {
  const outer = ResponseReader.of(json);
  // The document's JSON has `deliveryOrder` at the top; a QiMen sender may wrap it in `request`.
  const root = outer.field('request').isPresent() ? outer.field('request') : outer;
  const deliveryOrder = readFields<Partial<PilotDeliveryOrder>>(root.field('deliveryOrder'), allOf('string', DELIVERY_ORDER_FIELDS));
  const orderLines = root
    .field('orderLines')
    .optionalArray()
    .map((line) => readFields<PilotDeliveryOrderLine>(line, LINE_FIELDS));
  const packages = root
    .field('packages')
    .optionalArray()
    .map((pkg) => ({
      ...readFields<Omit<PilotDeliveryPackage, 'items'>>(pkg, { logisticsCode: 'string', expressCode: 'string' }),
      items: pkg
        .field('items')
        .optionalArray()
        .map((item) => ({ itemCode: item.field('itemCode').string(), quantity: item.field('quantity').string() })),
    }));
  return { deliveryOrder: requireFields(deliveryOrder), orderLines, packages };
}

function fromXml(root: XmlElement): PilotDeliveryOrderCallback {
  const container = root.name === 'request' ? root : undefined;
  const deliveryOrderElement =
    root.name === 'deliveryOrder' ? root : container === undefined ? undefined : childOf(container, 'deliveryOrder');
  if (deliveryOrderElement === undefined)
    throw new InvalidDeliveryOrderCallback(`expected <deliveryOrder> or <request><deliveryOrder>, got <${root.name}>`);
  const texts = leafTexts(deliveryOrderElement);
  const deliveryOrder = Object.fromEntries(
    DELIVERY_ORDER_FIELDS.filter((name) => texts[name] !== undefined).map((name) => [name, texts[name]]),
  );
  const orderLines = childrenOf(container === undefined ? undefined : childOf(container, 'orderLines'), 'orderLine').map((line) => {
    const fields = leafTexts(line);
    if (fields.itemCode === undefined) throw new InvalidDeliveryOrderCallback('orderLine.itemCode is required');
    return Object.fromEntries(
      Object.keys(LINE_FIELDS)
        .filter((name) => fields[name] !== undefined)
        .map((name) => [name, fields[name]]),
    ) as unknown as PilotDeliveryOrderLine;
  });
  const packages = childrenOf(container === undefined ? undefined : childOf(container, 'packages'), 'package').map((pkg) => {
    const fields = leafTexts(pkg);
    return {
      ...(fields.logisticsCode === undefined ? {} : { logisticsCode: fields.logisticsCode }),
      ...(fields.expressCode === undefined ? {} : { expressCode: fields.expressCode }),
      items: childrenOf(childOf(pkg, 'items'), 'item').map((item) => {
        const itemFields = leafTexts(item);
        if (itemFields.itemCode === undefined || itemFields.quantity === undefined)
          throw new InvalidDeliveryOrderCallback('package item needs itemCode and quantity');
        return { itemCode: itemFields.itemCode, quantity: itemFields.quantity };
      }),
    };
  });
  return { deliveryOrder: requireFields(deliveryOrder), orderLines, packages };
}

/**
 * Reads a callback body in either form. The document posts JSON under `Content-Type:
 * application/xml` (A9), so the content type is only a hint: the first non-blank character decides.
 */
export function parseDeliveryOrderCallback(body: string): PilotDeliveryOrderCallback {
  const text = body.replace(/^\uFEFF/, '').trim();
  try {
    if (text.startsWith('{')) return fromJson(parseJsonKeepingBigIntegers(text));
    if (text.startsWith('<')) return fromXml(readXml(text));
  } catch (error) {
    if (error instanceof InvalidDeliveryOrderCallback) throw error;
    if (error instanceof InvalidResponse || error instanceof XmlReadError || error instanceof SyntaxError)
      throw new InvalidDeliveryOrderCallback(error.message);
    throw error;
  }
  throw new InvalidDeliveryOrderCallback('the body is neither JSON nor XML');
}

/** The answer the logistics provider expects; the document's failure value of `success` is unknown, "false" is sent. */
export function deliveryOrderCallbackReply(ok: boolean, errorcode = '', errormsg = ''): PilotCallbackReply {
  return { success: ok ? 'success' : 'false', errorcode, errormsg };
}

/** Key that makes a redelivered message recognisable: `outBizCode`, or code + status + operation time (A9). */
export function deliveryOrderCallbackKey(callback: PilotDeliveryOrderCallback): string {
  const order = callback.deliveryOrder;
  return order.outBizCode !== undefined && order.outBizCode !== ''
    ? order.outBizCode
    : [order.deliveryOrderCode, order.status, order.operateTime ?? order.orderConfirmTime ?? ''].join('|');
}
