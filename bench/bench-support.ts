import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase } from '../libs/persistence/src/embedded/embedded-database';

/** Shared plumbing of the engine benchmarks: a sandbox process, an embedded PostgreSQL, process accounting. */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  everyMs: number | (() => number) = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, typeof everyMs === 'number' ? everyMs : everyMs()));
  }
}

export interface SandboxProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** The sandbox in its own process (as the real providers would be), seeded with `orders` new orders per shop. */
export async function startSandboxProcess(orders: number): Promise<SandboxProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(__dirname, '..', 'apps', 'sandbox', 'src', 'main.js'),
      '--port',
      String(port),
      '--orders',
      String(orders),
      '--order-rate',
      '0',
      '--no-auto-advance',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/_sandbox/health`)).ok, 180_000, 'the sandbox did not start');
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface EmbeddedServer {
  /** URL of a fresh, empty application database. */
  readonly url: string;
  /** The postmaster's pid, for CPU accounting of the server and its backends. */
  readonly postmasterPid: number;
  stop(): Promise<void>;
}

/**
 * A fresh embedded PostgreSQL. With `statementStats`, the server is restarted once with
 * pg_stat_statements loaded (the embedded build ships it), so a benchmark can say which statements
 * its PostgreSQL time went to ({@link postgresBreakdown}).
 */
export async function startEmbeddedServer(options: { readonly statementStats?: boolean } = {}): Promise<EmbeddedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'serai-bench-pg-'));
  const server = new EmbeddedDatabase({ dataDir, port: await freePort() });
  let url = await server.start();
  if (options.statementStats) {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await admin.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
    await admin.end();
    await server.stop();
    url = await server.start();
    const again = new Client({ connectionString: url });
    await again.connect();
    await again.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await again.end();
  }
  const pidFile = join(server.clusterDir, 'postmaster.pid');
  const postmasterPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  return {
    url,
    postmasterPid,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (fields 14 and 15 of proc(5), counted from state = 3).
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of a process and its live children (PostgreSQL's postmaster and backends). */
export function cpuSecondsOfTree(rootPid: number): number {
  let total = cpuSecondsOf(rootPid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === rootPid) total += cpuSecondsOf(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Peak resident set size of this process so far (VmHWM), in MB. */
export function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** The 1-minute load average and core count, printed with every result: the numbers mean little on a busy machine. */
export function machineLoad(): { readonly loadAverage1m: number; readonly cores: number } {
  const [one] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  return { loadAverage1m: Number(one), cores: readdirSync('/sys/devices/system/cpu').filter((d) => /^cpu\d+$/.test(d)).length };
}

/**
 * Counts every SQL statement sent by any pg client of this process, except the ones `exempt`
 * (the benchmark's own probes). Wraps `Client.prototype.query`, which TypeORM's pool uses.
 */
export function countSqlStatements(exempt: (client: Client) => boolean): { readonly count: () => number; readonly reset: () => void } {
  let statements = 0;
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    if (!exempt(this)) statements += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  return {
    count: () => statements,
    reset: () => {
      statements = 0;
    },
  };
}

/** Total length of the union of [start, end) intervals: wall time during which at least one was open. */
export function unionMs(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let openStart = -Infinity;
  let openEnd = -Infinity;
  for (const [start, end] of sorted) {
    if (start > openEnd) {
      if (openEnd > openStart) total += openEnd - openStart;
      openStart = start;
      openEnd = end;
    } else if (end > openEnd) openEnd = end;
  }
  if (openEnd > openStart) total += openEnd - openStart;
  return total;
}

/** Where PostgreSQL's time and writes went during a run: per statement, per table and index, WAL. */
export interface PostgresBreakdown {
  readonly walBytes: number;
  readonly statements: readonly {
    readonly query: string;
    readonly calls: number;
    readonly ms: number;
    readonly rows: number;
    readonly walBytes: number;
  }[];
  readonly tables: readonly {
    readonly table: string;
    readonly inserted: number;
    readonly updated: number;
    readonly hotUpdated: number;
    readonly deleted: number;
  }[];
  readonly indexes: readonly { readonly index: string; readonly scans: number }[];
}

/** Resets the counters {@link postgresBreakdown} reads, so a run is measured from its start. */
export async function resetPostgresStats(probe: Client): Promise<void> {
  await probe.query('SELECT pg_stat_statements_reset()');
  await probe.query(`SELECT pg_stat_reset_shared('wal')`);
  await probe.query('SELECT pg_stat_reset()');
}

export async function postgresBreakdown(probe: Client, top = 20): Promise<PostgresBreakdown> {
  const wal = await probe.query(`SELECT wal_bytes::bigint AS bytes FROM pg_stat_wal`);
  const statements = await probe.query(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query, calls::int, round(total_exec_time::numeric, 1)::float AS ms, rows::int,
            wal_bytes::bigint AS wal
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT $1`,
    [top],
  );
  const tables = await probe.query(
    `SELECT relname, n_tup_ins::int AS ins, n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot, n_tup_del::int AS del
       FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC`,
  );
  const indexes = await probe.query(
    `SELECT indexrelname, idx_scan::int AS scans FROM pg_stat_user_indexes WHERE idx_scan > 0 ORDER BY idx_scan DESC LIMIT 25`,
  );
  return {
    walBytes: Number((wal.rows[0] as { bytes: string }).bytes),
    statements: (statements.rows as { query: string; calls: number; ms: number; rows: number; wal: string }[]).map((r) => ({
      query: r.query,
      calls: r.calls,
      ms: r.ms,
      rows: r.rows,
      walBytes: Number(r.wal),
    })),
    tables: (tables.rows as { relname: string; ins: number; upd: number; hot: number; del: number }[]).map((r) => ({
      table: r.relname,
      inserted: r.ins,
      updated: r.upd,
      hotUpdated: r.hot,
      deleted: r.del,
    })),
    indexes: (indexes.rows as { indexrelname: string; scans: number }[]).map((r) => ({ index: r.indexrelname, scans: r.scans })),
  };
}
