import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildHubConfig, createLogger, validateHubEnvironment } from '@serai/common';
import { NENGMAO_BRAND_PROFILE } from '@serai/connectors';
import { CallTraceWriter } from '@serai/engine';
import { loadConnectionsFile } from '../apps/hub/src/config-file/connections-file';
import { createHubApp } from '../apps/hub/src/create-hub-app';
import {
  countSqlStatements,
  cpuSecondsOf,
  cpuSecondsOfTree,
  machineLoad,
  peakRssMb,
  postgresBreakdown,
  resetPostgresStats,
  startEmbeddedServer,
  startSandboxProcess,
  unionMs,
  waitUntil,
} from './bench-support';

/**
 * Order pipeline: BENCH_ORDERS (10,000) new sandbox orders from marketplace intake to created at
 * Envoy and acknowledged at Nengmao. The hub runs in this process (the real HubModule, worker
 * role, its loops on their schedule) on an embedded PostgreSQL; the sandbox runs in its own
 * process on loopback. Measured: orders/s end to end, provider calls per order against the
 * documented minimum, SQL statements per order (every statement any pg client of the hub sent,
 * BEGIN/COMMIT included), the hub's peak RSS, and the engine's own share of the time (wall time
 * during which no provider call was outstanding). Prints one JSON line.
 * Run: `npm run bench -- order-pipeline`.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const STORE = 'samarkand.youzan.test';
/** BENCH_PG_STATS=1: load pg_stat_statements and print where PostgreSQL's time, rows and WAL went (a diagnosis, not the measure). */
const PG_STATS = process.env.BENCH_PG_STATS === '1';

interface TracedCall {
  operation: string;
  started: number;
  latency: number;
  /** Made by the order pipeline (the new-orders poll or a delivery), not by another stream's poll. */
  pipeline: boolean;
}

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess(ORDERS);
  const pg = await startEmbeddedServer({ statementStats: PG_STATS });
  const dir = mkdtempSync(join(tmpdir(), 'serai-bench-hub-'));
  const probe = new Client({ connectionString: pg.url });
  const sql = countSqlStatements((client) => client === probe);
  try {
    await probe.connect();
    if (PG_STATS) await resetPostgresStats(probe);
    const connectionsFile = join(dir, 'connections.json');
    writeFileSync(
      connectionsFile,
      JSON.stringify({
        connections: [
          {
            name: 'nengmao-demo',
            provider: 'nengmao-brand',
            baseUrl: `${sandbox.url}/nengmao`,
            credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
            options: {},
          },
          {
            name: 'envoy-demo',
            provider: 'nomad-envoy',
            baseUrl: `${sandbox.url}/envoy`,
            credentials: { caKey: 'demo-ca-key' },
            // The sandbox on loopback takes far more than a real Envoy would: lift the per-connection limit.
            options: { store: STORE, rateLimit: { requestsPerSecond: 5_000, maxConcurrency: 64 } },
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
    const masterKey = Buffer.alloc(32, 5).toString('base64');
    const config = buildHubConfig(
      validateHubEnvironment({
        DATABASE_URL: pg.url,
        MASTER_KEY: masterKey,
        HUB_ROLE: 'worker',
        START_SANDBOX: 'false',
        LOG_LEVEL: 'warn',
        POLL_INTERVAL_MS: process.env.BENCH_POLL_MS ?? '500',
        // The daily reconciliation would otherwise find its first runs due 30 s into the measured window.
        SCHEDULED_RECONCILIATION: 'false',
      }),
    );
    const logger = createLogger({ level: 'warn', name: 'bench-hub' });
    const cpuBefore = { hub: process.cpuUsage(), sandbox: cpuSecondsOf(sandbox.pid), pg: cpuSecondsOfTree(pg.postmasterPid) };
    const app = await createHubApp({
      config,
      databaseUrl: pg.url,
      masterKey,
      logger,
      connectionsFile: loadConnectionsFile(connectionsFile, {}),
    });
    await app.init();
    const forwarded = async (): Promise<number> =>
      Number(((await probe.query(`SELECT count(*)::int AS n FROM sales_order WHERE status = 'forwarded'`)).rows[0] as { n: number }).n);
    // The end is read in the hub's PostgreSQL, whose CPU is measured, so the probe stays off it until the
    // end is near: first the sandbox's request counter (no database work) every 500 ms, until Envoy has
    // had a create call per order, then the count of forwarded orders every 50 ms (the end time's precision).
    const envoyRequests = async (): Promise<number> =>
      ((await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as { providers: Record<string, { requests: number }> }).providers
        .envoy?.requests ?? 0;
    await waitUntil(
      async () => (await envoyRequests()) >= ORDERS,
      30 * 60_000,
      `Envoy never had ${ORDERS} calls`,
      () => 500,
    );
    await waitUntil(
      async () => (await forwarded()) >= ORDERS,
      30 * 60_000,
      `not all ${ORDERS} orders were forwarded`,
      () => 50,
    );
    const doneAt = Date.now();
    const cpu = {
      hub: (() => {
        const used = process.cpuUsage(cpuBefore.hub);
        return (used.user + used.system) / 1e6;
      })(),
      sandbox: cpuSecondsOf(sandbox.pid) - cpuBefore.sandbox,
      pg: cpuSecondsOfTree(pg.postmasterPid) - cpuBefore.pg,
    };
    const statements = sql.count();
    const peakRss = peakRssMb();
    await app.get(CallTraceWriter).flush();
    const breakdown = PG_STATS ? await postgresBreakdown(probe) : undefined;
    await app.close();

    const calls = (
      await probe.query(
        `SELECT operation, extract(epoch FROM started_at) * 1000 AS started, latency_ms AS latency,
                (delivery_id IS NOT NULL OR correlation_id = 'sync:nengmao-demo:marketplace-new-orders') AS pipeline
           FROM provider_call ORDER BY started_at`,
      )
    ).rows.map((r: { operation: string; started: string; latency: number; pipeline: boolean }) => ({
      operation: r.operation,
      started: Number(r.started),
      latency: r.latency,
      pipeline: r.pipeline,
    })) as TracedCall[];
    const first = calls[0]?.started ?? doneAt;
    const totalMs = doneAt - first;
    const byOperation: Record<string, number> = {};
    for (const call of calls) {
      const key = call.pipeline ? call.operation : `${call.operation} (other polls)`;
      byOperation[key] = (byOperation[key] ?? 0) + 1;
    }
    const waitingMs = unionMs(calls.map((c) => [c.started, c.started + c.latency] as const));
    const envoyOrders = (await (await fetch(`${sandbox.url}/_sandbox/envoy/stores/${STORE}/orders`)).json()) as unknown[];
    const nengmao = (await (await fetch(`${sandbox.url}/_sandbox/nengmao/counts`)).json()) as { ordersAwaitingRetrieval: number };
    const health = (await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as {
      providers: Record<string, { requests: number }>;
    };
    // The documented minimum: list pages of 100, confirmations in lists of `numbersPerList`, one create per order.
    const minimumCalls =
      Math.ceil(ORDERS / NENGMAO_BRAND_PROFILE.limits.pageSize) + Math.ceil(ORDERS / NENGMAO_BRAND_PROFILE.limits.numbersPerList) + ORDERS;
    const providerCalls = calls.filter((c) => c.pipeline).length;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'order-pipeline',
        date: new Date().toISOString(),
        orders: ORDERS,
        atEnvoy: envoyOrders.length,
        awaitingRetrieval: nengmao.ordersAwaitingRetrieval,
        seconds: Number((totalMs / 1000).toFixed(2)),
        ordersPerSecond: Math.round(ORDERS / (totalMs / 1000)),
        providerCalls,
        otherPollCalls: calls.length - providerCalls,
        providerCallsBySandbox: Object.fromEntries(Object.entries(health.providers).map(([k, v]) => [k, v.requests])),
        byOperation,
        minimumCalls,
        callsOverMinimumPercent: Number((((providerCalls - minimumCalls) / minimumCalls) * 100).toFixed(2)),
        sqlStatements: statements,
        sqlPerOrder: Number((statements / ORDERS).toFixed(2)),
        hubPeakRssMb: peakRss,
        waitingOnSandboxSeconds: Number((waitingMs / 1000).toFixed(2)),
        engineOverheadShare: Number(((totalMs - waitingMs) / totalMs).toFixed(3)),
        cpuSeconds: { hub: Number(cpu.hub.toFixed(1)), sandbox: Number(cpu.sandbox.toFixed(1)), postgres: Number(cpu.pg.toFixed(1)) },
        machine: machineLoad(),
      })}\n`,
    );
    if (breakdown)
      process.stdout.write(`${JSON.stringify({ walBytesPerOrder: Math.round(breakdown.walBytes / ORDERS), ...breakdown }, null, 1)}\n`);
  } finally {
    await probe.end().catch(() => undefined);
    await sandbox.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
