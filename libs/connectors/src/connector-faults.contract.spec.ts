import type { CallTraceSink, ConnectionConfig, ProviderConnector } from '@serai/engine/ports';
import { SandboxUnderTest, startSandboxUnderTest } from '../../../apps/sandbox/src/testing/sandbox-under-test';
import { testHttpService } from './kernel/testing/replay-server';
import { NengmaoConnectorFactory } from './nengmao/nengmao-connector.factory';
import { NENGMAO_BRAND_PROFILE, NENGMAO_TMALL_GLOBAL_PROFILE } from './nengmao/nengmao.profiles';
import { NomadEnvoyConnectorFactory } from './nomad-envoy/nomad-envoy.factory';
import { NomadPilotConnectorFactory } from './nomad-pilot/nomad-pilot.factory';
import { WmsConnectorFactory } from './wms/wms.factory';

/**
 * Every connector against every kind of sandbox fault, through the same door the engine uses
 * (`ProviderConnector.testConnection`, a cheap authenticated call): the failure must come back as
 * the right typed error class, quickly, never as a hang or an `undefined` deep inside.
 */
interface Subject {
  readonly provider: string;
  readonly build: (baseUrl: string) => ProviderConnector;
}

const trace: CallTraceSink = { record: () => undefined };
const http = testHttpService();
const fast = { timeoutMs: 400 };

function config(
  provider: ConnectionConfig['provider'],
  baseUrl: string,
  credentials: Record<string, string>,
  options: Record<string, unknown>,
): ConnectionConfig {
  return { name: `${provider}-faults`, provider, baseUrl, credentials, options };
}

const SUBJECTS: readonly Subject[] = [
  {
    provider: 'nengmao',
    build: (url) =>
      new NengmaoConnectorFactory(http, NENGMAO_BRAND_PROFILE).create(
        config('nengmao-brand', `${url}/nengmao`, { appKey: 'demo-app-key', appSecret: 'demo-app-secret' }, { ...fast, retryAttempts: 1 }),
        trace,
      ),
  },
  {
    provider: 'tmg',
    build: (url) =>
      new NengmaoConnectorFactory(http, NENGMAO_TMALL_GLOBAL_PROFILE).create(
        config('nengmao-tmall-global', url, { appKey: 'demo-app-key', appSecret: 'demo-app-secret' }, { ...fast, retryAttempts: 1 }),
        trace,
      ),
  },
  {
    provider: 'envoy',
    build: (url) =>
      new NomadEnvoyConnectorFactory(http).create(
        config(
          'nomad-envoy',
          `${url}/envoy`,
          { caKey: 'demo-ca-key' },
          { ...fast, store: 'samarkand.youzan.test', retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
        ),
        trace,
      ),
  },
  {
    provider: 'pilot',
    build: (url) =>
      new NomadPilotConnectorFactory(http).create(
        config(
          'nomad-pilot',
          `${url}/pilot`,
          { caKey: 'demo-ca-key' },
          { ...fast, carrier: 'samarkand.sfexpress.test', retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
        ),
        trace,
      ),
  },
  {
    provider: 'wms',
    build: (url) =>
      new WmsConnectorFactory(http).create(
        config(
          'wms',
          `${url}/wms`,
          { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
          { ...fast, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
        ),
        trace,
      ),
  },
];

describe.each(SUBJECTS)('the $provider connector under sandbox faults (contract)', ({ provider, build }) => {
  let sandbox: SandboxUnderTest;
  let connector: ProviderConnector;

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest();
    connector = build(await sandbox.listen());
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' }));

  const inject = (rule: Record<string, unknown>) =>
    sandbox.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { rules: [{ id: `${provider}-fault`, provider, ...rule }] } });

  it('passes its connection test when the provider is healthy', async () => {
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: true });
  });

  it('times out on a provider that hangs, within its timeout', async () => {
    await inject({ kind: 'hang', rate: 1, holdMs: 3000 });
    const started = Date.now();
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: false, providerCode: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports a 5xx answer as a failure worth retrying', async () => {
    await inject({ kind: 'server-error', rate: 1, status: 503 });
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: false, providerCode: '503' });
  });

  it('reports a malformed body as an invalid response, not a crash', async () => {
    await inject({ kind: 'malformed', rate: 1, mode: 'non-json' });
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: false, providerCode: 'INVALID_RESPONSE' });
    await inject({ kind: 'malformed', rate: 1, mode: 'truncated' });
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: false, providerCode: 'INVALID_RESPONSE' });
  });

  it('reports rate limiting', async () => {
    await inject({ kind: 'rate-limit', perSecond: 1, answer: 'http-429' });
    await connector.testConnection();
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: false, providerCode: '429' });
  });

  it('reports an outage and recovers when it ends', async () => {
    await inject({ kind: 'outage', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', mode: '503' });
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: false });
    await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    await expect(connector.testConnection()).resolves.toMatchObject({ ok: true });
  });
});
