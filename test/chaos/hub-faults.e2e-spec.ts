import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { loadConnectionsFile } from '../../apps/hub/src/config-file/connections-file';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import { waitUntil } from '../support/wait-until';

/**
 * Fault test at hub level: the whole hub (API, engine loops, real PostgreSQL) against the sandbox
 * while the sandbox answers a share of calls with 5xx, holds some past the client's timeout,
 * spoils some answers (truncated JSON, HTML pages with HTTP 200) and has Envoy down for a while.
 * Once the providers recover, every marketplace order is at Envoy once and every shipped parcel
 * is confirmed to the marketplace once; what can never be delivered (the TMALL Global shop routed
 * to an Envoy store that does not exist, a permanent refusal) is in the dead letters with Envoy's
 * reason, and nothing else is.
 */
const ORDERS = 100;
const STORE = 'samarkand.youzan.test';
const MISSING_STORE = 'samarkand.tmall.test';
/** The sandbox clock follows wall time (Nengmao refuses requests timed 2 minutes off it); its 3PL moves a package a step a second. */
const PACKAGE_STEP_MS = 1_000;
const OUTAGE_MS = 4_000;

interface DeliveryView {
  readonly id: string;
  readonly route: string;
  readonly state: string;
  readonly lastError: string | null;
  readonly lastErrorCode: string | null;
}

describe('the hub under provider faults (chaos)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'serai-faults-'));

  const sandboxJson = async <T>(path: string): Promise<T> => (await sandbox.inject({ url: path })).json<T>();

  async function deadLetters(): Promise<DeliveryView[]> {
    const all: DeliveryView[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: DeliveryView[]; page: { nextCursor: string | null } } = (
        await hub.inject({ url: `/api/v1/deliveries?state=dead&limit=100${cursor ? `&cursor=${cursor}` : ''}`, key: hub.adminKey })
      ).json<{ data: DeliveryView[]; page: { nextCursor: string | null } }>();
      all.push(...page.data);
      cursor = page.page.nextCursor;
    } while (cursor !== null);
    return all;
  }

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: ORDERS, packageStepMs: PACKAGE_STEP_MS, autoAdvance: true });
    url = await sandbox.listen();
    // Enough stock at the 3PL that no package waits for a purchase order.
    for (const item of await sandboxJson<{ sku: string }[]>('/_sandbox/pilot/stock')) {
      await sandbox.inject({ method: 'POST', url: `/_sandbox/pilot/stock/${encodeURIComponent(item.sku)}`, payload: { onHand: 100_000 } });
    }
    // A share of every provider's calls fail in each way; Envoy is down for a while from the start.
    const faults = await sandbox.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: {
        seed: 6,
        rules: [
          { id: 'envoy-down', provider: 'envoy', kind: 'outage', durationMs: OUTAGE_MS, mode: '503' },
          { id: 'envoy-5xx', provider: 'envoy', kind: 'server-error', rate: 0.1, status: 503 },
          { id: 'envoy-hang', provider: 'envoy', kind: 'hang', rate: 0.03, holdMs: 2_500 },
          { id: 'envoy-truncated', provider: 'envoy', kind: 'malformed', rate: 0.05, mode: 'truncated' },
          { id: 'nengmao-5xx', provider: 'nengmao', kind: 'server-error', rate: 0.1, status: 500 },
          { id: 'nengmao-html', provider: 'nengmao', kind: 'malformed', rate: 0.05, mode: 'non-json' },
          { id: 'nengmao-hang', provider: 'nengmao', kind: 'hang', rate: 0.02, holdMs: 2_500 },
          { id: 'pilot-5xx', provider: 'pilot', kind: 'server-error', rate: 0.1, status: 502 },
        ],
      },
    });
    expect(faults.statusCode).toBe(200);

    // Short client timeouts so a held request fails as a timeout rather than waiting it out.
    const quick = { timeoutMs: 1_000, rateLimit: { requestsPerSecond: 200, maxConcurrency: 16 } };
    const file = join(dir, 'connections.json');
    writeFileSync(
      file,
      JSON.stringify({
        connections: [
          {
            name: 'nengmao-demo',
            provider: 'nengmao-brand',
            baseUrl: `${url}/nengmao`,
            credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
            options: quick,
          },
          {
            name: 'tmg-demo',
            provider: 'nengmao-tmall-global',
            baseUrl: url,
            credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
            options: quick,
          },
          {
            name: 'envoy-demo',
            provider: 'nomad-envoy',
            baseUrl: `${url}/envoy`,
            credentials: { caKey: 'demo-ca-key' },
            options: { store: STORE, ...quick },
          },
          {
            name: 'envoy-tmall',
            provider: 'nomad-envoy',
            baseUrl: `${url}/envoy`,
            credentials: { caKey: 'demo-ca-key' },
            options: { store: MISSING_STORE, ...quick },
          },
          {
            name: 'pilot-demo',
            provider: 'nomad-pilot',
            baseUrl: `${url}/pilot`,
            credentials: { caKey: 'demo-ca-key' },
            options: { carrier: 'samarkand.sfexpress.test', ...quick },
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
            name: 'tmall-orders-to-envoy',
            eventTypes: ['OrderAcknowledged'],
            connection: 'envoy-tmall',
            capability: 'orderSink.createOrder',
            sourceConnection: 'tmg-demo',
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
    hub = await startHubUnderTest(
      { POLL_INTERVAL_MS: '300', WORK_LEASE_MS: '10000', START_SANDBOX: 'false', LOG_LEVEL: 'warn' },
      { connectionsFile: loadConnectionsFile(file, {}) },
    );
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every order and shipment once after the providers recover, and dead-letters what can never be delivered, with its reason', async () => {
    // Intake and forwarding, through the outage and the faults.
    await waitUntil(
      async () => (await sandboxJson<unknown[]>(`/_sandbox/envoy/stores/${STORE}/orders`)).length === ORDERS,
      150_000,
      async () => `${(await sandboxJson<unknown[]>(`/_sandbox/envoy/stores/${STORE}/orders`)).length} of ${ORDERS} at Envoy`,
    );
    // The 3PL packs and ships as the sandbox clock moves; each parcel is confirmed to the marketplace.
    await waitUntil(
      async () => (await sandboxJson<unknown[]>('/_sandbox/nengmao/shipments')).length === ORDERS,
      150_000,
      async () => `${(await sandboxJson<unknown[]>('/_sandbox/nengmao/shipments')).length} of ${ORDERS} shipments confirmed`,
    );

    // The faults did happen.
    const health = await sandboxJson<{ providers: Record<string, { faulted: number }> }>('/_sandbox/health');
    expect(health.providers.envoy?.faulted).toBeGreaterThan(0);
    expect(health.providers.nengmao?.faulted).toBeGreaterThan(0);

    // Nothing twice: one Envoy order per marketplace order, one shipment per order with its tracking number.
    const envoy = await sandboxJson<{ clientOrderRef: string }[]>(`/_sandbox/envoy/stores/${STORE}/orders`);
    expect(new Set(envoy.map((o) => o.clientOrderRef)).size).toBe(ORDERS);
    expect((await sandboxJson<{ ordersAwaitingRetrieval: number }>('/_sandbox/nengmao/counts')).ordersAwaitingRetrieval).toBe(0);
    const packages =
      await sandboxJson<{ deliveryOrderCode: string; status: string; trackingReference: string }[]>('/_sandbox/pilot/packages');
    const tracking = new Map(packages.map((p) => [p.deliveryOrderCode, p.trackingReference]));
    const shipped = await sandboxJson<{ orderSn: string; shipments: { expressNo: string }[] }[]>('/_sandbox/nengmao/shipments');
    expect(shipped.filter((o) => o.shipments.length !== 1 || o.shipments[0]?.expressNo !== tracking.get(o.orderSn))).toEqual([]);

    // What could not be delivered: every TMALL Global order (its Envoy store does not exist), with Envoy's reason, and nothing else.
    await waitUntil(
      async () => (await deadLetters()).length >= ORDERS,
      60_000,
      async () => `${(await deadLetters()).length} dead letters`,
    );
    const dead = await deadLetters();
    expect(dead).toHaveLength(ORDERS);
    expect(dead.every((d) => d.route === 'tmall-orders-to-envoy')).toBe(true);
    expect(dead.every((d) => d.lastError?.includes(`unknown store '${MISSING_STORE}'`))).toBe(true);

    // And none of the brand's deliveries is still waiting. A confirmation whose answer a fault made malformed did reach
    // the marketplace, but the hub cannot know that: it sits in retry backoff (up to minutes) until its next attempt. With
    // the faults over, an operator's retry brings those attempts forward; the marketplace then answers "already
    // confirmed", which completes them, and nothing is confirmed twice.
    expect((await sandbox.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { rules: [] } })).statusCode).toBe(200);
    const openDeliveries = async (): Promise<DeliveryView[]> =>
      (await hub.inject({ url: '/api/v1/deliveries?state=pending,failed,in_flight&limit=100', key: hub.adminKey })).json<{
        data: DeliveryView[];
      }>().data;
    await waitUntil(
      async () => {
        const open = await openDeliveries();
        for (const delivery of open.filter((d) => d.state === 'failed')) {
          await hub.inject({ method: 'POST', url: `/api/v1/deliveries/${delivery.id}/retry`, key: hub.adminKey });
        }
        return open.length === 0;
      },
      90_000,
      async () => `still open: ${JSON.stringify((await openDeliveries()).map((d) => [d.route, d.state, d.lastError]))}`,
    );
    const shippedAfterRetries = await sandboxJson<{ shipments: unknown[] }[]>('/_sandbox/nengmao/shipments');
    expect(shippedAfterRetries).toHaveLength(ORDERS);
    expect(shippedAfterRetries.filter((o) => o.shipments.length !== 1)).toEqual([]);
  }, 400_000);
});
