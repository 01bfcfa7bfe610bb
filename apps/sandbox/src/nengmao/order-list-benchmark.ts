import { performance } from 'node:perf_hooks';
import { SandboxClock } from '../core/sandbox-clock';
import { startSandboxUnderTest } from '../testing/sandbox-under-test';
import { signNengmaoRequest } from './nengmao-signature';
import { formatNengmaoTime } from './nengmao-time';

export interface OrderListBenchmarkOptions {
  /** Orders seeded in each shop (default 100,000). */
  readonly orders?: number;
  readonly concurrency?: number;
  readonly durationMs?: number;
  readonly pageSize?: number;
  /**
   * A sandbox already running elsewhere (a separate process, so that the load generator does not
   * share its CPU), seeded with `orders` orders and with a clock at wall time. In-process otherwise.
   */
  readonly target?: { readonly url: string; readonly seedMs: number; readonly serverRssMb?: () => number };
}

export interface OrderListBenchmarkResult {
  readonly benchmark: 'sandbox-order-list';
  readonly orders: number;
  readonly seedMs: number;
  readonly heapUsedMb: number;
  /** Where the sandbox ran: `separate-process` (realistic) or `in-process` (client and server share a CPU). */
  readonly mode: 'separate-process' | 'in-process';
  readonly serverRssMb?: number;
  readonly concurrency: number;
  readonly durationMs: number;
  readonly pageSize: number;
  readonly requests: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/**
 * Starts the sandbox in-process with `orders` orders, listens on a loopback port and has `concurrency` clients
 * POST `/nengmao/api/order/list` (valid auth, pages of `pageSize`) for `durationMs`: half of them walk the
 * pages of the default query (status 1, orderType Y) deep into the list, the other half walk one-hour create-time
 * windows across the seeded three days. Reports throughput and latency (HTTP round trip including JSON parsing).
 */
export async function runOrderListBenchmark(options: OrderListBenchmarkOptions = {}): Promise<OrderListBenchmarkResult> {
  const orders = options.orders ?? 100_000;
  const concurrency = options.concurrency ?? 20;
  const durationMs = options.durationMs ?? 10_000;
  const pageSize = options.pageSize ?? 100;
  const seedStart = performance.now();
  const sb = options.target ? undefined : await startSandboxUnderTest({ initialOrders: orders });
  const seedMs = options.target ? options.target.seedMs : Math.round(performance.now() - seedStart);
  const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1_048_576);
  try {
    const url = sb ? await sb.listen() : (options.target?.url ?? '');
    const clock = sb ? sb.app.get(SandboxClock) : { nowMs: () => Date.now() };
    const pages = Math.max(1, Math.ceil(orders / pageSize));
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + durationMs;
    const client = async (index: number): Promise<void> => {
      for (let i = 0; performance.now() < deadline; i += 1) {
        const timestamp = String(clock.nowMs());
        const body =
          index % 2 === 0
            ? { pageNo: ((index * 37 + i * 13) % pages) + 1, pageSize }
            : (() => {
                const hour = (index * 7 + i) % 72;
                const start = clock.nowMs() - (72 - hour) * 3_600_000;
                return {
                  startCreateTime: formatNengmaoTime(start),
                  endCreateTime: formatNengmaoTime(start + 3_600_000),
                  pageNo: 1 + (i % 2),
                  pageSize,
                };
              })();
        const started = performance.now();
        const response = await fetch(`${url}/nengmao/api/order/list`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            appKey: 'demo-app-key',
            appSecret: 'demo-app-secret',
            timestamp,
            sign: signNengmaoRequest('demo-app-key', timestamp),
          },
          body: JSON.stringify(body),
        });
        const answer = (await response.json()) as { errorCode?: number };
        latencies.push(performance.now() - started);
        if (response.status !== 200 || answer.errorCode !== 200) errors += 1;
      }
    };
    const runStart = performance.now();
    await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
    const elapsed = performance.now() - runStart;
    latencies.sort((a, b) => a - b);
    return {
      benchmark: 'sandbox-order-list',
      mode: options.target ? 'separate-process' : 'in-process',
      serverRssMb: options.target?.serverRssMb?.(),
      orders,
      seedMs,
      heapUsedMb,
      concurrency,
      durationMs: Math.round(elapsed),
      pageSize,
      requests: latencies.length,
      errors,
      requestsPerSecond: Math.round((latencies.length * 1000) / elapsed),
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      maxMs: Math.round((latencies[latencies.length - 1] ?? 0) * 10) / 10,
    };
  } finally {
    await sb?.close();
  }
}
