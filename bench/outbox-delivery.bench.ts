import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import {
  buildDataSourceOptions,
  ConnectionRepository,
  DeliveryRepository,
  OutboxEventInput,
  OutboxRepository,
  RouteRepository,
  runMigrations,
  TransactionRunner,
} from '@serai/persistence';
import { DEFAULT_WORKER_OPTIONS, DeliveryWorker, OutboxDispatcher } from '@serai/engine';
import { machineLoad, startEmbeddedServer } from './bench-support';

/**
 * Outbox to delivery: BENCH_EVENTS (20,000) events written to the outbox in transactions of
 * BENCH_BATCH (100) events, routed by the dispatcher into one delivery each, and carried out by the
 * delivery worker against a no-op target, until every delivery has succeeded; beside it, in the
 * same run on the same server, the plain PostgreSQL baseline: the same rows inserted into a table
 * shaped like the outbox in the same transactions of BENCH_BATCH, then deleted in batches of the
 * same size. Prints one JSON line with both rates and their ratio (target: at least 1/4).
 * Run: `npm run bench -- outbox-delivery`.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);

function eventsOf(count: number): OutboxEventInput[] {
  const occurredAt = new Date().toISOString();
  return Array.from({ length: count }, () => ({
    eventId: randomUUID(),
    eventType: 'BenchPinged',
    aggregateType: 'Bench',
    aggregateId: randomUUID(),
    sourceConnection: 'bench-source',
    payload: { reason: 'outbox-delivery benchmark', amount: '12.30' },
    occurredAt,
  }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The plain rate: insert every row (transactions of BATCH), then delete them (statements of BATCH). */
async function plainInsertAndDelete(m: EntityManager, tx: TransactionRunner, events: readonly OutboxEventInput[]): Promise<number> {
  await m.query(`CREATE TABLE plain_event (LIKE outbox_event INCLUDING ALL)`);
  const started = performance.now();
  for (const batch of chunks(events, BATCH)) {
    await tx.run((t) =>
      t.query(
        `INSERT INTO plain_event (event_id, event_type, aggregate_type, aggregate_id, source_connection, payload, occurred_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[])`,
        [
          batch.map((e) => e.eventId),
          batch.map((e) => e.eventType),
          batch.map((e) => e.aggregateType),
          batch.map((e) => e.aggregateId),
          batch.map((e) => e.sourceConnection ?? null),
          batch.map((e) => JSON.stringify(e.payload)),
          batch.map((e) => e.occurredAt),
        ],
      ),
    );
  }
  for (const batch of chunks(events, BATCH)) {
    await m.query(`DELETE FROM plain_event WHERE event_id = ANY($1::uuid[])`, [batch.map((e) => e.eventId)]);
  }
  const seconds = (performance.now() - started) / 1000;
  await m.query(`DROP TABLE plain_event`);
  return events.length / seconds;
}

/** The engine's rate: outbox append (transactions of BATCH) -> dispatcher -> delivery -> worker (no-op target) -> succeeded. */
async function throughTheEngine(ds: DataSource, tx: TransactionRunner, events: readonly OutboxEventInput[]): Promise<number> {
  const m = ds.manager;
  const outbox = new OutboxRepository();
  const deliveries = new DeliveryRepository();
  const routes = new RouteRepository();
  const connection = await tx.run((t) =>
    new ConnectionRepository().create(t, {
      name: 'bench-target',
      provider: 'nomad-envoy',
      baseUrl: 'http://127.0.0.1:9',
      encryptedCredentials: 'unused',
    }),
  );
  await tx.run((t) =>
    routes.replaceAll(t, [
      { name: 'bench-route', eventTypes: ['BenchPinged'], connectionId: connection.id, capability: 'bench.noop', sourceConnection: null },
    ]),
  );
  const target = {
    connector: { testConnection: async () => ({ ok: true, message: 'ok', latencyMs: 0 }) },
    connectionName: 'bench-target',
    options: { rateLimit: { requestsPerSecond: 1_000_000, maxConcurrency: 1_000 } },
  };
  const worker = new DeliveryWorker(
    m,
    deliveries,
    outbox,
    { resolve: async () => target },
    [{ capability: 'bench.noop', execute: async () => null }],
    { ...DEFAULT_WORKER_OPTIONS, workerId: 'bench-worker', batchSize: 500, maxInFlight: 1_000, idlePollMs: 20 },
  );
  const dispatcher = new OutboxDispatcher(tx, outbox, deliveries, routes);
  let producing = true;
  const started = performance.now();
  worker.start();
  const dispatching = (async () => {
    for (;;) {
      const { events: routed } = await dispatcher.dispatchOnce(1_000);
      if (routed === 0) {
        if (!producing) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  })();
  for (const batch of chunks(events, BATCH)) await tx.run((t) => outbox.append(t, batch));
  producing = false;
  await dispatching;
  for (;;) {
    const counts = await deliveries.countByState(m);
    if (counts.succeeded >= events.length) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  return events.length / seconds;
}

async function main(): Promise<void> {
  const pg = await startEmbeddedServer();
  const ds = new DataSource(buildDataSourceOptions({ url: pg.url, poolSize: 10 }));
  try {
    await ds.initialize();
    await runMigrations(ds);
    const tx = new TransactionRunner(ds);
    // Warm-up, so neither side pays for the first connections and plans.
    await plainInsertAndDelete(ds.manager, tx, eventsOf(BATCH * 5));
    const plain = await plainInsertAndDelete(ds.manager, tx, eventsOf(EVENTS));
    const engine = await throughTheEngine(ds, tx, eventsOf(EVENTS));
    process.stdout.write(
      `${JSON.stringify({
        bench: 'outbox-delivery',
        date: new Date().toISOString(),
        events: EVENTS,
        batch: BATCH,
        plainInsertDeletePerSecond: Math.round(plain),
        engineEventsPerSecond: Math.round(engine),
        ratio: Number((engine / plain).toFixed(3)),
        machine: machineLoad(),
      })}\n`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
