import { ConfigurationError } from '@serai/common';
import type { ConnectionConfig } from '@serai/engine/ports';
import type { RetryPolicy } from '../kernel/provider-http-client';
import { readPilotCallbackSettings } from './nomad-pilot.callback-settings';
import {
  PILOT_PAGE_SIZES,
  PILOT_PATTERNS,
  PILOT_STOCK_STATUSES,
  PILOT_STOCK_TYPES,
  PilotPageSize,
  PilotPattern,
  PilotStockStatus,
  PilotStockType,
} from './codes';

/** Which Pilot catalogues a published product goes to. */
export type PilotCatalogTarget = 'inventory' | 'freight-forward';

/** One Pilot connection, validated once when the connector is built. */
export interface NomadPilotSettings {
  readonly connectionName: string;
  readonly baseUrl: string;
  /** Path parameter `carrier`: "Carrier name to ship, e.g. samarkand.sfexpress.test". */
  readonly carrier: string;
  /** Sent as `x-ca-key` (credentials `caKey`, or `appKey` when signing). */
  readonly caKey: string;
  readonly stage?: string;
  readonly signing: 'none' | 'gateway';
  readonly appSecret?: string;
  /** Page size of the query-string listings (packages, inventory): one of 1, 10, 50, 100, 1000. */
  readonly pageSize: PilotPageSize;
  /** The stock that counts as sellable when pulling inventory. */
  readonly stockStatus: PilotStockStatus;
  readonly stockType: PilotStockType;
  /** "Shop number, required for shop stock query." */
  readonly shopNo?: string;
  /** Cross-border business type written on registered products. */
  readonly pattern?: PilotPattern;
  readonly catalogTargets: readonly PilotCatalogTarget[];
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

export function readNomadPilotSettings(connection: ConnectionConfig): NomadPilotSettings {
  const problems: string[] = [];
  const options = connection.options;
  const text = (value: unknown, name: string, required: boolean): string | undefined => {
    if (value === undefined || value === null || value === '') {
      if (required) problems.push(`${name} is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.push(`${name} must be a string`);
      return undefined;
    }
    return value;
  };
  const oneOf = <T>(value: unknown, allowed: readonly T[], name: string, fallback: T): T => {
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) problems.push(`${name} must be one of ${allowed.join(', ')}`);
    return value as T;
  };
  const carrier = text(options.carrier, 'options.carrier', true) ?? '';
  const signing = oneOf(options.signing, ['none', 'gateway'] as const, 'options.signing', 'none');
  const caKey = text(connection.credentials.caKey ?? connection.credentials.appKey, 'credentials.caKey', true) ?? '';
  const appSecret = text(connection.credentials.appSecret, 'credentials.appSecret', signing === 'gateway');
  const pageSize = oneOf(options.pageSize, PILOT_PAGE_SIZES, 'options.pageSize', 100);
  const stockStatus = oneOf(options.stockStatus, Object.keys(PILOT_STOCK_STATUSES) as PilotStockStatus[], 'options.stockStatus', 'GOOD');
  const stockType = oneOf(options.stockType, Object.keys(PILOT_STOCK_TYPES) as PilotStockType[], 'options.stockType', 'NORMAL');
  const pattern = options.pattern === undefined ? undefined : oneOf(options.pattern, PILOT_PATTERNS, 'options.pattern', 'BBC');
  const targets = options.catalogTargets ?? ['inventory', 'freight-forward'];
  if (!Array.isArray(targets) || !targets.every((t) => t === 'inventory' || t === 'freight-forward'))
    problems.push("options.catalogTargets must list 'inventory' and/or 'freight-forward'");
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1)
    problems.push('options.timeoutMs must be a positive integer');
  const retry = readRetry(options.retry, problems);
  problems.push(...readPilotCallbackSettings(connection).problems);
  if (problems.length > 0) throw new ConfigurationError(problems.map((problem) => `${connection.name}: ${problem}`));
  return {
    connectionName: connection.name,
    baseUrl: connection.baseUrl,
    carrier,
    caKey,
    stage: text(options.stage, 'options.stage', false),
    signing,
    appSecret,
    pageSize,
    stockStatus,
    stockType,
    shopNo: text(options.shopNo, 'options.shopNo', false),
    pattern,
    catalogTargets: targets as PilotCatalogTarget[],
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
