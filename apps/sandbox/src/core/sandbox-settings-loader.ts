import { DEFAULT_SANDBOX_SETTINGS, SandboxSettings } from './sandbox-settings';

/** Every problem found in the flags, variables and config file; `main.ts` prints them and exits 78 (EX_CONFIG). */
export class SandboxSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'SandboxSettingsError';
  }
}

export interface SandboxSettingsSources {
  /** Command-line arguments after the script (`process.argv.slice(2)`). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads the `--config` file; injected so tests need no files. */
  readonly readFile: (path: string) => string;
}

interface Option {
  readonly flag: string;
  readonly env?: string;
  readonly describe: string;
}

/** Scalar settings that flags and variables can set; flags win over variables, variables over the config file. */
const OPTIONS = {
  port: { flag: '--port', env: 'SANDBOX_PORT', describe: 'HTTP port (default 4100)' },
  seed: { flag: '--seed', env: 'SANDBOX_SEED', describe: 'seed of the data generator: same seed, same data (default 7)' },
  initialOrders: { flag: '--orders', env: 'SANDBOX_ORDERS', describe: 'marketplace orders created at start-up (default 300)' },
  skus: { flag: '--skus', env: 'SANDBOX_SKUS', describe: 'SKUs in the shared catalogue (default 50)' },
  orderRatePerMinute: {
    flag: '--order-rate',
    env: 'SANDBOX_ORDER_RATE',
    describe: 'new marketplace orders per minute, 0 for none (default 6)',
  },
  callbackUrl: {
    flag: '--callback-url',
    env: 'SANDBOX_CALLBACK_URL',
    describe: 'where Pilot POSTs delivery-order callbacks; {store} is replaced',
  },
  callbackFormat: { flag: '--callback-format', env: 'SANDBOX_CALLBACK_FORMAT', describe: 'xml or json (default xml)' },
  autoAdvance: { flag: '--auto-advance', env: 'SANDBOX_AUTO_ADVANCE', describe: 'true/false: tick the clock every second (default true)' },
  packageStepMs: {
    flag: '--package-step-ms',
    env: 'SANDBOX_PACKAGE_STEP_MS',
    describe: 'ms a package stays in each Pilot state (default 15000)',
  },
} satisfies Record<string, Option>;

type ScalarKey = keyof typeof OPTIONS;
const CONFIG_OPTION: Option = {
  flag: '--config',
  env: 'SANDBOX_CONFIG',
  describe: 'JSON file adding accounts, stores, carriers, keys (README)',
};

/** List settings the config file extends (the defaults stay: "others can be added by configuration"). */
const LIST_KEYS = ['nengmaoAccounts', 'caKeys', 'envoyStores', 'pilotCarriers', 'logisticsProviders', 'wmsVersions', 'wmsAppKeys'] as const;
type ListKey = (typeof LIST_KEYS)[number];
const ACCOUNT_LISTS: readonly ListKey[] = ['nengmaoAccounts', 'wmsAppKeys'];

export function sandboxUsage(): string {
  const lines = [...Object.values(OPTIONS), CONFIG_OPTION].map(
    (option) => `  ${option.flag.padEnd(20)}${(option.env ?? '').padEnd(26)}${option.describe}`,
  );
  return ['Usage: npm run sandbox -- [flags]', '', `  ${'flag'.padEnd(20)}${'variable'.padEnd(26)}meaning`, ...lines, '  --help', ''].join(
    '\n',
  );
}

/** Reads `--name value` and `--name=value` pairs; unknown flags are problems. */
function parseArgv(argv: readonly string[], problems: string[]): Map<string, string> {
  const known = new Set([...Object.values(OPTIONS).map((option) => option.flag), CONFIG_OPTION.flag]);
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-auto-advance') {
      values.set('--auto-advance', 'false');
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!known.has(flag)) {
      problems.push(`${flag} is not a known flag (see --help)`);
      // Its value, if any, is not a flag of its own.
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) i += 1;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (flag === '--auto-advance' && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined || next.startsWith('--')) {
        problems.push(`${flag} needs a value`);
        continue;
      } else {
        value = next;
        i += 1;
      }
    }
    values.set(flag, value);
  }
  return values;
}

function integerIn(name: string, raw: string, min: number, max: number, problems: string[]): number | undefined {
  const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`${name} must be an integer between ${min} and ${max} (got '${raw}')`);
  return undefined;
}

function convert(key: ScalarKey, name: string, raw: string, problems: string[]): SandboxSettings[ScalarKey] | undefined {
  switch (key) {
    case 'port':
      return integerIn(name, raw, 1, 65535, problems);
    case 'seed':
      return integerIn(name, raw, 0, 4_294_967_295, problems);
    case 'initialOrders':
      return integerIn(name, raw, 0, 1_000_000, problems);
    case 'skus':
      return integerIn(name, raw, 1, 100_000, problems);
    case 'packageStepMs':
      return integerIn(name, raw, 100, 86_400_000, problems);
    case 'orderRatePerMinute': {
      const value = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
      if (Number.isFinite(value) && value <= 10_000) return value;
      problems.push(`${name} must be a number of orders per minute between 0 and 10000 (got '${raw}')`);
      return undefined;
    }
    case 'callbackUrl': {
      let url: URL | undefined;
      try {
        url = new URL(raw.replace('{store}', 'store'));
      } catch {
        url = undefined;
      }
      if (url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) return raw;
      problems.push(`${name} must be an http(s) URL (got '${raw}')`);
      return undefined;
    }
    case 'callbackFormat':
      if (raw === 'xml' || raw === 'json') return raw;
      problems.push(`${name} must be one of xml, json (got '${raw}')`);
      return undefined;
    case 'autoAdvance':
      if (raw === 'true' || raw === 'false') return raw === 'true';
      problems.push(`${name} must be true or false (got '${raw}')`);
      return undefined;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies the config file: scalars set the base, lists extend the defaults (duplicates dropped). */
function applyConfigFile(settings: Mutable<SandboxSettings>, path: string, content: unknown, problems: string[]): void {
  const where = `config file ${path}`;
  if (!isObject(content)) {
    problems.push(`${where} must hold a JSON object`);
    return;
  }
  for (const [key, value] of Object.entries(content)) {
    if ((LIST_KEYS as readonly string[]).includes(key)) {
      extendList(settings, key as ListKey, value, `${where}: ${key}`, problems);
    } else if (key === 'callbackKey') {
      if (typeof value === 'string' && value.length > 0) settings.callbackKey = value;
      else problems.push(`${where}: callbackKey must be a non-empty string`);
    } else if (key in OPTIONS) {
      const raw = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
      const converted = convert(key as ScalarKey, `${where}: ${key}`, raw, problems);
      if (converted !== undefined) Object.assign(settings, { [key]: converted });
    } else {
      problems.push(`${where}: ${key} is not a known setting`);
    }
  }
}

function extendList(settings: Mutable<SandboxSettings>, key: ListKey, value: unknown, name: string, problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`${name} must be a list`);
    return;
  }
  if (ACCOUNT_LISTS.includes(key)) {
    const accounts: { appKey: string; appSecret: string }[] = [];
    value.forEach((item: unknown, index) => {
      // The secret's value is never echoed in a problem.
      if (
        isObject(item) &&
        typeof item.appKey === 'string' &&
        item.appKey !== '' &&
        typeof item.appSecret === 'string' &&
        item.appSecret !== ''
      ) {
        accounts.push({ appKey: item.appKey, appSecret: item.appSecret });
      } else problems.push(`${name}[${index}] must be { "appKey": "...", "appSecret": "..." } with non-empty strings`);
    });
    const current = settings[key as 'nengmaoAccounts' | 'wmsAppKeys'];
    const added = accounts.filter((account) => !current.some((known) => known.appKey === account.appKey));
    const clash = accounts.filter((account) =>
      current.some((known) => known.appKey === account.appKey && known.appSecret !== account.appSecret),
    );
    for (const account of clash) problems.push(`${name}: appKey ${account.appKey} is already configured with another secret`);
    settings[key as 'nengmaoAccounts' | 'wmsAppKeys'] = [...current, ...added];
    return;
  }
  const strings: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string' && item.trim() !== '') strings.push(item);
    else problems.push(`${name}[${index}] must be a non-empty string`);
  });
  const current = settings[key as 'caKeys'];
  settings[key as 'caKeys'] = [...current, ...strings.filter((item) => !current.includes(item))];
}

/**
 * The sandbox's settings from defaults, an optional JSON config file (`--config` / `SANDBOX_CONFIG`),
 * environment variables and flags, in increasing precedence. Throws SandboxSettingsError naming every
 * flag or variable that is wrong and why.
 */
export function loadSandboxSettings(sources: SandboxSettingsSources): SandboxSettings {
  const problems: string[] = [];
  const flags = parseArgv(sources.argv, problems);
  const settings: Mutable<SandboxSettings> = { ...DEFAULT_SANDBOX_SETTINGS };

  const configPath = flags.get(CONFIG_OPTION.flag) ?? sources.env.SANDBOX_CONFIG;
  if (configPath !== undefined && configPath !== '') {
    const name = flags.has(CONFIG_OPTION.flag) ? CONFIG_OPTION.flag : 'SANDBOX_CONFIG';
    let text: string | undefined;
    try {
      text = sources.readFile(configPath);
    } catch (error) {
      problems.push(`${name}: cannot read ${configPath} (${error instanceof Error ? error.message : String(error)})`);
    }
    if (text !== undefined) {
      try {
        applyConfigFile(settings, configPath, JSON.parse(text) as unknown, problems);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        problems.push(`${name}: ${configPath} is not valid JSON (${error.message})`);
      }
    }
  }

  for (const [key, option] of Object.entries(OPTIONS) as [ScalarKey, Option][]) {
    const fromFlag = flags.get(option.flag);
    const fromEnv = option.env === undefined ? undefined : sources.env[option.env];
    const [name, raw] = fromFlag !== undefined ? [option.flag, fromFlag] : [option.env ?? option.flag, fromEnv];
    if (raw === undefined || raw === '') continue;
    const value = convert(key, name, raw, problems);
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }

  if (problems.length > 0) throw new SandboxSettingsError(problems);
  return settings;
}
