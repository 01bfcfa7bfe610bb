import { ConfigurationError } from '@serai/common';
import type { ConnectionConfig } from '@serai/engine/ports';
import type { RetryPolicy } from '../kernel/provider-http-client';
import { ENVOY_PAGE_SIZES, ENVOY_PLATFORM_NAMES } from './codes';
import type { EnvoyPageSize } from './wire/list-orders';
import type { EnvoyPlatformName } from './wire/order';

/** How requests are authenticated: the documented key headers, or the API-gateway signature on top. */
export type NomadSigning = 'none' | 'gateway';

/** One Envoy connection, validated once when the connector is built. */
export interface NomadEnvoySettings {
  readonly connectionName: string;
  readonly baseUrl: string;
  /** Path parameter `store`: "ID of the store", e.g. `samarkand.youzan.test`. */
  readonly store: string;
  /** Sent as `x-ca-key` (credentials `caKey`, or `appKey` when signing). */
  readonly caKey: string;
  /** Sent as `x-ca-stage` when set (the document's second method; gateway stages TEST/PRE/RELEASE). */
  readonly stage?: string;
  readonly signing: NomadSigning;
  /** Gateway signing secret (credentials `appSecret`), only with `signing: 'gateway'`. */
  readonly appSecret?: string;
  readonly pageSize: EnvoyPageSize;
  /** `platformName` written on created orders when set ("pdd, youzan, ..."). */
  readonly platformName?: EnvoyPlatformName;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

export function readNomadEnvoySettings(connection: ConnectionConfig): NomadEnvoySettings {
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
  const store = text(options.store, 'options.store', true) ?? '';
  const signing = options.signing ?? 'none';
  if (signing !== 'none' && signing !== 'gateway') problems.push("options.signing must be 'none' or 'gateway'");
  const caKey = text(connection.credentials.caKey ?? connection.credentials.appKey, 'credentials.caKey', true) ?? '';
  const appSecret = text(connection.credentials.appSecret, 'credentials.appSecret', signing === 'gateway');
  const pageSize = options.pageSize ?? 100;
  if (!(ENVOY_PAGE_SIZES as readonly unknown[]).includes(pageSize))
    problems.push(`options.pageSize must be one of ${ENVOY_PAGE_SIZES.join(', ')}`);
  const platformName = text(options.platformName, 'options.platformName', false);
  if (platformName !== undefined && !(ENVOY_PLATFORM_NAMES as readonly string[]).includes(platformName))
    problems.push(`options.platformName must be one of ${ENVOY_PLATFORM_NAMES.join(', ')}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1)
    problems.push('options.timeoutMs must be a positive integer');
  const retry = readRetry(options.retry, problems);
  if (problems.length > 0) throw new ConfigurationError(problems.map((problem) => `${connection.name}: ${problem}`));
  return {
    connectionName: connection.name,
    baseUrl: connection.baseUrl,
    store,
    caKey,
    stage: text(options.stage, 'options.stage', false),
    signing: signing as NomadSigning,
    appSecret,
    pageSize: pageSize as EnvoyPageSize,
    platformName: platformName as EnvoyPlatformName | undefined,
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
