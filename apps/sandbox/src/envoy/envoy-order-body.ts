import { EnvoyApiError } from './envoy-api.error';
import {
  ENVOY_CUSTOMS_CODES,
  ENVOY_GENDERS,
  ENVOY_ORDER_STATUSES,
  ENVOY_ORDER_TEMPLATE,
  ENVOY_ORDER_TYPES,
  ENVOY_PLATFORM_NAMES,
  EnvoyOrder,
  EnvoyPerson,
} from './envoy.wire';

/** Numbers in the example that real callers send as digit strings too (leading zeros; catalogue §5.5). */
const NUMBER_OR_STRING_KEYS = new Set(['barcode', 'productId']);
/** Free-form maps of strings (`campaignTrackingData` shows `cj_event`, `utm_campaign`). */
const FREE_STRING_MAPS = new Set(['campaignTrackingData']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Reads `input` against the documented example: every documented property is kept (with the
 * document's default when absent), a property of the wrong JSON type is refused with 400, and
 * undocumented properties are dropped, as a schema-validated API would.
 */
function conform(input: unknown, template: unknown, path: string, key: string): unknown {
  if (Array.isArray(template)) {
    if (input === undefined || input === null) return [];
    if (!Array.isArray(input)) throw EnvoyApiError.invalidInput(`${path} must be an array, got ${describe(input)}`);
    return input.map((element, index) => conform(element, template[0], `${path}[${index}]`, key));
  }
  if (isRecord(template)) {
    if (FREE_STRING_MAPS.has(key)) {
      if (input === undefined || input === null) return {};
      if (!isRecord(input) || !Object.values(input).every((v) => typeof v === 'string'))
        throw EnvoyApiError.invalidInput(`${path} must be an object of strings`);
      return { ...input };
    }
    const source = input === undefined || input === null ? {} : input;
    if (!isRecord(source)) throw EnvoyApiError.invalidInput(`${path} must be an object, got ${describe(source)}`);
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(template)) out[name] = conform(source[name], child, path ? `${path}.${name}` : name, name);
    return out;
  }
  if (input === undefined || input === null) return template;
  if (NUMBER_OR_STRING_KEYS.has(key)) {
    if ((typeof input === 'number' && Number.isFinite(input)) || typeof input === 'string') return input;
    throw EnvoyApiError.invalidInput(`${path} must be a number or a string, got ${describe(input)}`);
  }
  if (typeof input !== typeof template) throw EnvoyApiError.invalidInput(`${path} must be a ${typeof template}, got ${describe(input)}`);
  if (typeof input === 'number' && !Number.isFinite(input)) throw EnvoyApiError.invalidInput(`${path} must be a finite number`);
  return input;
}

function requireOneOf(value: string, allowed: readonly string[], path: string, allowEmpty: boolean): void {
  if (allowEmpty && value === '') return;
  if (!allowed.includes(value)) throw EnvoyApiError.invalidInput(`${path} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function checkPerson(person: EnvoyPerson, path: string): void {
  requireOneOf(person.gender, ENVOY_GENDERS, `${path}.gender`, true);
}

/**
 * The create body ("Order details", one `Order`). Required fields are not documented; the
 * simulator requires what an order system cannot do without: `clientOrderRef` and at least one
 * item whose product names the bought SKU (`skus[0].skuNumber`) with a positive whole quantity.
 * `orderId`, `createdAt` and `updatedAt` are assigned by the server.
 */
export function parseEnvoyOrderBody(body: unknown): EnvoyOrder {
  if (!isRecord(body)) throw EnvoyApiError.invalidInput(`the body must be one JSON order object, got ${describe(body)}`);
  const order = conform(body, ENVOY_ORDER_TEMPLATE, '', '') as EnvoyOrder;
  if (order.clientOrderRef.trim() === '') throw EnvoyApiError.invalidInput('clientOrderRef is required');
  if (order.items.length === 0) throw EnvoyApiError.invalidInput('items must hold at least one item');
  order.items.forEach((item, index) => {
    if (!Number.isInteger(item.quantity) || item.quantity < 1)
      throw EnvoyApiError.invalidInput(`items[${index}].quantity must be a whole number of at least 1`);
    const sku = item.product.skus[0];
    if (sku === undefined || sku.skuNumber.trim() === '')
      throw EnvoyApiError.invalidInput(`items[${index}].product.skus[0].skuNumber names the bought SKU and is required`);
  });
  requireOneOf(order.platformName, ENVOY_PLATFORM_NAMES, 'platformName', true);
  requireOneOf(order.orderType, ENVOY_ORDER_TYPES, 'orderType', false);
  requireOneOf(order.status, ENVOY_ORDER_STATUSES, 'status', true);
  requireOneOf(order.customsCode, ENVOY_CUSTOMS_CODES, 'customsCode', false);
  checkPerson(order.customer, 'customer');
  checkPerson(order.seller, 'seller');
  checkPerson(order.payer, 'payer');
  return order;
}
