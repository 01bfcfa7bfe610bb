import { DEFAULT_SANDBOX_SETTINGS } from './sandbox-settings';
import { loadSandboxSettings, SandboxSettingsError, sandboxUsage } from './sandbox-settings-loader';

const noFile = (): string => {
  throw new Error('ENOENT: no such file');
};

function load(argv: string[], env: Record<string, string> = {}, files: Record<string, string> = {}) {
  return loadSandboxSettings({
    argv,
    env,
    readFile: (path) => {
      if (path in files) return files[path];
      return noFile();
    },
  });
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SandboxSettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected a SandboxSettingsError');
}

describe('loadSandboxSettings', () => {
  it('gives the defaults when nothing is set', () => {
    expect(load([])).toEqual(DEFAULT_SANDBOX_SETTINGS);
  });

  it('reads the documented flags in both --flag value and --flag=value forms', () => {
    const settings = load([
      '--orders',
      '10000',
      '--skus=2000',
      '--seed',
      '7',
      '--port',
      '4200',
      '--order-rate',
      '1.5',
      '--no-auto-advance',
    ]);
    expect(settings).toMatchObject({ initialOrders: 10000, skus: 2000, seed: 7, port: 4200, orderRatePerMinute: 1.5, autoAdvance: false });
  });

  it('reads the documented environment variables', () => {
    const settings = load([], {
      SANDBOX_PORT: '4300',
      SANDBOX_SEED: '42',
      SANDBOX_ORDERS: '12',
      SANDBOX_SKUS: '30',
      SANDBOX_ORDER_RATE: '0',
      SANDBOX_CALLBACK_URL: 'http://localhost:3000/callbacks/pilot/{store}',
      SANDBOX_CALLBACK_FORMAT: 'json',
    });
    expect(settings).toMatchObject({
      port: 4300,
      seed: 42,
      initialOrders: 12,
      skus: 30,
      orderRatePerMinute: 0,
      callbackUrl: 'http://localhost:3000/callbacks/pilot/{store}',
      callbackFormat: 'json',
    });
  });

  it('lets a flag win over its environment variable', () => {
    expect(load(['--seed', '9'], { SANDBOX_SEED: '3' }).seed).toBe(9);
  });

  it('names the flag and the problem when a value is invalid', () => {
    expect(problemsOf(() => load(['--orders', 'many']))).toEqual(["--orders must be an integer between 0 and 1000000 (got 'many')"]);
    expect(problemsOf(() => load([], { SANDBOX_SKUS: '0' }))).toEqual(["SANDBOX_SKUS must be an integer between 1 and 100000 (got '0')"]);
    expect(problemsOf(() => load(['--callback-format', 'yaml']))).toEqual(["--callback-format must be one of xml, json (got 'yaml')"]);
    expect(problemsOf(() => load(['--callback-url', 'ftp://x']))).toEqual(["--callback-url must be an http(s) URL (got 'ftp://x')"]);
  });

  it('reports every problem at once, including unknown flags and missing values', () => {
    expect(problemsOf(() => load(['--orders', '--skus', '-1', '--colour', 'red']))).toEqual([
      '--orders needs a value',
      '--colour is not a known flag (see --help)',
      "--skus must be an integer between 1 and 100000 (got '-1')",
    ]);
  });

  it('adds accounts, stores, carriers and keys from the config file to the defaults', () => {
    const config = JSON.stringify({
      nengmaoAccounts: [{ appKey: 'brand-2', appSecret: 's2' }],
      caKeys: ['partner-ca-key'],
      envoyStores: ['second.youzan.test', 'samarkand.youzan.test'],
      pilotCarriers: ['samarkand.ems.test'],
      logisticsProviders: ['haiku2'],
      wmsAppKeys: [{ appKey: 'wms-2', appSecret: 'w2' }],
      skus: 40,
    });
    const settings = load(['--config', 'extra.json'], {}, { 'extra.json': config });
    expect(settings.nengmaoAccounts).toEqual([...DEFAULT_SANDBOX_SETTINGS.nengmaoAccounts, { appKey: 'brand-2', appSecret: 's2' }]);
    expect(settings.caKeys).toEqual(['demo-ca-key', 'partner-ca-key']);
    expect(settings.envoyStores).toEqual(['samarkand.youzan.test', 'second.youzan.test']);
    expect(settings.pilotCarriers).toEqual(['samarkand.sfexpress.test', 'samarkand.ems.test']);
    expect(settings.logisticsProviders).toEqual(['haiku', 'haiku2']);
    expect(settings.wmsAppKeys.map((account) => account.appKey)).toEqual(['demo-app-key', 'wms-2']);
    expect(settings.skus).toBe(40);
  });

  it('lets flags and variables win over the config file', () => {
    const settings = load(['--skus', '5'], { SANDBOX_CONFIG: 'c.json' }, { 'c.json': '{"skus": 40, "seed": 3}' });
    expect(settings).toMatchObject({ skus: 5, seed: 3 });
  });

  it('names the config file problems without echoing secrets', () => {
    const problems = problemsOf(() =>
      load(
        ['--config', 'c.json'],
        {},
        { 'c.json': JSON.stringify({ wmsAppKeys: [{ appKey: 'k', appSecret: '' }], colour: 'red', caKeys: 'x' }) },
      ),
    );
    expect(problems).toEqual([
      'config file c.json: wmsAppKeys[0] must be { "appKey": "...", "appSecret": "..." } with non-empty strings',
      'config file c.json: colour is not a known setting',
      'config file c.json: caKeys must be a list',
    ]);
    const clash = problemsOf(() =>
      load(
        ['--config', 'c.json'],
        {},
        { 'c.json': JSON.stringify({ nengmaoAccounts: [{ appKey: 'demo-app-key', appSecret: 'hunter2' }] }) },
      ),
    );
    expect(clash).toEqual(['config file c.json: nengmaoAccounts: appKey demo-app-key is already configured with another secret']);
    expect(clash.join(' ')).not.toContain('hunter2');
  });

  it('says when the config file cannot be read or is not JSON', () => {
    expect(problemsOf(() => load(['--config', 'missing.json']))).toEqual(['--config: cannot read missing.json (ENOENT: no such file)']);
    expect(problemsOf(() => load([], { SANDBOX_CONFIG: 'bad.json' }, { 'bad.json': '{ nope' }))[0]).toMatch(
      /^SANDBOX_CONFIG: bad.json is not valid JSON/,
    );
  });

  it('documents every flag with its variable in the usage text', () => {
    const usage = sandboxUsage();
    for (const name of [
      '--orders',
      'SANDBOX_ORDERS',
      '--skus',
      'SANDBOX_SKUS',
      '--seed',
      'SANDBOX_SEED',
      '--order-rate',
      'SANDBOX_ORDER_RATE',
      '--config',
    ]) {
      expect(usage).toContain(name);
    }
  });
});
