import { ConfigurationError } from '@serai/common';
import type { ConnectionConfig } from '@serai/engine/ports';
import type { RetryPolicy } from '../kernel/provider-http-client';
import { WMS_DEFAULT_PAGE_SIZE, WMS_ERROR_TABLE, WMS_MAX_PAGE_SIZE, WmsFailureClass, WmsFailureMeaning } from './codes';
import type { ServiceTypePlacement } from './wms.transport';

/** One WMS connection, validated once when the connector is built. */
export interface WmsSettings {
  readonly connectionName: string;
  /** `{HTTP(S)host}`; the connector adds `/api/{version}/sku`. */
  readonly baseUrl: string;
  readonly version: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly serviceTypePlacement: ServiceTypePlacement;
  readonly pageSize: number;
  /** Currency of `price` in query results, which carry no `priceUnit`. */
  readonly currency: string;
  /** `warehouseNameList` sent with every insert: the WMS then creates warehouse products (asynchronously). */
  readonly warehouseNames?: readonly string[];
  readonly errorTable: Readonly<Record<string, WmsFailureClass>>;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };
const MEANINGS: readonly WmsFailureMeaning[] = ['conflict', 'not_found', 'validation', 'auth', 'configuration', 'rate_limited', 'provider'];

export function readWmsSettings(connection: ConnectionConfig): WmsSettings {
  const problems: string[] = [];
  const { options, credentials } = connection;
  const appKey = credentials.appKey ?? '';
  const appSecret = credentials.appSecret ?? '';
  if (appKey === '') problems.push('credentials.appKey is required');
  if (appSecret === '') problems.push('credentials.appSecret is required');
  const version = options.version ?? 'v1';
  if (typeof version !== 'string' || !/^[\w.-]+$/.test(version)) problems.push('options.version must be a path segment such as v1');
  const placement = options.serviceTypePlacement ?? 'query';
  if (placement !== 'query' && placement !== 'header' && placement !== 'body')
    problems.push("options.serviceTypePlacement must be 'query', 'header' or 'body'");
  const pageSize = options.pageSize ?? WMS_DEFAULT_PAGE_SIZE;
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > WMS_MAX_PAGE_SIZE)
    problems.push(`options.pageSize must be 1 to ${WMS_MAX_PAGE_SIZE}`);
  const currency = options.currency ?? 'CNY';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) problems.push('options.currency must be an ISO 4217 code');
  const warehouseNames = options.warehouseNames;
  if (warehouseNames !== undefined && !(Array.isArray(warehouseNames) && warehouseNames.every((n) => typeof n === 'string')))
    problems.push('options.warehouseNames must be a list of names');
  const errorTable = { ...WMS_ERROR_TABLE };
  if (options.errorCodes !== undefined) {
    if (typeof options.errorCodes !== 'object' || options.errorCodes === null)
      problems.push('options.errorCodes must map codes to { meaning, retryable }');
    else
      for (const [code, value] of Object.entries(options.errorCodes as Record<string, unknown>)) {
        const entry = value as Partial<WmsFailureClass> | null;
        if (entry === null || !MEANINGS.includes(entry.meaning as WmsFailureMeaning) || typeof entry.retryable !== 'boolean')
          problems.push(`options.errorCodes.${code} must be { meaning, retryable }`);
        else errorTable[code] = { meaning: entry.meaning as WmsFailureMeaning, retryable: entry.retryable };
      }
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1)
    problems.push('options.timeoutMs must be a positive integer');
  const retry = readRetry(options.retry, problems);
  if (problems.length > 0) throw new ConfigurationError(problems.map((problem) => `${connection.name}: ${problem}`));
  return {
    connectionName: connection.name,
    baseUrl: connection.baseUrl,
    version: version as string,
    appKey,
    appSecret,
    serviceTypePlacement: placement as ServiceTypePlacement,
    pageSize: pageSize as number,
    currency: currency as string,
    warehouseNames: warehouseNames as readonly string[] | undefined,
    errorTable,
    timeoutMs: timeoutMs as number,
    retry,
  };
}

function readRetry(value: unknown, problems: string[]): RetryPolicy {
  if (value === undefined) return DEFAULT_RETRY;
  const retry = value as Partial<Record<keyof RetryPolicy, unknown>>;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (typeof value !== 'object' || value === null || !whole(retry.attempts) || !whole(retry.baseDelayMs) || !whole(retry.maxDelayMs)) {
    problems.push('options.retry must be { attempts, baseDelayMs, maxDelayMs } of whole numbers');
    return DEFAULT_RETRY;
  }
  return { attempts: retry.attempts, baseDelayMs: retry.baseDelayMs, maxDelayMs: retry.maxDelayMs };
}
