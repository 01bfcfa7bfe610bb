import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProviderConnector } from '@serai/engine/ports';
import { buildDataSourceOptions, ConnectionRepository, EmbeddedDatabase, runMigrations, TransactionRunner } from '@serai/persistence';
import {
  COMPARISON_WORK_MEM,
  DiscrepancyRepository,
  REPORT_KINDS,
  ObservationRepository,
  ReconciliationRunner,
  ReconciliationRunRepository,
  writeDiscrepanciesCsv,
} from '@serai/reports';
import pino from 'pino';
import { DataSource } from 'typeorm';

/**
 * Reconciliation over 1,000,000 orders already in the store, sandbox reads excluded: what the
 * marketplace and the order system "said" is a pre-loaded snapshot (two typed tables), copied into
 * the run's observations in the database (as a resumed run finds its reads done), then the hub's
 * own runner compares (order presence, amounts, statuses), records the discrepancies, closes,
 * summarises. Beside it, in the same run, the bare SQL of the same three comparisons over the typed
 * snapshot. Then a 1,000,000-row CSV export to a file through the streaming writer. Peak RSS of
 * this (hub) process is sampled every 20 ms. Prints one JSON line.
 * Run: `npm run bench -- reconciliation` (BENCH_ORDERS to change the size; DATABASE_URL to use a server).
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);

class PeakRss {
  private peak = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), 20);
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return Math.round(this.peak / 1048576);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}

/** The store (1M forwarded orders) and the snapshot of what each system says, with planted differences. */
async function seed(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO connection (id, name, provider, base_url, credentials) VALUES
    (gen_random_uuid(), 'nengmao-bench', 'nengmao-brand', 'http://127.0.0.1:9', 'x'),
    (gen_random_uuid(), 'envoy-bench', 'nomad-envoy', 'http://127.0.0.1:9', 'x')`);
  await ds.query(
    `INSERT INTO sales_order (id, source_connection_name, external_order_number, status, currency, items_amount, shipping_amount,
                              discount_amount, total_paid, consignee, placed_at)
     SELECT gen_random_uuid(), 'nengmao-bench', 'B' || lpad(i::text, 8, '0'), 'forwarded', 'CNY', (i % 997) + 0.99, 10, 0,
            (i % 997) + 10.99, '{}'::jsonb, timestamptz '2026-11-01 00:00:00+08' + i * interval '1 second'
       FROM generate_series(1, $1) AS i`,
    [ORDERS],
  );
  // What the marketplace and the order system say: every order at the marketplace (every 500th
  // cancelled there); the order system lacks every 200th and has 1.00 more shipping on every 300th.
  await ds.query(`CREATE TABLE bench_marketplace AS
    SELECT external_order_number AS number, placed_at, CASE WHEN i % 500 = 0 THEN 'cancelled' ELSE 'open' END AS state,
           total_paid AS total, items_amount AS items, shipping_amount AS shipping, discount_amount AS discount,
           'SKU-' || (i % 5000) AS sku, 1 AS quantity, items_amount AS unit_price
      FROM (SELECT *, substr(external_order_number, 2)::int AS i FROM sales_order) o`);
  await ds.query(`CREATE TABLE bench_order_system AS
    SELECT number, placed_at, 'open' AS state,
           CASE WHEN substr(number, 2)::int % 300 = 0 THEN total + 1 ELSE total END AS total, items,
           CASE WHEN substr(number, 2)::int % 300 = 0 THEN shipping + 1 ELSE shipping END AS shipping, discount, sku, quantity, unit_price
      FROM bench_marketplace WHERE substr(number, 2)::int % 200 <> 0`);
  await ds.query(`CREATE UNIQUE INDEX ON bench_marketplace (number)`);
  await ds.query(`CREATE UNIQUE INDEX ON bench_order_system (number)`);
  await ds.query(`ANALYZE`);
}

/** The in-database copy that stands for the read phase: the snapshot as the run's observations. */
async function copyObservations(ds: DataSource, runId: string): Promise<void> {
  for (const [table, connection, role] of [
    ['bench_marketplace', 'nengmao-bench', 'marketplace'],
    ['bench_order_system', 'envoy-bench', 'order-system'],
  ] as const)
    await ds.query(
      `INSERT INTO reconciliation_observation (run_id, connection, role, subject, entity_key, facts)
       SELECT $1, $2, $3, 'order', number,
              jsonb_build_object('number', number, 'placedAt', placed_at, 'state', state, 'currency', 'CNY', 'total', total::text,
                                 'items', items::text, 'shipping', shipping::text, 'discount', discount::text,
                                 'lines', jsonb_build_array(jsonb_build_object('sku', sku, 'quantity', quantity, 'unitPrice', unit_price::text, 'discount', '0')))
         FROM ${table}`,
      [runId, connection, role],
    );
  await ds.query(`ANALYZE reconciliation_observation`);
}

/** The same three comparisons as bare SQL over the typed snapshot: presence, amounts (to the cent), statuses. */
const BARE_SQL = `
  SELECT
    (SELECT count(*) FROM bench_marketplace m WHERE m.state <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM bench_order_system o WHERE o.number = m.number))
  + (SELECT count(*) FROM bench_marketplace m WHERE NOT EXISTS (SELECT 1 FROM sales_order s WHERE s.source_connection_name = 'nengmao-bench' AND s.external_order_number = m.number))
  + (SELECT count(*) FROM bench_order_system o WHERE NOT EXISTS (SELECT 1 FROM bench_marketplace m WHERE m.number = o.number))
  + (SELECT count(*) FROM bench_marketplace m JOIN bench_order_system o USING (number)
       CROSS JOIN LATERAL (VALUES (round(m.total, 2), round(o.total, 2)), (round(m.items, 2), round(o.items, 2)),
                                  (round(m.shipping, 2), round(o.shipping, 2)), (round(m.discount, 2), round(o.discount, 2))) v (a, b)
      WHERE v.a <> v.b)
  + (SELECT count(*) FROM bench_marketplace m JOIN bench_order_system o USING (number)
      WHERE m.sku <> o.sku OR m.quantity <> o.quantity OR round(m.unit_price * m.quantity, 2) <> round(o.unit_price * o.quantity, 2))
  + (SELECT count(*) FROM bench_marketplace m
       LEFT JOIN sales_order s ON s.source_connection_name = 'nengmao-bench' AND s.external_order_number = m.number
       LEFT JOIN bench_order_system o ON o.number = m.number
      WHERE (m.state = 'cancelled' AND (s.status IS DISTINCT FROM 'cancelled' OR COALESCE(o.state, 'cancelled') <> 'cancelled'))
         OR (m.state = 'open' AND (s.status = 'cancelled' OR o.state = 'cancelled'))) AS findings`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'serai-bench-'));
  const pgDir = mkdtempSync(join(tmpdir(), 'serai-bench-pg-'));
  const embedded = process.env.DATABASE_URL
    ? undefined
    : new EmbeddedDatabase({ dataDir: pgDir, port: await freePort(), database: 'postgres' });
  const url = process.env.DATABASE_URL ?? (await embedded?.start()) ?? '';
  const ds = new DataSource({ ...buildDataSourceOptions({ url, poolSize: 4, applicationName: 'serai-bench' }) });
  await ds.initialize();
  try {
    await runMigrations(ds);
    const [, seedMs] = await timed(() => seed(ds));

    const runs = new ReconciliationRunRepository();
    const discrepancies = new DiscrepancyRepository();
    const runId = randomUUID();
    await runs.create(ds.manager, {
      id: runId,
      kinds: ['order-presence', 'amount-mismatch', 'status-mismatch'],
      connections: ['nengmao-bench', 'envoy-bench'],
      from: new Date('2026-10-31T00:00:00Z'),
      to: new Date('2026-12-31T00:00:00Z'),
      options: {},
      trigger: 'api',
      requestedBy: 'bench',
    });
    // The reads are done (the snapshot stands for them): a run resumed at its comparisons.
    await ds.query(
      `UPDATE reconciliation_run SET checkpoint = '{"done": ["envoy-bench|order-system|order", "nengmao-bench|marketplace|order"]}' WHERE id = $1`,
      [runId],
    );
    const [, copyMs] = await timed(() => copyObservations(ds, runId));

    // Sandbox reads are excluded: a ledger that is never asked (its steps are checkpointed).
    const neverRead: ProviderConnector = {
      testConnection: () => Promise.reject(new Error('no provider in the benchmark')),
      orderLedger: {
        listOrders: () => {
          throw new Error('the benchmark reads no provider');
        },
      },
    };
    const runner = new ReconciliationRunner(
      ds.manager,
      new TransactionRunner(ds),
      runs,
      new ObservationRepository(),
      discrepancies,
      new ConnectionRepository(),
      { resolveByName: () => Promise.resolve(neverRead) },
      pino({ level: 'warn' }),
      { owner: 'bench', leaseMs: 600_000, defaultReadPagesPerSecond: 100 },
    );
    // Each kind's findings query alone (a SELECT count over the same jsonb observations), to show where the hub's time goes.
    const findingsMs: Record<string, number> = {};
    for (const kind of ['order-presence', 'amount-mismatch', 'status-mismatch'] as const) {
      const [, ms] = await timed(() =>
        ds.transaction(async (m) => {
          await m.query(`SET LOCAL work_mem = '${COMPARISON_WORK_MEM}'`);
          return m.query(
            `WITH bound AS (SELECT $2::timestamptz, $3::timestamptz, $4::jsonb) SELECT count(*) FROM (${REPORT_KINDS[kind].findingsSql}) f`,
            [runId, new Date('2026-10-31T00:00:00Z'), new Date('2026-12-31T00:00:00Z'), '{}'],
          );
        }),
      );
      findingsMs[kind] = ms;
      if (process.env.BENCH_EXPLAIN) {
        const plan = (await ds.query(
          `EXPLAIN (ANALYZE, BUFFERS) WITH bound AS (SELECT $2::timestamptz, $3::timestamptz, $4::jsonb) SELECT count(*) FROM (${REPORT_KINDS[kind].findingsSql}) f`,
          [runId, new Date('2026-10-31T00:00:00Z'), new Date('2026-12-31T00:00:00Z'), '{}'],
        )) as { 'QUERY PLAN': string }[];
        process.stderr.write(`--- ${kind}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n`);
      }
    }
    const rssBefore = Math.round(process.memoryUsage().rss / 1048576);
    const peak = new PeakRss();
    const [, hubMs] = await timed(() => runner.runOnce());
    const hubPeakRssMb = peak.stop();
    const run = await runs.findById(ds.manager, runId);
    if (run?.state !== 'completed') throw new Error(`the run ended ${run?.state ?? 'missing'}: ${run?.error ?? ''}`);

    // The bare SQL needs the snapshot only; measured after the hub run, with the same warm cache.
    // With the same work_mem the hub gives its comparisons.
    const [bare, bareMs] = await timed(() =>
      ds.transaction(async (m) => {
        await m.query(`SET LOCAL work_mem = '${COMPARISON_WORK_MEM}'`);
        return (await m.query(BARE_SQL)) as { findings: string }[];
      }),
    );

    // 1,000,000 discrepancy rows exported as CSV to a file, streamed.
    const exportRun = randomUUID();
    await ds.query(
      `INSERT INTO reconciliation_run (id, scope_key, kinds, connections, window_from, window_to, trigger, state, phase)
       VALUES ($1, 'export-bench', '{amount-mismatch}', '{nengmao-bench}', now() - interval '1 day', now(), 'api', 'completed', 'completed')`,
      [exportRun],
    );
    await ds.query(
      `INSERT INTO discrepancy (run_id, kind, code, connection, entity_key, fingerprint, entity_time, expected, actual, amount_at_stake, currency,
                                state, first_seen_at, last_seen_at)
       SELECT $1, 'amount-mismatch', 'total_differs', 'nengmao-bench', 'B' || i, 'x:' || i, now(),
              jsonb_build_object('total', (i % 997) || '.99', 'consignee', '胡轩'), jsonb_build_object('total', (i % 997) || '.98'),
              0.01, 'CNY', 'open', now(), now()
         FROM generate_series(1, $2) AS i`,
      [exportRun, EXPORT_ROWS],
    );
    const file = join(dir, 'export.csv');
    const exportPeak = new PeakRss();
    const [exported, exportMs] = await timed(() =>
      writeDiscrepanciesCsv(discrepancies.stream(ds.manager, exportRun, {}), createWriteStream(file)),
    );
    await new Promise((r) => setTimeout(r, 50));
    const exportPeakRssMb = exportPeak.stop();

    const result = {
      bench: 'reconciliation',
      orders: ORDERS,
      seedMs,
      copyObservationsMs: copyMs,
      hubRunToCompletedMs: run.finishedAt && run.startedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      hubRunWithCleanupMs: hubMs,
      findingsQueriesMs: findingsMs,
      bareSqlMs: bareMs,
      ratio:
        run.finishedAt && run.startedAt ? Math.round(((run.finishedAt.getTime() - run.startedAt.getTime()) / bareMs) * 100) / 100 : null,
      discrepancies: run.discrepancies,
      bareFindings: Number(bare[0]?.findings),
      hubRssBeforeMb: rssBefore,
      hubPeakRssMb,
      exportRows: exported,
      exportMs,
      exportBytes: statSync(file).size,
      exportPeakRssMb,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await ds.destroy();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(pgDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
