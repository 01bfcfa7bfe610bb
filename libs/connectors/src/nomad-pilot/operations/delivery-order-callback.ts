import { createHash } from 'node:crypto';
import { InvalidResponse, ResponseReader } from '../../kernel/response-reader';
import {
  childOf,
  childrenOf,
  DEFAULT_XML_LIMITS,
  leafTexts,
  readXml,
  XmlElement,
  XmlLimits,
  XmlReadError,
} from '../nomad-pilot.xml-reader';
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

/** How a callback body is written, decided by its first character (the document's curl sends JSON as `application/xml`). */
export type CallbackBodyFormat = 'xml' | 'json';

export interface CallbackParseLimits extends XmlLimits {
  /** Nesting of JSON objects and arrays. */
  readonly maxJsonDepth: number;
}

export const DEFAULT_CALLBACK_PARSE_LIMITS: CallbackParseLimits = { ...DEFAULT_XML_LIMITS, maxJsonDepth: 32 };

const LINE_FIELDS = allOf('string', ['orderLineNo', 'itemCode', 'itemId', 'planQty', 'actualQty']);
const PACKAGE_FIELDS = allOf('string', ['packageCode', 'logisticsCode', 'expressCode']);

function requireFields(deliveryOrder: Partial<PilotDeliveryOrder>): PilotDeliveryOrder {
  if (deliveryOrder.deliveryOrderCode === undefined || deliveryOrder.deliveryOrderCode.trim() === '')
    throw new InvalidDeliveryOrderCallback('deliveryOrder.deliveryOrderCode is required');
  if (deliveryOrder.status === undefined || deliveryOrder.status.trim() === '')
    throw new InvalidDeliveryOrderCallback('deliveryOrder.status is required');
  return deliveryOrder as PilotDeliveryOrder;
}

/**
 * Every number token of (otherwise well-formed) JSON turned into a string token with its text
 * exactly as sent, and nesting bounded: ids like 4829105573312908123 keep every digit, `0.10`
 * stays `0.10`. One linear pass; the following JSON.parse does the validation.
 */
function quoteNumbers(text: string, maxDepth: number): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: its end is the next quote not escaped by an odd run of backslashes.
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) throw new InvalidDeliveryOrderCallback('the body is not valid JSON: unterminated string');
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes += 1;
        if (backslashes % 2 === 0) break;
      }
      i = end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) throw new InvalidDeliveryOrderCallback(`the body nests deeper than ${maxDepth} levels`);
      i += 1;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      i += 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text.charAt(end))) end += 1;
      parts.push(text.slice(copiedUpTo, i), '"', text.slice(i, end), '"');
      copiedUpTo = end;
      i = end;
    } else {
      i += 1;
    }
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8's message quotes a piece of the body; the reason without it is enough and logs no payload.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new InvalidDeliveryOrderCallback(`the body is not valid JSON${position === undefined ? '' : ` (near character ${position})`}`);
  }
}

/** V8's native parser first (linear, iterative) refuses malformed text fast; then numbers are re-read as their text. */
function parseJsonKeepingNumberText(text: string, maxDepth: number): unknown {
  parseJson(text);
  return parseJson(quoteNumbers(text, maxDepth));
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
  for (const line of orderLines) if (line.itemCode === undefined) throw new InvalidDeliveryOrderCallback('orderLine.itemCode is required');
  const packages = root
    .field('packages')
    .optionalArray()
    .map((pkg) => ({
      ...readFields<Omit<PilotDeliveryPackage, 'items'>>(pkg, PACKAGE_FIELDS),
      items: pkg
        .field('items')
        .optionalArray()
        .map((item) => ({ itemCode: item.field('itemCode').string(), quantity: item.field('quantity').string() })),
    }));
  return { deliveryOrder: requireFields(deliveryOrder), orderLines, packages };
}

function pick(fields: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name] as string]));
}

function fromXml(root: XmlElement): PilotDeliveryOrderCallback {
  const container = root.name === 'request' ? root : undefined;
  const deliveryOrderElement =
    root.name === 'deliveryOrder' ? root : container === undefined ? undefined : childOf(container, 'deliveryOrder');
  if (deliveryOrderElement === undefined)
    throw new InvalidDeliveryOrderCallback(`expected <deliveryOrder> or <request><deliveryOrder>, got <${root.name.slice(0, 64)}>`);
  const deliveryOrder: Partial<PilotDeliveryOrder> = pick(leafTexts(deliveryOrderElement), DELIVERY_ORDER_FIELDS);
  const orderLines = childrenOf(container === undefined ? undefined : childOf(container, 'orderLines'), 'orderLine').map((line) => {
    const fields = leafTexts(line);
    if (fields.itemCode === undefined) throw new InvalidDeliveryOrderCallback('orderLine.itemCode is required');
    return pick(fields, Object.keys(LINE_FIELDS)) as unknown as PilotDeliveryOrderLine;
  });
  const packages = childrenOf(container === undefined ? undefined : childOf(container, 'packages'), 'package').map((pkg) => ({
    ...pick(leafTexts(pkg), Object.keys(PACKAGE_FIELDS)),
    items: childrenOf(childOf(pkg, 'items'), 'item').map((item) => {
      const itemFields = leafTexts(item);
      if (itemFields.itemCode === undefined || itemFields.quantity === undefined)
        throw new InvalidDeliveryOrderCallback('package item needs itemCode and quantity');
      return { itemCode: itemFields.itemCode, quantity: itemFields.quantity };
    }),
  }));
  return { deliveryOrder: requireFields(deliveryOrder), orderLines, packages };
}

/** The body's form by its first non-blank character (after a byte-order mark), or undefined when it is neither. */
export function sniffCallbackFormat(body: string): CallbackBodyFormat | undefined {
  const first = /^\uFEFF?\s*(.)/.exec(body)?.[1];
  return first === '{' || first === '[' ? 'json' : first === '<' ? 'xml' : undefined;
}

/**
 * Reads a callback body in either form. The document posts JSON under `Content-Type:
 * application/xml` (A9), so the content type is only a hint: the first non-blank character decides.
 * Numbers are kept as the text sent; size, depth, attribute and element counts are bounded.
 */
export function parseDeliveryOrderCallback(
  body: string,
  limits: CallbackParseLimits = DEFAULT_CALLBACK_PARSE_LIMITS,
): PilotDeliveryOrderCallback {
  if (body.length > limits.maxLength) throw new InvalidDeliveryOrderCallback(`the body is longer than ${limits.maxLength} characters`);
  const text = body.replace(/^\uFEFF/, '').trim();
  try {
    const format = sniffCallbackFormat(text);
    if (format === 'json') return fromJson(parseJsonKeepingNumberText(text, limits.maxJsonDepth));
    if (format === 'xml') return fromXml(readXml(text, limits));
  } catch (error) {
    if (error instanceof InvalidDeliveryOrderCallback) throw error;
    if (error instanceof InvalidResponse || error instanceof XmlReadError) throw new InvalidDeliveryOrderCallback(error.message);
    throw error;
  }
  throw new InvalidDeliveryOrderCallback(text === '' ? 'the body is empty' : 'the body is neither JSON nor XML');
}

/** The answer the logistics provider expects; the document's failure value of `success` is unknown, "false" is sent (ADR 0012). */
export function deliveryOrderCallbackReply(ok: boolean, errorcode = '', errormsg = ''): PilotCallbackReply {
  return { success: ok ? 'success' : 'false', errorcode, errormsg };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The callback answer written in the sender's form (ADR 0012): JSON as the document shows it,
 * `{success, errorcode, errormsg}`; XML as the QiMen family answers, `<response><flag/><code/><message/></response>`.
 */
export function renderDeliveryOrderCallbackReply(
  format: CallbackBodyFormat,
  ok: boolean,
  code: string,
  message: string,
): { readonly contentType: string; readonly body: string } {
  if (format === 'json')
    return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(deliveryOrderCallbackReply(ok, code, message)) };
  return {
    contentType: 'application/xml; charset=utf-8',
    body:
      '<?xml version="1.0" encoding="utf-8"?>' +
      `<response><flag>${ok ? 'success' : 'failure'}</flag><code>${escapeXml(code)}</code><message>${escapeXml(message)}</message></response>`,
  };
}

/** Dedupe keys longer than this are stored as their SHA-256, so the unique index stays small. */
const MAX_KEY_LENGTH = 200;

/**
 * Key that makes a redelivered message recognisable (ADR 0012): the provider's message id
 * (`outBizCode`, QiMen's "unique per request" code) when present; otherwise the delivery order,
 * its status, `confirmType` and its sorted package codes (`packageCode`, else the package's
 * `expressCode`), as a JSON array so that no separator inside a value can make two keys meet.
 */
export function deliveryOrderCallbackKey(callback: PilotDeliveryOrderCallback): string {
  const order = callback.deliveryOrder;
  const messageId = order.outBizCode?.trim() ?? '';
  const key =
    messageId !== ''
      ? messageId
      : JSON.stringify([
          order.deliveryOrderCode,
          order.status,
          order.confirmType ?? '',
          callback.packages.map((pkg) => pkg.packageCode ?? pkg.expressCode ?? '').sort(),
        ]);
  return key.length <= MAX_KEY_LENGTH ? key : `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}
