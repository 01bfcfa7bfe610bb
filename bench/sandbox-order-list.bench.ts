import { runOrderListBenchmark } from '../apps/sandbox/src/nengmao/order-list-benchmark';

/**
 * Nengmao sandbox order list at 100,000 orders: requests per second and p50/p99 latency of
 * `POST /nengmao/api/order/list` pages of 100 with 20 concurrent clients for 10 s, plus the heap after seeding.
 * Prints one JSON line. Run: `node scripts/run-bench.mjs bench/sandbox-order-list.bench.ts`.
 */
async function main(): Promise<void> {
  const result = await runOrderListBenchmark({ orders: 100_000, concurrency: 20, durationMs: 10_000, pageSize: 100 });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
