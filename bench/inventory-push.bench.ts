import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { NENGMAO_BRAND_PROFILE, NengmaoConnectorFactory } from '@serai/connectors';
import { OutboxDispatcher, InventoryPusher, inventoryChangedEvent, PUSH_STOCK } from '@serai/engine';
import type { BatchOutcome, InventorySink, ProviderCallRecord } from '@serai/engine/ports';
import {
  buildDataSourceOptions,
  ConnectionRepository,
  DeliveryRepository,
  EmbeddedDatabase,
  InventoryRepository,
  OutboxRepository,
  RouteRepository,
  runMigrations,
  StockPushQueueRepository,
  SyncCursorRepository,
  TransactionRunner,
} from '@serai/persistence';
import { DataSource } from 'typeorm';

/**
 * Inventory pushes to Nengmao (issue 6): (1) a full push of 100,000 SKUs goes in
 * ceil(100,000 / 2,000) = 50 `stocks/update` calls, counted from the connector's provider-call
 * trace; (2) 10,000 changes to 100 SKUs written within about a second, with the dispatcher and the
 * pusher running beside them in 250 ms batch windows, reach Nengmao with at most one push per SKU
 * per window, ending on each SKU's last figure. The sandbox runs in its own process with a
 * 100,000-SKU catalogue; PostgreSQL is embedded (or DATABASE_URL). Prints one JSON line.
 * Run: `npm run bench -- inventory-push`.
 */
const SKUS = Number(process.env.BENCH_SKUS ?? 100_000);
const BATCH = 2_000;
const CHANGES = 10_000;
const HOT_SKUS = 100;
const WINDOW_MS = 250;
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4198);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 4298);
const SAFETY_STOCK = 3;

const sku = (i: number): string => `SKU-${String(i).padStart(6, '0')}`;

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

/** The Nengmao sink, counting which SKUs each call carried (per batch window). */
class CountingSink implements InventorySink {
  readonly maxBatchSize: number;
  window = 0;
  /** Time spent in the connector and the sandbox (signing, HTTP, the sandbox's work), the rest of a push is the hub's. */
  providerMs = 0;
  readonly perWindow = new Map<number, Map<string, number>>();
  constructor(private readonly inner: InventorySink) {
    this.maxBatchSize = inner.maxBatchSize;
  }
  pushStock(levels: readonly { sku: string; quantity: number }[], mode: 'full' | 'incremental'): Promise<BatchOutcome<string>> {
    const seen = this.perWindow.get(this.window) ?? new Map<string, number>();
    for (const level of levels) seen.set(level.sku, (seen.get(level.sku) ?? 0) + 1);
    this.perWindow.set(this.window, seen);
    const started = performance.now();
    return this.inner.pushStock(levels, mode).finally(() => (this.providerMs += performance.now() - started));
  }
}

async function main(): Promise<void> {
  const sandbox = spawn(
    process.execPath,
    [
      join(__dirname, '..', 'apps', 'sandbox', 'src', 'main.js'),
      '--port',
      String(SANDBOX_PORT),
      '--skus',
      String(SKUS),
      '--orders',
      '0',
      '--order-rate',
      '0',
      '--no-auto-advance',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'serai-bench-inventory-'));
  const embedded = process.env.DATABASE_URL ? undefined : new EmbeddedDatabase({ dataDir, port: PG_PORT, database: 'bench' });
  let dataSource: DataSource | undefined;
  try {
    const url = `http://127.0.0.1:${SANDBOX_PORT}`;
    const databaseUrl = process.env.DATABASE_URL ?? (await embedded?.start()) ?? '';
    dataSource = new DataSource(buildDataSourceOptions({ url: databaseUrl, poolSize: 6, applicationName: 'serai-bench' }));
    await dataSource.initialize();
    await runMigrations(dataSource);
    await waitForHealth(url, 180_000);
    const db = dataSource.manager;
    const tx = new TransactionRunner(dataSource);
    const inventory = new InventoryRepository();
    const queue = new StockPushQueueRepository();
    const outbox = new OutboxRepository();
    const options = { stocksPerUpdate: BATCH, safetyStock: SAFETY_STOCK };
    const connection = await tx.run((m) =>
      new ConnectionRepository().create(m, {
        name: 'nengmao-bench',
        provider: 'nengmao-brand',
        baseUrl: `${url}/nengmao`,
        options,
        encryptedCredentials: 'unused: the connector gets its credentials below',
      }),
    );
    await tx.run((m) =>
      new RouteRepository().replaceAll(m, [
        { name: 'stock-to-nengmao', eventTypes: ['InventoryChanged'], connectionId: connection.id, capability: PUSH_STOCK },
      ]),
    );
    const calls: ProviderCallRecord[] = [];
    const connector = new NengmaoConnectorFactory(
      new HttpService(axios.create() as unknown as ConstructorParameters<typeof HttpService>[0]),
      NENGMAO_BRAND_PROFILE,
    ).create(
      {
        name: 'nengmao-bench',
        provider: 'nengmao-brand',
        baseUrl: `${url}/nengmao`,
        credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
        options,
      },
      { record: (call) => calls.push(call) },
    );
    if (!connector.inventorySink) throw new Error('the Nengmao connector offers no inventory sink');
    const sink = new CountingSink(connector.inventorySink);
    const target = { id: connection.id, name: connection.name, options };
    const pusher = new InventoryPusher(db, tx, inventory, queue, new SyncCursorRepository(), { owner: 'bench', leaseMs: 600_000 });

    // (1) Full push of every SKU.
    await db.query(
      `INSERT INTO inventory_level (sku, location, on_hand, reserved, as_of)
       SELECT 'SKU-' || lpad(i::text, 6, '0'), 'WH1', 100 + i % 50, i % 3, now() FROM generate_series(1, $1) AS i`,
      [SKUS],
    );
    const fullStarted = performance.now();
    const full = await pusher.run(target, sink);
    const fullMs = Math.round(performance.now() - fullStarted);
    const fullProviderMs = Math.round(sink.providerMs);
    // The hub's own reads of a full push, alone: every page of figures, as the pusher reads them.
    const pagesStarted = performance.now();
    for (
      let after = '', page = await inventory.allAfter(db, after, BATCH);
      page.length > 0;
      page = await inventory.allAfter(db, after, BATCH)
    ) {
      after = page[page.length - 1]?.sku ?? after;
    }
    const readPagesMs = Math.round(performance.now() - pagesStarted);
    const stockCalls = calls.filter((c) => c.operation === 'stocks/update');
    const probe = (await (await fetch(`${url}/_sandbox/nengmao/stocks/${sku(SKUS)}`)).json()) as { stocks: number };

    // (2) 10,000 changes to 100 SKUs in about a second, routed and pushed in 250 ms windows meanwhile.
    const dispatcher = new OutboxDispatcher(tx, outbox, new DeliveryRepository(), new RouteRepository(), queue);
    const lastFigure = new Map<string, number>();
    let writing = true;
    const windows: number[] = [];
    const pushLoop = (async () => {
      for (;;) {
        const stillWriting = writing;
        const windowStarted = performance.now();
        while ((await dispatcher.dispatchOnce(2_000)).events > 0) {
          // route what was written
        }
        sink.window += 1;
        const pushed = await pusher.run(target, sink);
        if (pushed && pushed.skus > 0) windows.push(pushed.skus);
        if (!stillWriting && (await queue.count(db, connection.id)) === 0) return;
        await new Promise((r) => setTimeout(r, Math.max(0, WINDOW_MS - (performance.now() - windowStarted))));
      }
    })();
    const writeStarted = performance.now();
    const perTransaction = 100;
    for (let n = 0; n < CHANGES; n += perTransaction) {
      const figures = Array.from({ length: perTransaction }, (_, k) => {
        const i = ((n + k) % HOT_SKUS) + 1;
        const onHand = 10 + ((n + k) % 997);
        lastFigure.set(sku(i), onHand);
        return { sku: sku(i), location: 'WH1', onHand, reserved: 0, asOf: new Date() };
      });
      await tx.run(async (m) => {
        const changes = await inventory.recordChanges(m, figures);
        await outbox.append(
          m,
          changes.map((c) => inventoryChangedEvent(c, 'snapshot', new Date(), 'bench-3pl')),
        );
      });
    }
    const writeMs = Math.round(performance.now() - writeStarted);
    const load = (await import('node:os')).loadavg()[0];
    writing = false;
    await pushLoop;
    const settleMs = Math.round(performance.now() - writeStarted);
    let maxPerWindow = 0;
    let skuPushes = 0;
    for (const [window, seen] of sink.perWindow) {
      if (window === 0) continue; // the full push
      for (const count of seen.values()) {
        maxPerWindow = Math.max(maxPerWindow, count);
        skuPushes += count;
      }
    }
    let wrong = 0;
    for (const [name, onHand] of lastFigure) {
      const shown = (await (await fetch(`${url}/_sandbox/nengmao/stocks/${name}`)).json()) as { stocks: number };
      if (shown.stocks !== Math.max(0, onHand - SAFETY_STOCK)) wrong += 1;
    }
    process.stdout.write(
      `${JSON.stringify({
        loadAverage: Number(load?.toFixed(1)),
        full: {
          skus: full?.skus,
          calls: stockCalls.length,
          expectedCalls: Math.ceil(SKUS / BATCH),
          failed: full?.failed,
          ms: fullMs,
          providerMs: fullProviderMs,
          readPagesMs,
          skusPerSecond: Math.round((SKUS * 1000) / fullMs),
          lastSkuAtNengmao: probe.stocks,
        },
        coalescing: {
          changes: CHANGES,
          skus: HOT_SKUS,
          writeMs,
          windowMs: WINDOW_MS,
          windowsWithPushes: windows.length,
          skuPushes,
          maxPushesPerSkuPerWindow: maxPerWindow,
          calls: calls.filter((c) => c.operation === 'stocks/update').length - stockCalls.length,
          settledMs: settleMs,
          skusNotOnLastFigure: wrong,
        },
      })}\n`,
    );
    if (stockCalls.length !== Math.ceil(SKUS / BATCH) || maxPerWindow > 1 || wrong > 0) process.exitCode = 1;
  } finally {
    await dataSource?.destroy();
    sandbox.kill('SIGTERM');
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
