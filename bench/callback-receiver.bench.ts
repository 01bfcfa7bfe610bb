import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { EmbeddedDatabase } from '../libs/persistence/src/embedded/embedded-database';
import { hostileCallbackBodies } from './support/hostile-callback-bodies';

/**
 * Callback receiver (issue 7): callbacks per second and p50/p99 latency at 100 concurrent senders
 * against the hub's `POST /callback/{store}`, measured in the same run as a bare Fastify server
 * doing one PostgreSQL INSERT per request on the same database (bench/support/bare-insert-server).
 * Rounds alternate baseline / receiver so both see the same machine (closed loop: throughput at
 * saturation); then both take the same steady load, half the baseline's best, for latency of a
 * receiver that keeps up. Afterwards every 2xx is
 * checked against the rows stored (nothing lost), and each hostile body of the issue is timed
 * against the hub (target < 100 ms each) with the hub's RSS before and after. The CPU time each
 * server process used per answered callback in the saturated rounds is reported too: unlike
 * throughput, it hardly depends on what else the machine is running.
 * Run: `npm run bench -- callback-receiver`. Env: BENCH_DATABASE_URL (a server's maintenance
 * database; default an embedded PostgreSQL), BENCH_SECONDS (per round, default 8), BENCH_ROUNDS (2),
 * BENCH_HUB_CPU_PROFILE_DIR (a folder: the hub runs with `--cpu-prof` and writes its profile there on exit).
 */
const CONCURRENCY = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const POOL_SIZE = 10;
const KEY = 'bench-callback-key-0123456789';
const ADMIN_KEY = randomBytes(24).toString('base64url');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms: a load-independent measure of its work. */
function cpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / 100;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Posted {
  readonly status: number;
  readonly ms: number;
}

function post(agent: Agent, port: number, path: string, contentType: string, body: string): Promise<Posted> {
  // The client's own work on a large body (its byte length, its first chunk) is done before the clock starts.
  const length = Buffer.byteLength(body);
  const oversized = body.length > 1024 * 1024;
  const firstChunk = oversized ? Buffer.from(body.slice(0, 64 * 1024)) : undefined;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': contentType, 'x-ca-key': KEY, 'content-length': length },
      },
      (res) => {
        // Timed to the answer's arrival: a 413 may come while a 20 MB body is still being written.
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
        res.resume();
      },
    );
    // A server may answer (413) and close before a large body is written: the answer is what counts.
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.setTimeout(30_000, () => req.destroy());
    if (firstChunk === undefined) {
      req.end(body);
      return;
    }
    // A body over the limit: its first 64 KiB, then the answer is awaited. The hub refuses on the
    // declared Content-Length without reading further; sending all 20 MB would only time the
    // loopback, and a server that closes on unread data makes the kernel reset the connection.
    req.once('response', () => req.destroy());
    req.write(firstChunk);
  });
}

function callbackBody(sender: number, seq: number): { contentType: string; body: string } {
  const code = `B${sender}-${seq}`;
  const outBizCode = `${code}-${randomBytes(4).toString('hex')}`;
  if (seq % 2 === 0) {
    return {
      contentType: 'application/json',
      body: JSON.stringify({
        deliveryOrder: {
          deliveryOrderCode: code,
          status: 'DELIVERED',
          outBizCode,
          confirmType: '0',
          logisticsCode: 'SF',
          expressCode: `SF${code}`,
        },
        orderLines: [{ orderLineNo: '1', itemCode: 'M-SKU-A', planQty: '1', actualQty: '1' }],
        packages: [{ logisticsCode: 'SF', expressCode: `SF${code}`, items: [{ itemCode: 'M-SKU-A', quantity: '1' }] }],
      }),
    };
  }
  return {
    contentType: 'text/xml; charset=utf-8',
    body:
      `<?xml version="1.0" encoding="utf-8"?><request><deliveryOrder><deliveryOrderCode>${code}</deliveryOrderCode><status>DELIVERED</status>` +
      `<outBizCode>${outBizCode}</outBizCode><confirmType>0</confirmType><logisticsCode>SF</logisticsCode><expressCode>SF${code}</expressCode></deliveryOrder>` +
      `<orderLines><orderLine><orderLineNo>1</orderLineNo><itemCode>M-SKU-A</itemCode><planQty>1</planQty><actualQty>1</actualQty></orderLine></orderLines>` +
      `<packages><package><logisticsCode>SF</logisticsCode><expressCode>SF${code}</expressCode><items><item><itemCode>M-SKU-A</itemCode><quantity>1</quantity></item></items></package></packages></request>`,
  };
}

interface LoadResult {
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

let senderSeq = 0;

/** 100 senders, each posting its next callback as soon as the previous one is answered, for `seconds`. */
async function load(port: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const endAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const sender = (senderSeq += 1);
      for (let seq = 0; performance.now() < endAt; seq += 1) {
        const { contentType, body } = callbackBody(sender, seq);
        const result = await post(agent, port, '/callback/haiku', contentType, body);
        latencies.push(result.ms);
        if (result.status >= 200 && result.status < 300) ok += 1;
        else failed += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { requests: latencies.length, ok, failed, perSecond: Math.round(ok / elapsed), p50Ms: at(0.5), p99Ms: at(0.99) };
}

/**
 * The same 100 senders at a steady offered rate (each sends every 100/rate s, on schedule):
 * latency of a receiver that keeps up, not of a queue at saturation (where p50 is simply
 * senders ÷ throughput).
 */
async function paced(port: number, ratePerSecond: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const intervalMs = (CONCURRENCY / ratePerSecond) * 1000;
  const started = performance.now();
  const endAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, index) => {
      const sender = (senderSeq += 1);
      let next = started + (intervalMs * index) / CONCURRENCY;
      for (let seq = 0; next < endAt; seq += 1) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const { contentType, body } = callbackBody(sender, seq);
        const result = await post(agent, port, '/callback/haiku', contentType, body);
        latencies.push(result.ms);
        if (result.status >= 200 && result.status < 300) ok += 1;
        else failed += 1;
        next += intervalMs;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { requests: latencies.length, ok, failed, perSecond: Math.round(ok / elapsed), p50Ms: at(0.5), p99Ms: at(0.99) };
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

async function main(): Promise<void> {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    dataDir = mkdtempSync(join(tmpdir(), 'serai-bench-pg-'));
    embedded = new EmbeddedDatabase({ dataDir, port: await freePort(), database: 'postgres' });
    adminUrl = await embedded.start();
  }
  const database = `serai_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const db = new Client({ connectionString: databaseUrl });

  let hub: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    const hubPort = await freePort();
    const profileDir = process.env.BENCH_HUB_CPU_PROFILE_DIR;
    const profiling = profileDir === undefined || profileDir === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
    hub = spawn(process.execPath, [...profiling, join(__dirname, '..', 'apps', 'hub', 'src', 'main.js')], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        MASTER_KEY: randomBytes(32).toString('base64'),
        PORT: String(hubPort),
        HUB_ROLE: 'api',
        START_SANDBOX: 'false',
        BOOTSTRAP_API_KEY: ADMIN_KEY,
        DB_POOL_SIZE: String(POOL_SIZE),
        LOG_LEVEL: 'info',
        CALLBACK_AUTH_FAILURE_LIMIT: '100000',
      },
    });
    await waitFor(`http://127.0.0.1:${hubPort}/health`, 120_000);
    const created = await fetch(`http://127.0.0.1:${hubPort}/api/v1/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'pilot-bench',
        provider: 'nomad-pilot',
        baseUrl: 'http://127.0.0.1:9/pilot',
        options: { carrier: 'samarkand.sfexpress.test', callbackStores: ['haiku'] },
        credentials: { caKey: 'ca', callbackKey: KEY },
      }),
    });
    if (created.status !== 201) throw new Error(`could not create the Pilot connection: ${created.status} ${await created.text()}`);

    const baselinePort = await freePort();
    baseline = fork(join(__dirname, 'support', 'bare-insert-server.js'), [String(baselinePort), databaseUrl, String(POOL_SIZE)], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      baseline?.once('message', () => resolve());
      baseline?.once('exit', (code) => reject(new Error(`baseline server exited ${code}`)));
    });

    // Warm-up: JIT, pools, the store cache.
    await load(baselinePort, 1);
    await load(hubPort, 1);
    await db.connect();
    await db.query(`TRUNCATE bench_baseline`);
    await db.query(`TRUNCATE webhook_inbox`);

    const rounds: { baseline: LoadResult; receiver: LoadResult }[] = [];
    // Process CPU per answered callback over the saturated rounds: comparable across loaded runs,
    // where throughput and latency depend on the share of CPU the other processes leave.
    const cpu = { baselineMs: 0, receiverMs: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const baselineBefore = cpuMs(baseline.pid ?? 0);
      const baselineRound = await load(baselinePort, SECONDS);
      cpu.baselineMs += cpuMs(baseline.pid ?? 0) - baselineBefore;
      const receiverBefore = cpuMs(hub.pid ?? 0);
      const receiverRound = await load(hubPort, SECONDS);
      cpu.receiverMs += cpuMs(hub.pid ?? 0) - receiverBefore;
      rounds.push({ baseline: baselineRound, receiver: receiverRound });
    }
    // Latency at a steady half of the baseline's best throughput, the same offered load for both.
    const rate = Math.max(50, Math.round(Math.max(...rounds.map((r) => r.baseline.perSecond)) / 2));
    const steady = {
      ratePerSecond: rate,
      baseline: await paced(baselinePort, rate, SECONDS),
      receiver: await paced(hubPort, rate, SECONDS),
    };
    const sum = (pick: (r: { baseline: LoadResult; receiver: LoadResult }) => number): number => rounds.reduce((n, r) => n + pick(r), 0);
    const [baselineRows] = (await db.query(`SELECT count(*)::int AS n FROM bench_baseline`)).rows as { n: number }[];
    const [inboxRows] = (await db.query(`SELECT count(*)::int AS n FROM webhook_inbox`)).rows as { n: number }[];
    const receiverOk = sum((r) => r.receiver.ok);
    const baselineOk = sum((r) => r.baseline.ok);

    // Hostile bodies, each five times, one at a time.
    const agent = new Agent({ keepAlive: false });
    const rssBefore = rssMb(hub.pid ?? 0);
    const hostile = [];
    for (const entry of hostileCallbackBodies()) {
      const times: number[] = [];
      const statuses = new Set<number>();
      for (let i = 0; i < 5; i += 1) {
        const result = await post(agent, hubPort, '/callback/haiku', entry.contentType, entry.body);
        times.push(result.ms);
        statuses.add(result.status);
      }
      times.sort((a, b) => a - b);
      hostile.push({
        name: entry.name,
        statuses: [...statuses],
        expected: entry.status,
        medianMs: Math.round(times[2] ?? 0),
        maxMs: Math.round(times[4] ?? 0),
      });
    }
    const rssAfter = rssMb(hub.pid ?? 0);
    await new Promise((r) => setTimeout(r, 500));
    const alive = await post(agent, hubPort, '/callback/haiku', 'application/json', callbackBody(0, 0).body);

    const result = {
      date: new Date().toISOString().slice(0, 10),
      concurrency: CONCURRENCY,
      secondsPerRound: SECONDS,
      rounds,
      baseline: {
        perSecond: Math.round(sum((r) => r.baseline.perSecond) / ROUNDS),
        ok: baselineOk + steady.baseline.ok,
        rows: baselineRows?.n ?? 0,
      },
      receiver: {
        perSecond: Math.round(sum((r) => r.receiver.perSecond) / ROUNDS),
        ok: receiverOk + steady.receiver.ok,
        rows: inboxRows?.n ?? 0,
      },
      ratio:
        Math.round(
          (sum((r) => r.receiver.perSecond) /
            Math.max(
              1,
              sum((r) => r.baseline.perSecond),
            )) *
            100,
        ) / 100,
      saturatedReceiverP99Ms: Math.max(...rounds.map((r) => r.receiver.p99Ms)),
      cpuMsPerCallback: {
        baseline:
          Math.round(
            (cpu.baselineMs /
              Math.max(
                1,
                sum((r) => r.baseline.ok),
              )) *
              1000,
          ) / 1000,
        receiver:
          Math.round(
            (cpu.receiverMs /
              Math.max(
                1,
                sum((r) => r.receiver.ok),
              )) *
              1000,
          ) / 1000,
      },
      steady,
      nothingLost: (inboxRows?.n ?? -1) === receiverOk + steady.receiver.ok && sum((r) => r.receiver.failed) + steady.receiver.failed === 0,
      hostile,
      hubRssMb: { beforeHostile: rssBefore, afterHostile: rssAfter },
      aliveAfterHostile: alive.status === 200,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.end().catch(() => undefined);
    await stop(baseline);
    await stop(hub);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (embedded !== undefined) await embedded.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
