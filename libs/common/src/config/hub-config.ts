import { isAbsolute, resolve } from 'node:path';
import { HubEnvironment, HubRole, LogLevel, validateHubEnvironment } from './hub-environment';

/** Typed configuration, one object per concern, built once at boot from the validated environment. */
export interface HubConfig {
  readonly role: HubRole;
  readonly http: { readonly port: number; readonly shutdownGraceMs: number };
  readonly database: {
    /** Absent: the hub runs an embedded PostgreSQL in `dataDir`. */
    readonly url?: string;
    readonly dataDir: string;
    readonly embeddedPort: number;
    readonly poolSize: number;
  };
  readonly logging: { readonly level: LogLevel };
  /** Base64 master key for credentials at rest; required with DATABASE_URL, else generated in dataDir. */
  readonly masterKey?: string;
  readonly sandbox: { readonly enabled: boolean; readonly port: number };
  /** The first admin API key (BOOTSTRAP_API_KEY); absent: generated and logged once when no key exists. */
  readonly auth: { readonly bootstrapApiKey?: string };
  /** Connections (and routes) to create or update at start-up (CONNECTIONS_FILE). */
  readonly connectionsFile?: string;
  readonly engine: { readonly leaseMs: number; readonly pollIntervalMs: number };
  readonly reconciliation: { readonly scheduled: boolean };
  /** The logistics callback receiver (POST /callback/{store}). */
  readonly callbacks: {
    readonly maxBodyBytes: number;
    readonly authFailureLimit: number;
    readonly authFailureWindowMs: number;
    readonly storeCacheMs: number;
  };
  /** Per API key token bucket, per hub instance (ADR 0015). */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');

export function buildHubConfig(env: HubEnvironment, cwd: string = process.cwd()): HubConfig {
  const dataDir = isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(cwd, env.DATA_DIR);
  return {
    role: env.HUB_ROLE,
    http: { port: env.PORT, shutdownGraceMs: env.SHUTDOWN_GRACE_MS },
    database: { url: env.DATABASE_URL, dataDir, embeddedPort: env.EMBEDDED_DB_PORT, poolSize: env.DB_POOL_SIZE },
    logging: { level: env.LOG_LEVEL },
    masterKey: env.MASTER_KEY,
    // The demo topology: with no external database and no explicit choice, run the sandbox too.
    sandbox: { enabled: env.START_SANDBOX ?? env.DATABASE_URL === undefined, port: env.SANDBOX_PORT },
    connectionsFile:
      env.CONNECTIONS_FILE === undefined
        ? undefined
        : isAbsolute(env.CONNECTIONS_FILE)
          ? env.CONNECTIONS_FILE
          : resolve(cwd, env.CONNECTIONS_FILE),
    auth: { bootstrapApiKey: env.BOOTSTRAP_API_KEY },
    engine: { leaseMs: env.WORK_LEASE_MS, pollIntervalMs: env.POLL_INTERVAL_MS },
    reconciliation: { scheduled: env.SCHEDULED_RECONCILIATION },
    callbacks: {
      maxBodyBytes: env.CALLBACK_MAX_BYTES,
      authFailureLimit: env.CALLBACK_AUTH_FAILURE_LIMIT,
      authFailureWindowMs: env.CALLBACK_AUTH_FAILURE_WINDOW_MS,
      storeCacheMs: env.CALLBACK_STORE_CACHE_MS,
    },
    rateLimit: { perSecond: env.API_RATE_LIMIT_PER_SECOND, burst: env.API_RATE_LIMIT_BURST },
  };
}

export function loadHubConfig(raw: Record<string, unknown>, cwd?: string): HubConfig {
  return buildHubConfig(validateHubEnvironment(raw), cwd);
}
