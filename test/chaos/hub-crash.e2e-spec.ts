import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../apps/sandbox/src/core/seeded-random';
import { freePort } from '../support/free-port';

/**
 * Crash test: the hub is killed with SIGKILL at random moments while it pulls marketplace orders
 * and creates them in the order system, restarted each time on the same data folder; at the end
 * every marketplace order is at Envoy exactly once and acknowledged. The sandbox runs in its own
 * process, as the real providers would, so the kills do not touch it. CRASH_ROUNDS makes it longer.
 */
const root = join(__dirname, '..', '..');
const ORDERS = 300;
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);

function run(script: string, args: string[], env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the hub killed with SIGKILL again and again (chaos)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serai-crash-'));
  let sandbox: ReturnType<typeof run>;
  let sandboxUrl: string;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    const sandboxPort = await freePort();
    sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    sandbox = run(
      'dist/apps/sandbox/src/main.js',
      ['--port', String(sandboxPort), '--orders', String(ORDERS), '--order-rate', '0', '--no-auto-advance'],
      {
        LOG_LEVEL: 'warn',
      },
    );
    await waitUntil(async () => (await fetch(`${sandboxUrl}/_sandbox/health`)).ok, 60_000, 'the sandbox did not start');
    const connectionsFile = join(dir, 'connections.json');
    writeFileSync(
      connectionsFile,
      JSON.stringify({
        connections: [
          {
            name: 'nengmao-demo',
            provider: 'nengmao-brand',
            baseUrl: `${sandboxUrl}/nengmao`,
            credentials: { appKey: 'demo-app-key', appSecret: '${NENGMAO_SECRET}' },
            options: {},
          },
          {
            name: 'envoy-demo',
            provider: 'nomad-envoy',
            baseUrl: `${sandboxUrl}/envoy`,
            credentials: { caKey: 'demo-ca-key' },
            options: { store: 'samarkand.youzan.test' },
          },
        ],
        routes: [
          {
            name: 'orders-to-envoy',
            eventTypes: ['OrderAcknowledged'],
            connection: 'envoy-demo',
            capability: 'orderSink.createOrder',
            sourceConnection: 'nengmao-demo',
          },
        ],
      }),
    );
    Object.assign(env, {
      // Its own folder: PostgreSQL (as user postgres) must be able to reach it, and mkdtemp's
      // parent folder is closed to other users.
      DATA_DIR: mkdtempSync(join(tmpdir(), 'serai-crash-data-')),
      PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(await freePort()),
      START_SANDBOX: 'false',
      CONNECTIONS_FILE: connectionsFile,
      NENGMAO_SECRET: 'demo-app-secret',
      BOOTSTRAP_API_KEY: 'crash-test-bootstrap-key-0123456789abcdef',
      // Short leases and polls so that work a killed hub held is taken up again quickly.
      WORK_LEASE_MS: '2000',
      POLL_INTERVAL_MS: '300',
      LOG_LEVEL: 'warn',
    });
  }, 90_000);

  afterAll(async () => {
    sandbox.child.kill('SIGTERM');
    await sandbox.exited;
    rmSync(dir, { recursive: true, force: true });
    rmSync(env.DATA_DIR ?? dir, { recursive: true, force: true });
  });

  it(`loses and duplicates nothing over ${ROUNDS} kills`, async () => {
    const random = new SeededRandom(20261111);
    const health = async () => (await fetch(`http://127.0.0.1:${env.PORT}/health`)).ok;
    for (let round = 0; round < ROUNDS; round += 1) {
      const hub = run('dist/apps/hub/src/main.js', [], env);
      await waitUntil(health, 60_000, `the hub did not start in round ${round}`);
      await new Promise((r) => setTimeout(r, random.int(200, 1500)));
      hub.child.kill('SIGKILL');
      await hub.exited;
    }
    const hub = run('dist/apps/hub/src/main.js', [], env);
    try {
      await waitUntil(health, 60_000, 'the hub did not start after the last kill');
      let envoy: { clientOrderRef: string }[] = [];
      let awaiting = -1;
      await waitUntil(
        async () => {
          envoy = (await (await fetch(`${sandboxUrl}/_sandbox/envoy/stores/samarkand.youzan.test/orders`)).json()) as {
            clientOrderRef: string;
          }[];
          awaiting = ((await (await fetch(`${sandboxUrl}/_sandbox/nengmao/counts`)).json()) as { ordersAwaitingRetrieval: number })
            .ordersAwaitingRetrieval;
          return envoy.length === ORDERS && awaiting === 0;
        },
        90_000,
        'not every order reached Envoy',
      ).catch((error: Error) => {
        throw new Error(`${error.message}: ${envoy.length} at Envoy, ${awaiting} awaiting retrieval`);
      });
      // Exactly once: one Envoy order per marketplace order, none missing.
      expect(new Set(envoy.map((o) => o.clientOrderRef)).size).toBe(ORDERS);
      const orders = (await (
        await fetch(`http://127.0.0.1:${env.PORT}/api/v1/orders?limit=200&status=forwarded`, {
          headers: { authorization: `Bearer ${env.BOOTSTRAP_API_KEY}` },
        })
      ).json()) as { data: unknown[] };
      expect(orders.data.length).toBeGreaterThan(0);
      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
    } finally {
      hub.child.kill('SIGKILL');
    }
  }, 300_000);
});
