import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../apps/sandbox/src/core/seeded-random';
import { freePort } from '../support/free-port';
import { NodeProcess, runNodeScript, startSandboxProcess } from '../support/node-process';
import { waitUntil } from '../support/wait-until';

/**
 * Crash test: the hub is killed with SIGKILL at random moments while it pulls marketplace orders,
 * creates them in the order system, records the parcels the 3PL ships and confirms them to the
 * marketplace; it is restarted each time on the same data folder. At the end, read from the
 * sandbox's inspection endpoints, every marketplace order is at Envoy exactly once and
 * acknowledged, and every shipped parcel is confirmed to Nengmao exactly once with its tracking
 * number. The sandbox runs in its own process, as the real providers would, so the kills do not
 * touch it, and its 3PL packs and ships on its own clock while the hub is up and down.
 *
 * CRASH_ORDERS (default 2,000) and CRASH_ROUNDS (default 5) make it bigger or longer, e.g.
 * `CRASH_ROUNDS=30 npx jest test/chaos/hub-crash --maxWorkers=1` (see test/README.md).
 */
const ORDERS = Number(process.env.CRASH_ORDERS ?? 2_000);
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const STORE = 'samarkand.youzan.test';
/**
 * The sandbox clock follows wall time (Nengmao refuses requests timed more than 2 minutes off its
 * clock, so it cannot be jumped ahead); its 3PL moves a package one step per second instead.
 */
const PACKAGE_STEP_MS = 1_000;
/** Long enough for a kill to land in any phase (start-up, intake, forwarding, shipping), short enough for CI. */
const UP_MS = { min: 500, max: 6_000 };

interface EnvoyOrderView {
  readonly clientOrderRef: string;
  readonly createCalls: number;
}
interface PackageView {
  readonly deliveryOrderCode: string;
  readonly status: string;
  readonly trackingReference: string;
}
interface ShippedOrderView {
  readonly orderSn: string;
  readonly shipCalls: number;
  readonly shipments: { readonly expressNo: string; readonly expressCompany: string }[];
}

describe('the hub killed with SIGKILL again and again (chaos)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serai-crash-'));
  let sandbox: NodeProcess;
  let sandboxUrl: string;
  const env: Record<string, string> = {};
  /** The hub process of the current round, so a failed run still ends it. */
  let current: NodeProcess | undefined;

  /** Starts a hub on the shared data folder; the first start also initialises PostgreSQL, slow on a busy machine. */
  async function startHub(what: string): Promise<NodeProcess> {
    current = runNodeScript('dist/apps/hub/src/main.js', env);
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${env.PORT}/health`)).ok, 120_000, what);
    return current;
  }

  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${sandboxUrl}${path}`)).json()) as T;

  beforeAll(async () => {
    ({ process: sandbox, url: sandboxUrl } = await startSandboxProcess([
      '--orders',
      String(ORDERS),
      '--order-rate',
      '0',
      '--package-step-ms',
      String(PACKAGE_STEP_MS),
    ]));
    // Enough stock at the 3PL that no package waits for a purchase order: this test is about the hub.
    for (const item of await get<{ sku: string }[]>('/_sandbox/pilot/stock')) {
      await fetch(`${sandboxUrl}/_sandbox/pilot/stock/${encodeURIComponent(item.sku)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ onHand: ORDERS * 20 }),
      });
    }
    const connectionsFile = join(dir, 'connections.json');
    // The sandbox takes far more than the demo's default 20 requests/s per connection.
    const fast = { rateLimit: { requestsPerSecond: 400, maxConcurrency: 32 } };
    writeFileSync(
      connectionsFile,
      JSON.stringify({
        connections: [
          {
            name: 'nengmao-demo',
            provider: 'nengmao-brand',
            baseUrl: `${sandboxUrl}/nengmao`,
            credentials: { appKey: 'demo-app-key', appSecret: '${NENGMAO_SECRET}' },
            options: fast,
          },
          {
            name: 'envoy-demo',
            provider: 'nomad-envoy',
            baseUrl: `${sandboxUrl}/envoy`,
            credentials: { caKey: 'demo-ca-key' },
            options: { store: STORE, ...fast },
          },
          {
            name: 'pilot-demo',
            provider: 'nomad-pilot',
            baseUrl: `${sandboxUrl}/pilot`,
            credentials: { caKey: 'demo-ca-key' },
            options: { carrier: 'samarkand.sfexpress.test', ...fast },
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
          {
            name: 'shipments-to-nengmao',
            eventTypes: ['OrderShipped', 'OrderPartiallyShipped'],
            connection: 'nengmao-demo',
            capability: 'shipmentSink.confirmShipment',
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
      POLL_INTERVAL_MS: '500',
      LOG_LEVEL: 'warn',
    });
  }, 120_000);

  afterAll(async () => {
    if (current) {
      current.child.kill('SIGKILL');
      await current.exited;
    }
    // A hub killed with SIGKILL leaves its embedded PostgreSQL behind (the next start would adopt it): end it.
    const pidFile = join(env.DATA_DIR ?? dir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGTERM');
        await new Promise((r) => setTimeout(r, 2_000));
      } catch {
        // already gone
      }
    }
    sandbox.child.kill('SIGTERM');
    await sandbox.exited;
    rmSync(dir, { recursive: true, force: true });
    rmSync(env.DATA_DIR ?? dir, { recursive: true, force: true });
  });

  it(`loses and duplicates nothing over ${ROUNDS} kills in a ${ORDERS}-order run with shipments`, async () => {
    const random = new SeededRandom(20261125);
    for (let round = 0; round < ROUNDS; round += 1) {
      const hub = await startHub(`the hub did not start in round ${round}`);
      await new Promise((r) => setTimeout(r, random.int(UP_MS.min, UP_MS.max)));
      hub.child.kill('SIGKILL');
      await hub.exited;
    }
    const hub = await startHub('the hub did not start after the last kill');
    try {
      let envoy: EnvoyOrderView[] = [];
      let shipped: ShippedOrderView[] = [];
      let awaiting = -1;
      await waitUntil(
        async () => {
          envoy = await get<EnvoyOrderView[]>(`/_sandbox/envoy/stores/${STORE}/orders`);
          awaiting = (await get<{ ordersAwaitingRetrieval: number }>('/_sandbox/nengmao/counts')).ordersAwaitingRetrieval;
          shipped = await get<ShippedOrderView[]>('/_sandbox/nengmao/shipments');
          return envoy.length === ORDERS && awaiting === 0 && shipped.length === ORDERS;
        },
        // Generous: on a machine shared with other suites (load average ~15) the rest of the run took minutes.
        300_000,
        'the run did not complete',
      ).catch((error: Error) => {
        throw new Error(`${error.message}: ${envoy.length} at Envoy, ${awaiting} awaiting retrieval, ${shipped.length} confirmed shipped`);
      });
      // Every order at Envoy exactly once: one Envoy order per marketplace order, none missing.
      expect(new Set(envoy.map((o) => o.clientOrderRef)).size).toBe(ORDERS);
      // Every parcel the 3PL shipped is confirmed to the marketplace once, with the 3PL's tracking number.
      const packages = await get<PackageView[]>('/_sandbox/pilot/packages');
      const tracking = new Map(packages.filter((p) => p.status === 'SHIPPED').map((p) => [p.deliveryOrderCode, p.trackingReference]));
      expect(tracking.size).toBe(ORDERS);
      const wrong = shipped.filter(
        (o) => o.shipments.length !== 1 || o.shipments[0]?.expressNo !== tracking.get(o.orderSn) || o.shipments[0]?.expressCompany !== 'sf',
      );
      expect(wrong).toEqual([]);
      // The hub's own view agrees: nothing left in the dead letters.
      const dead = (await (
        await fetch(`http://127.0.0.1:${env.PORT}/api/v1/deliveries?state=dead&limit=10`, {
          headers: { authorization: `Bearer ${env.BOOTSTRAP_API_KEY}` },
        })
      ).json()) as { data: unknown[] };
      expect(dead.data).toEqual([]);
      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      current = undefined;
    } finally {
      hub.child.kill('SIGKILL');
    }
  }, 900_000);
});
