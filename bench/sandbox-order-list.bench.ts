import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runOrderListBenchmark } from '../apps/sandbox/src/nengmao/order-list-benchmark';

/**
 * Nengmao sandbox order list at 100,000 orders: requests per second and p50/p99 latency of
 * `POST /nengmao/api/order/list` pages of 100, 20 concurrent clients, 10 s. The sandbox runs in its
 * own process (as `npm run sandbox` would) so the load generator does not steal its CPU; its RSS
 * is read after the run. Prints one JSON line. Run: `npm run bench -- sandbox-order-list`.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 4199);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/_sandbox/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`sandbox did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const sandbox = spawn(
    process.execPath,
    [
      join(__dirname, '..', 'apps', 'sandbox', 'src', 'main.js'),
      '--port',
      String(PORT),
      '--orders',
      String(ORDERS),
      '--order-rate',
      '0',
      '--no-auto-advance',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  try {
    const url = `http://127.0.0.1:${PORT}`;
    await waitForHealth(url, 120_000);
    const seedMs = Math.round(performance.now() - started);
    const pid = sandbox.pid ?? 0;
    const result = await runOrderListBenchmark({
      orders: ORDERS,
      concurrency: 20,
      durationMs: 10_000,
      pageSize: 100,
      target: { url, seedMs, serverRssMb: () => rssMb(pid) },
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    sandbox.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
