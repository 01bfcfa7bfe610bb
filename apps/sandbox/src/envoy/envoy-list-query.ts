import { EnvoyApiError } from './envoy-api.error';
import { ENVOY_LIST_TYPES, ENVOY_MAX_PAGE_NO, ENVOY_ORDER_STATUSES, ENVOY_PAGE_SIZES, EnvoyListType, EnvoyOrderStatus } from './envoy.wire';

/** A closed interval of instants, both ends included (so a poller restarting at its last `updatedAt` misses nothing). */
export interface InstantRange {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface EnvoyListFilter {
  readonly orderId?: string;
  readonly clientOrderRef?: string;
  readonly status?: EnvoyOrderStatus;
  readonly type?: EnvoyListType;
  readonly created?: InstantRange;
  readonly updated?: InstantRange;
  readonly pageNo: number;
  readonly pageSize: number;
}

/**
 * The document lost the query parameter names (catalogue §3.1, A7). The catalogue infers
 * snake_case after the sister Pilot API; the simulator accepts those and their camelCase forms.
 */
const PARAMETER_NAMES = {
  orderId: ['order_id', 'orderId'],
  clientOrderRef: ['client_order_ref', 'clientOrderRef'],
  status: ['status'],
  type: ['type', 'order_type', 'orderType'],
  createdRange: ['created_range', 'createdRange'],
  updatedRange: ['updated_range', 'updatedRange'],
  pageNo: ['page_no', 'pageNo'],
  pageSize: ['page_size', 'pageSize'],
} as const;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function readParameter(query: Record<string, unknown>, names: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw EnvoyApiError.invalidInput(`query parameter ${name} must be given once`);
    if (found !== undefined && found !== value) throw EnvoyApiError.invalidInput(`query parameters ${names.join(' and ')} disagree`);
    found = value;
  }
  return found;
}

/** An ISO 8601 interval `start/end` with full date-times and zones, e.g. `2020-07-10T13:00:00Z/2020-07-11T15:30:00Z`. */
export function parseInstantRange(value: string, name: string): InstantRange {
  const parts = value.split('/');
  const [start, end] = parts;
  if (parts.length !== 2 || start === undefined || end === undefined || !ISO_DATE_TIME.test(start) || !ISO_DATE_TIME.test(end))
    throw EnvoyApiError.invalidInput(`${name} must be an ISO 8601 interval start/end, e.g. 2020-07-10T13:00:00Z/2020-07-11T15:30:00Z`);
  const fromMs = Date.parse(start);
  const toMs = Date.parse(end);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw EnvoyApiError.invalidInput(`${name} holds an impossible date-time`);
  if (fromMs > toMs) throw EnvoyApiError.invalidInput(`${name} ends before it starts`);
  return { fromMs, toMs };
}

function parseWholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw EnvoyApiError.invalidInput(`${name} must be a whole number (got '${value}')`);
  return Number(value);
}

export function parseEnvoyListQuery(query: Record<string, unknown>): EnvoyListFilter {
  const status = readParameter(query, PARAMETER_NAMES.status);
  if (status !== undefined && !(ENVOY_ORDER_STATUSES as readonly string[]).includes(status))
    throw EnvoyApiError.invalidInput(`status must be one of ${ENVOY_ORDER_STATUSES.join(', ')} (got '${status}')`);
  const type = readParameter(query, PARAMETER_NAMES.type);
  if (type !== undefined && !(ENVOY_LIST_TYPES as readonly string[]).includes(type))
    throw EnvoyApiError.invalidInput(`type must be one of ${ENVOY_LIST_TYPES.join(', ')} (got '${type}')`);
  const pageNoText = readParameter(query, PARAMETER_NAMES.pageNo);
  const pageNo = pageNoText === undefined ? 1 : parseWholeNumber(pageNoText, 'page_no');
  if (pageNo < 1 || pageNo > ENVOY_MAX_PAGE_NO) throw EnvoyApiError.invalidInput(`page_no must be between 1 and ${ENVOY_MAX_PAGE_NO}`);
  const pageSizeText = readParameter(query, PARAMETER_NAMES.pageSize);
  const pageSize = pageSizeText === undefined ? 10 : parseWholeNumber(pageSizeText, 'page_size');
  if (!(ENVOY_PAGE_SIZES as readonly number[]).includes(pageSize))
    throw EnvoyApiError.invalidInput(`page_size must be one of ${ENVOY_PAGE_SIZES.join(', ')} (got ${pageSize})`);
  const createdRange = readParameter(query, PARAMETER_NAMES.createdRange);
  const updatedRange = readParameter(query, PARAMETER_NAMES.updatedRange);
  return {
    orderId: readParameter(query, PARAMETER_NAMES.orderId),
    clientOrderRef: readParameter(query, PARAMETER_NAMES.clientOrderRef),
    status: status as EnvoyOrderStatus | undefined,
    type: type as EnvoyListType | undefined,
    created: createdRange === undefined ? undefined : parseInstantRange(createdRange, 'created_range'),
    updated: updatedRange === undefined ? undefined : parseInstantRange(updatedRange, 'updated_range'),
    pageNo,
    pageSize,
  };
}
