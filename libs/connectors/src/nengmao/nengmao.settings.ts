import type { ConnectionConfig } from '@serai/engine/ports';
import { NengmaoLimits, NengmaoProfile } from './nengmao.profiles';
import type { NengmaoCredentials } from './nengmao.signer';

/** One Nengmao connection, typed and validated once when the connector is built. */
export interface NengmaoSettings {
  readonly connectionName: string;
  readonly profile: NengmaoProfile;
  readonly baseUrl: string;
  readonly credentials: NengmaoCredentials;
  readonly timeoutMs: number;
  readonly retry: { readonly attempts: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  readonly limits: NengmaoLimits;
  /** Neither document states a currency for amounts; Tmall Global settles in CNY. */
  readonly currency: string;
  /** Canonical carrier code -> Nengmao courier code, over the built-in table (codes.ts). */
  readonly courierCodes: Readonly<Record<string, string>>;
  /** Location id given to stock figures read from Nengmao. */
  readonly stockLocation: string;
}

export class NengmaoSettingsError extends Error {
  constructor(connectionName: string, problems: readonly string[]) {
    super(`Nengmao connection "${connectionName}" is misconfigured: ${problems.join('; ')}`);
    this.name = 'NengmaoSettingsError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Reads `ConnectionConfig` for a profile. Credentials: `appKey`, `appSecret`. Options (all
 * optional): `timeoutMs`, `retryAttempts`, `retryBaseDelayMs`, `retryMaxDelayMs`, `currency`,
 * `stockLocation`, `courierCodes` ({canonical: nengmaoCode}), and the batch sizes
 * `goodsPerUpload`, `stocksPerUpdate`, `pricesPerUpdate`, `skusPerQuery`, `numbersPerList`,
 * `pageSize` (each 1 .. the hard maximum below).
 */
export function readNengmaoSettings(connection: ConnectionConfig, profile: NengmaoProfile): NengmaoSettings {
  const problems: string[] = [];
  const options = connection.options;
  const text = (value: unknown, name: string): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    problems.push(`${name} must be a non-empty string`);
    return undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = options[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`options.${name} must be an integer between ${min} and ${max}`);
    return fallback;
  };
  const appKey = text(connection.credentials.appKey, 'credentials.appKey');
  const appSecret = text(connection.credentials.appSecret, 'credentials.appSecret');
  if (appKey === undefined && connection.credentials.appKey === undefined) problems.push('credentials.appKey is required');
  if (appSecret === undefined && connection.credentials.appSecret === undefined) problems.push('credentials.appSecret is required');
  const baseUrl = text(connection.baseUrl, 'baseUrl') ?? '';
  if (baseUrl !== '' && !/^https?:\/\//.test(baseUrl)) problems.push('baseUrl must be an http(s) URL');
  const defaults = profile.limits;
  // Hard maxima: what either reading of the documents allows (2000 for SKU updates, §6.3/§6.5).
  const limits: NengmaoLimits = {
    goodsPerUpload: integer('goodsPerUpload', defaults.goodsPerUpload, 1, 100),
    stocksPerUpdate: integer('stocksPerUpdate', defaults.stocksPerUpdate, 1, 2000),
    pricesPerUpdate: integer('pricesPerUpdate', defaults.pricesPerUpdate, 1, profile.provider === 'nengmao-tmall-global' ? 100 : 2000),
    skusPerQuery: integer('skusPerQuery', defaults.skusPerQuery, 1, 100),
    numbersPerList: integer('numbersPerList', defaults.numbersPerList, 1, 1000),
    pageSize: integer('pageSize', defaults.pageSize, 1, 100),
  };
  const courierCodes: Record<string, string> = {};
  const rawCouriers = options.courierCodes;
  if (rawCouriers !== undefined && rawCouriers !== null) {
    if (typeof rawCouriers !== 'object' || Array.isArray(rawCouriers)) problems.push('options.courierCodes must be an object');
    else
      for (const [canonical, code] of Object.entries(rawCouriers)) {
        if (typeof code === 'string' && code.trim() !== '') courierCodes[canonical] = code.trim();
        else problems.push(`options.courierCodes.${canonical} must be a non-empty string`);
      }
  }
  const currency = text(options.currency, 'options.currency') ?? 'CNY';
  const settings: NengmaoSettings = {
    connectionName: connection.name,
    profile,
    baseUrl,
    credentials: { appKey: appKey ?? '', appSecret: appSecret ?? '' },
    timeoutMs: integer('timeoutMs', DEFAULT_TIMEOUT_MS, 100, 120_000),
    retry: {
      attempts: integer('retryAttempts', DEFAULT_RETRY.attempts, 1, 10),
      baseDelayMs: integer('retryBaseDelayMs', DEFAULT_RETRY.baseDelayMs, 0, 60_000),
      maxDelayMs: integer('retryMaxDelayMs', DEFAULT_RETRY.maxDelayMs, 0, 300_000),
    },
    limits,
    currency,
    courierCodes,
    stockLocation: text(options.stockLocation, 'options.stockLocation') ?? connection.name,
  };
  if (baseUrl === '') problems.push('baseUrl is required');
  if (problems.length > 0) throw new NengmaoSettingsError(connection.name, problems);
  return settings;
}
