import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, EmbeddedDatabase, runMigrations } from '@serai/persistence';
import { seedOrdersSql } from './support/seed-orders.sql';

/**
 * The order API at 1,000,000 orders (issue 8): `GET /api/v1/orders` first page and a page deep in
 * the cursor, unfiltered, by status and by SKU, and `GET /api/v1/orders/{id}`, 20 concurrent
 * clients, side by side with a bare Fastify + pg server running the same SQL (bench/support/
 * bare-order-server.ts). Targets: list p99 < 50 ms, detail p99 < 20 ms, hub ≥ 50 % of the bare
 * server's requests/s. Both servers run in their own processes; the orders are generated with SQL
 * (generate_series), not through the API. Prints one JSON line per scenario, with each server's
 * CPU time per request (from /proc), which a loaded machine distorts far less than requests/s.
 *
 * Run: `npm run bench -- order-api` (BENCH_ORDERS, BENCH_SECONDS, BENCH_WARM_UP_SECONDS, BENCH_CONCURRENCY to change;
 * DATABASE_URL to use an existing, empty PostgreSQL instead of an embedded one, BENCH_DATA_DIR to keep
 * the embedded one's data between runs).
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Unmeasured load before each measurement, the same for both servers: JIT-compiled code paths and warm caches, not start-up, are measured. */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const HUB_PORT = 4302;
const BARE_PORT = 4301;
const API_KEY = 'serai_bench_key_0123456789abcdefghijklmnopqrstuvwxyz';
const MASTER_KEY = Buffer.alloc(32, 5).toString('base64');

interface Scenario {
  readonly name: string;
  /** The path after the server's prefix, e.g. `/orders?status=shipped`. */
  readonly paths: readonly string[];
  readonly targetP99Ms: number;
}

interface Measured {
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time of the server process per request (Linux /proc; null elsewhere): comparable on a loaded machine. */
  readonly serverCpuMsPerRequest: number | null;
}

/** User + system CPU seconds of a process so far, from /proc (Linux); undefined where unreadable. */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 and 15 of stat (utime, stime), in clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
  });
}

/** CONCURRENCY clients, each sending the scenario's paths round-robin for SECONDS. */
async function measure(base: string, headers: Record<string, string>, scenario: Scenario, serverPid?: number): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  // Warm-up: plans cached, connections open, the server's code paths compiled.
  for (const path of scenario.paths.slice(0, 5)) await get(`${base}${path}`, headers);
  const warmUntil = performance.now() + WARM_UP_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      for (let i = client; performance.now() < warmUntil; i += CONCURRENCY)
        await get(`${base}${scenario.paths[i % scenario.paths.length]}`, headers);
    }),
  );
  const cpuBefore = cpuSecondsOf(serverPid);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i += CONCURRENCY) {
        const t0 = performance.now();
        const res = await get(`${base}${scenario.paths[i % scenario.paths.length]}`, headers);
        latencies.push(performance.now() - t0);
        if (res.status !== 200) errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = cpuSecondsOf(serverPid);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: Math.round(latencies.length / elapsed),
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    serverCpuMsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || latencies.length === 0
        ? null
        : Math.round(((cpuAfter - cpuBefore) * 1000 * 1000) / latencies.length) / 1000,
  };
}

async function waitFor(url: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await get(url, headers)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function cursorOf(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify({ c: createdAt, i: id })).toString('base64url');
}

async function seed(dataSource: DataSource): Promise<number> {
  const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM sales_order`)) as [{ n: number }];
  if (n >= ORDERS) return 0;
  const started = performance.now();
  const batch = 100_000;
  for (let from = n + 1; from <= ORDERS; from += batch) {
    const to = Math.min(ORDERS + 1, from + batch);
    for (const sql of seedOrdersSql(from, to)) await dataSource.query(sql);
    process.stderr.write(`seeded ${to - 1} orders\n`);
  }
  await dataSource.query('VACUUM ANALYZE sales_order');
  await dataSource.query('VACUUM ANALYZE sales_order_line');
  return Math.round((performance.now() - started) / 1000);
}

/** Scenarios with real cursors: a deep page starts after the row at that depth. */
async function scenarios(dataSource: DataSource): Promise<Scenario[]> {
  const keysetAt = async (where: string, offset: number, params: unknown[] = []): Promise<string> => {
    const [row] = (await dataSource.query(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS c, id FROM sales_order ${where}
        ORDER BY created_at DESC, id DESC OFFSET ${offset} LIMIT 1`,
      params,
    )) as { c: string; id: string }[];
    return row ? cursorOf(row.c, row.id) : '';
  };
  const deep = Math.floor(ORDERS / 2);
  const skus = Array.from({ length: 20 }, (_, i) => `SKU-${String((i * 499) % 10_000).padStart(6, '0')}`);
  const [{ n: skuOrders }] = (await dataSource.query(`SELECT count(DISTINCT order_id)::int AS n FROM sales_order_line WHERE sku = $1`, [
    skus[0],
  ])) as [{ n: number }];
  const skuDeep = await Promise.all(
    skus.slice(0, 5).map(async (sku) => ({
      sku,
      // After row 100 when the SKU has that many orders (at a million orders each has ~150), else halfway.
      cursor: await keysetAt(
        `WHERE id IN (SELECT order_id FROM sales_order_line WHERE sku = $1)`,
        Math.min(100, Math.floor(skuOrders / 2)),
        [sku],
      ),
    })),
  );
  const ids = ((await dataSource.query(`SELECT id FROM sales_order ORDER BY random() LIMIT 200`)) as { id: string }[]).map((r) => r.id);
  return [
    { name: 'list first page', paths: ['/orders?limit=50'], targetP99Ms: 50 },
    { name: `list deep page (after row ${deep})`, paths: [`/orders?limit=50&cursor=${await keysetAt('', deep)}`], targetP99Ms: 50 },
    {
      name: 'list by status, first page',
      paths: ['/orders?limit=50&status=shipped', '/orders?limit=50&status=cancelled'],
      targetP99Ms: 50,
    },
    {
      name: 'list by status, deep page',
      paths: [`/orders?limit=50&status=shipped&cursor=${await keysetAt(`WHERE status = 'shipped'`, Math.floor(ORDERS / 10))}`],
      targetP99Ms: 50,
    },
    { name: 'list by sku, first page', paths: skus.map((sku) => `/orders?limit=50&sku=${sku}`), targetP99Ms: 50 },
    {
      name: 'list by sku, deep page (after row 100)',
      paths: skuDeep.map((s) => `/orders?limit=50&sku=${s.sku}&cursor=${s.cursor}`),
      targetP99Ms: 50,
    },
    { name: 'order detail', paths: ids.map((id) => `/orders/${id}`), targetP99Ms: 20 },
  ];
}

function start(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
}

async function main(): Promise<void> {
  // BENCH_DATA_DIR keeps the seeded cluster between runs (seeding a million orders takes minutes).
  const keepData = process.env.BENCH_DATA_DIR;
  const dataDir = process.env.DATABASE_URL ? undefined : (keepData ?? mkdtempSync(join(tmpdir(), 'serai-bench-')));
  const embedded = dataDir ? new EmbeddedDatabase({ dataDir, port: 54390 }) : undefined;
  const url = process.env.DATABASE_URL ?? (await embedded?.start()) ?? '';
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 4, applicationName: 'serai-bench' }));
  const children: ChildProcess[] = [];
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const seedSeconds = await seed(dataSource);
    const list = await scenarios(dataSource);
    const root = join(__dirname, '..');
    children.push(
      start(join(root, 'apps', 'hub', 'src', 'main.js'), {
        DATABASE_URL: url,
        MASTER_KEY,
        BOOTSTRAP_API_KEY: API_KEY,
        HUB_ROLE: 'api',
        PORT: String(HUB_PORT),
        LOG_LEVEL: 'warn',
        START_SANDBOX: 'false',
        API_RATE_LIMIT_PER_SECOND: '100000',
        API_RATE_LIMIT_BURST: '100000',
      }),
      start(join(root, 'bench', 'support', 'bare-order-server.js'), { DATABASE_URL: url, PORT: String(BARE_PORT) }),
    );
    const auth = { authorization: `Bearer ${API_KEY}` };
    const hub = `http://127.0.0.1:${HUB_PORT}/api/v1`;
    const bare = `http://127.0.0.1:${BARE_PORT}`;
    await waitFor(`${hub}/orders?limit=1`, auth, 120_000);
    await waitFor(`${bare}/orders?limit=1`, {}, 60_000);
    for (const scenario of list) {
      const load = loadavg()[0]?.toFixed(1);
      const bareResult = await measure(bare, {}, scenario, children[1]?.pid);
      const hubResult = await measure(hub, auth, scenario, children[0]?.pid);
      process.stdout.write(
        `${JSON.stringify({
          scenario: scenario.name,
          orders: ORDERS,
          concurrency: CONCURRENCY,
          seconds: SECONDS,
          seedSeconds,
          loadAverage: load,
          hub: hubResult,
          bare: bareResult,
          hubShareOfBare: Math.round((hubResult.perSecond / Math.max(1, bareResult.perSecond)) * 100) / 100,
          targetP99Ms: scenario.targetP99Ms,
          meetsP99: hubResult.p99Ms < scenario.targetP99Ms,
        })}\n`,
      );
    }
  } finally {
    // The servers go before the database, so their pools are not cut from under them.
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) =>
            child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')),
          ),
      ),
    );
    agent.destroy();
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    if (dataDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
