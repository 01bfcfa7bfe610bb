import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const HUB_ROLES = ['all', 'api', 'worker'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * The environment variables the hub reads, with their rules. Everything else in the code receives
 * the typed {@link HubConfig} built from this, never `process.env`.
 */
export class HubEnvironment {
  @Transform(toInt)
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  @IsInt({ message: 'must be an integer' })
  PORT = 3000;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// connection URL' })
  DATABASE_URL?: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsIn(HUB_ROLES, { message: `must be one of ${HUB_ROLES.join(', ')}` })
  HUB_ROLE: HubRole = 'all';

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsString({ message: 'must be a folder path' })
  @Matches(/\S/, { message: 'must not be empty' })
  DATA_DIR = '.data';

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 random bytes in base64 (44 characters, e.g. `openssl rand -base64 32`)' })
  MASTER_KEY?: string;

  /** The first admin API key; with none set and no key stored, the hub generates one and logs it once. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[\x21-\x7e]{32,256}$/, { message: 'must be 32 to 256 printable characters with no spaces (e.g. `openssl rand -base64 32`)' })
  BOOTSTRAP_API_KEY?: string;

  @Transform(toInt)
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  @IsInt({ message: 'must be an integer' })
  EMBEDDED_DB_PORT = 54320;

  @Transform(toInt)
  @Min(1, { message: 'must be between 1 and 200' })
  @Max(200, { message: 'must be between 1 and 200' })
  @IsInt({ message: 'must be an integer' })
  DB_POOL_SIZE = 10;

  @Transform(toInt)
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  @IsInt({ message: 'must be an integer' })
  SANDBOX_PORT = 4100;

  /** Whether `npm start` also runs the provider sandbox in-process (the demo topology). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  START_SANDBOX?: boolean;

  /** How long claimed work stays reserved for a process (recovery time after a crash). */
  @Transform(toInt)
  @Max(3_600_000, { message: 'must be between 1000 and 3600000' })
  @Min(1000, { message: 'must be between 1000 and 3600000' })
  @IsInt({ message: 'must be an integer number of milliseconds' })
  WORK_LEASE_MS = 60_000;

  /** Whether the daily reconciliation runs are queued by the hub itself; runs asked for through the API run either way. */
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  SCHEDULED_RECONCILIATION = true;

  /** How often each connection's streams are polled. */
  @Transform(toInt)
  @Max(3_600_000, { message: 'must be between 200 and 3600000' })
  @Min(200, { message: 'must be between 200 and 3600000' })
  @IsInt({ message: 'must be an integer number of milliseconds' })
  POLL_INTERVAL_MS = 5_000;

  /** A JSON file of connections (and routes) to create or update at start-up. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString({ message: 'must be a file path' })
  CONNECTIONS_FILE?: string;

  /** Sustained requests per second one API key may make (token bucket refill rate), per hub instance. */
  @Transform(toInt)
  @Min(1, { message: 'must be between 1 and 100000' })
  @Max(100_000, { message: 'must be between 1 and 100000' })
  @IsInt({ message: 'must be an integer' })
  API_RATE_LIMIT_PER_SECOND = 50;

  /** Requests one API key may make in a burst above the sustained rate (token bucket size). */
  @Transform(toInt)
  @Min(1, { message: 'must be between 1 and 100000' })
  @Max(100_000, { message: 'must be between 1 and 100000' })
  @IsInt({ message: 'must be an integer' })
  API_RATE_LIMIT_BURST = 100;

  @Transform(toInt)
  @Min(0, { message: 'must be between 0 and 600000' })
  @Max(600000, { message: 'must be between 0 and 600000' })
  @IsInt({ message: 'must be an integer number of milliseconds' })
  SHUTDOWN_GRACE_MS = 10000;

  /** Largest callback body accepted by POST /callback/{store}; larger ones are answered 413. */
  @Transform(toInt)
  @Min(1024, { message: 'must be between 1024 and 67108864' })
  @Max(67_108_864, { message: 'must be between 1024 and 67108864' })
  @IsInt({ message: 'must be an integer number of bytes' })
  CALLBACK_MAX_BYTES = 1_048_576;

  /** Failed callback authentications per source address within the window before it is answered 429. */
  @Transform(toInt)
  @Min(1, { message: 'must be between 1 and 100000' })
  @Max(100_000, { message: 'must be between 1 and 100000' })
  @IsInt({ message: 'must be an integer' })
  CALLBACK_AUTH_FAILURE_LIMIT = 10;

  /** The window of CALLBACK_AUTH_FAILURE_LIMIT, and how long an address stays blocked once over it. */
  @Transform(toInt)
  @Min(1000, { message: 'must be between 1000 and 86400000' })
  @Max(86_400_000, { message: 'must be between 1000 and 86400000' })
  @IsInt({ message: 'must be an integer number of milliseconds' })
  CALLBACK_AUTH_FAILURE_WINDOW_MS = 60_000;

  /** How long the store → connection mapping of callbacks is cached (0: looked up on every callback). */
  @Transform(toInt)
  @Min(0, { message: 'must be between 0 and 600000' })
  @Max(600_000, { message: 'must be between 0 and 600000' })
  @IsInt({ message: 'must be an integer number of milliseconds' })
  CALLBACK_STORE_CACHE_MS = 5_000;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates raw environment variables; throws one {@link ConfigurationError} naming every bad variable. */
export function validateHubEnvironment(raw: Record<string, unknown>): HubEnvironment {
  const known = Object.keys(new HubEnvironment());
  const relevant: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'MASTER_KEY', 'BOOTSTRAP_API_KEY', 'START_SANDBOX']) {
    if (raw[key] !== undefined) relevant[key] = raw[key];
  }
  const env = plainToInstance(HubEnvironment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  const problems = errors.map((error) => {
    const reason = Object.values(error.constraints ?? {}).join(', ');
    const shown = ['DATABASE_URL', 'MASTER_KEY', 'BOOTSTRAP_API_KEY'].includes(error.property) ? '' : ` (got '${String(error.value)}')`;
    return `${error.property} ${reason}${shown}`;
  });
  if (env.DATABASE_URL !== undefined && env.MASTER_KEY === undefined) {
    problems.push('MASTER_KEY is required when DATABASE_URL is set (credentials at rest are encrypted with it)');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return env;
}
