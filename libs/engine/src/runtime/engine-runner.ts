import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { ConnectionEntity, ConnectionRepository, RouteRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { ConnectorRegistry } from '../connections/connector-registry';
import type { DeliveryWorker } from '../delivery/delivery-worker';
import type { OutboxDispatcher } from '../delivery/outbox-dispatcher';
import type { LogisticsShipmentIntake } from '../sync/logistics-shipment-intake';
import type { MarketplaceChangeIntake } from '../sync/marketplace-change-intake';
import type { MarketplaceOrderIntake } from '../sync/marketplace-order-intake';
import type { MarketplaceReturnIntake } from '../sync/marketplace-return-intake';
import type { OrderSystemOrderIntake } from '../sync/order-system-order-intake';
import type { WmsSkuIntake } from '../sync/wms-sku-intake';
import type { CallTraceWriter } from '../tracing/call-trace-writer';
import { currentTraceContext, withTraceContext } from '../tracing/trace-context';
import { PUSH_STOCK } from '../inventory/push-stock';
import { InvalidStockOptions } from '../inventory/channel-stock-policy';
import { InvalidFullPushSchedule } from '../inventory/full-push-schedule';
import type { InventoryIntake, InventoryPusher } from '../sync/inventory-sync';
import type { InboxProcessor } from '../callbacks/inbox-processor';
import type { OrderLookup } from '../ports/capabilities';

export interface EngineSchedule {
  /** How often committed events are routed into deliveries. */
  readonly dispatchEveryMs: number;
  /** Default poll interval of a connection's streams; a connection's `pollIntervalMs` option wins. */
  readonly pollEveryMs: number;
  /**
   * The batch window of incremental stock pushes: every SKU changed within one window is pushed
   * once at its end. Default 1 s.
   */
  readonly stockPushEveryMs?: number;
  /** How often received callbacks are looked for when the inbox was empty (default 250 ms). */
  readonly processInboxEveryMs?: number;
}

/** Inventory flow 5 in the runner: the 3PL pull, the pushes to routed marketplaces, and the routes that decide them. */
export interface InventoryStreams {
  readonly intake: InventoryIntake;
  readonly pusher: InventoryPusher;
  readonly routes: RouteRepository;
}

export const DEFAULT_STOCK_PUSH_EVERY_MS = 1_000;
export const DEFAULT_SKU_POLL_EVERY_MS = 15 * 60_000;

export const SYNC_STREAMS = [
  'marketplace-new-orders',
  'marketplace-changed-orders',
  'logistics-shipments',
  'logistics-inventory',
  'marketplace-stock',
  'marketplace-returns',
  'order-system-orders',
  'wms-skus',
] as const;
export type SyncStream = (typeof SYNC_STREAMS)[number];

export class StreamNotOffered extends Error {
  constructor(
    readonly connectionName: string,
    readonly stream: string,
  ) {
    super(`Connection ${connectionName} offers no stream ${stream}`);
    this.name = 'StreamNotOffered';
  }
}

export const DEFAULT_SCHEDULE: EngineSchedule = { dispatchEveryMs: 200, pollEveryMs: 5_000 };

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Runs the engine's loops in a worker process: the outbox dispatcher, the delivery worker, and
 * the pollers of every enabled connection (marketplace intake, logistics shipments). Every loop
 * is safe to run in any number of processes: the outbox and the deliveries are claimed with SKIP
 * LOCKED, the pollers take a lease per connection and stream.
 */
export class EngineRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  /** When this instance last pulled each connection's inventory (its `inventoryPollIntervalMs` option spaces the pulls). */
  private readonly inventoryPulledAt = new Map<string, number>();
  /** When this instance last read each WMS connection's SKU master (its `skuPollIntervalMs` option spaces the reads). */
  private readonly skusPulledAt = new Map<string, number>();
  /** Connection versions whose stock options were already reported invalid: said once, not every window. */
  private readonly misconfigured = new Set<string>();
  private stopped = true;

  constructor(
    private readonly db: EntityManager,
    private readonly connections: ConnectionRepository,
    private readonly registry: ConnectorRegistry,
    private readonly dispatcher: OutboxDispatcher,
    private readonly worker: DeliveryWorker,
    private readonly orderIntake: MarketplaceOrderIntake,
    private readonly shipmentIntake: LogisticsShipmentIntake,
    private readonly traces: CallTraceWriter,
    private readonly logger: Logger,
    private readonly schedule: EngineSchedule = DEFAULT_SCHEDULE,
    private readonly changeIntake?: MarketplaceChangeIntake,
    private readonly inventory?: InventoryStreams,
    private readonly returnIntake?: MarketplaceReturnIntake,
    private readonly inboxProcessor?: InboxProcessor,
    private readonly orderSystemIntake?: OrderSystemOrderIntake,
    private readonly wmsSkuIntake?: WmsSkuIntake,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.every(this.schedule.dispatchEveryMs, 'dispatch', async () => {
      for (;;) {
        if (this.stopped) break;
        const routed = await this.dispatcher.dispatchOnce();
        // The deliveries are committed: this process's worker takes them now instead of at its next idle poll.
        if (routed.deliveries > 0) this.worker.wake();
        // keep routing while there is a backlog
        if (routed.events === 0) break;
      }
    });
    this.every(this.schedule.pollEveryMs, 'poll', () => this.pollAll());
    if (this.inventory) this.every(this.schedule.stockPushEveryMs ?? DEFAULT_STOCK_PUSH_EVERY_MS, 'stock-push', () => this.pushStockAll());
    const inbox = this.inboxProcessor;
    if (inbox)
      this.every(this.schedule.processInboxEveryMs ?? 250, 'inbox', async () => {
        while (!this.stopped && (await inbox.runOnce()) > 0) {
          // keep processing while callbacks are waiting
        }
      });
    this.worker.start();
    this.logger.info({ schedule: this.schedule }, 'engine started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
    await this.worker.stop();
    await this.traces.flush();
    this.logger.info('engine stopped');
  }

  /** The streams a connection offers, by what its connector can do. */
  streamsOf(connection: ConnectionEntity): SyncStream[] {
    if (!this.registry.supports(connection.provider)) return [];
    const connector = this.registry.connectorFor(connection);
    const streams: SyncStream[] = [];
    // Envoy can list orders too, but it is the order system, not a marketplace to take orders from.
    if (connector.orderSource && connection.provider.startsWith('nengmao'))
      streams.push('marketplace-new-orders', 'marketplace-changed-orders');
    if (connector.shipmentSource) streams.push('logistics-shipments');
    if (connector.inventorySource && this.inventory) streams.push('logistics-inventory');
    if (connector.inventorySink && this.inventory) streams.push('marketplace-stock');
    if (connector.returnSource && this.returnIntake && connection.provider.startsWith('nengmao')) streams.push('marketplace-returns');
    // The order system: the hub creates orders there (orderSink) and reads back what happened to them, and to orders made there.
    if (connector.orderSource && connector.orderSink && this.orderSystemIntake && !connection.provider.startsWith('nengmao'))
      streams.push('order-system-orders');
    if (connector.skuSource && this.wmsSkuIntake) streams.push('wms-skus');
    return streams;
  }

  /**
   * Runs one stream of one connection now (the schedule, and POST /sync/{connection}/{stream});
   * answers undefined when another instance holds the stream's lease.
   */
  async runStream(connection: ConnectionEntity, stream: SyncStream): Promise<Record<string, number> | undefined> {
    if (!this.streamsOf(connection).includes(stream)) throw new StreamNotOffered(connection.name, stream);
    // The provider calls of a poll are traced with the stream that made them (unless a request asked for the poll).
    const correlationId = currentTraceContext().correlationId ?? `sync:${connection.name}:${stream}`;
    return withTraceContext({ correlationId }, () => this.runStreamNow(connection, stream));
  }

  /**
   * Reads one order again from a connection that holds it and applies what changed, as its poll
   * would (resync): a marketplace's cancellation request, an order system's closing status.
   * Answers 'unsupported' when the source cannot find one order (then a poll of its window is all
   * there is), else whether it was found and what applying it did.
   */
  async pullOrder(
    connection: ConnectionEntity,
    lookup: OrderLookup,
  ): Promise<'unsupported' | { readonly found: boolean; readonly outcome?: string }> {
    const source = this.registry.connectorFor(connection).orderSource;
    if (!source?.pullOrder) return 'unsupported';
    const marketplace = connection.provider.startsWith('nengmao');
    if (marketplace ? !this.changeIntake : !this.orderSystemIntake) return 'unsupported';
    const correlationId = currentTraceContext().correlationId ?? `resync:${connection.name}`;
    return withTraceContext({ correlationId }, async () => {
      const sourced = await source.pullOrder?.(lookup);
      if (!sourced) return { found: false };
      const outcome = marketplace
        ? await this.changeIntake?.applyOne(connection.name, sourced)
        : await this.orderSystemIntake?.applyOne(connection.id, connection.name, sourced);
      return { found: true, ...(outcome === undefined ? {} : { outcome }) };
    });
  }

  private async runStreamNow(connection: ConnectionEntity, stream: SyncStream): Promise<Record<string, number> | undefined> {
    const connector = this.registry.connectorFor(connection);
    let result: Record<string, number> | undefined;
    if (stream === 'marketplace-new-orders' && connector.orderSource) {
      result = { ...(await this.orderIntake.run(connection.id, connection.name, connector.orderSource)) };
      if ((result.read ?? 0) > 0) this.logger.info({ connection: connection.name, ...result }, 'marketplace orders pulled');
    } else if (stream === 'marketplace-changed-orders' && connector.orderSource && this.changeIntake) {
      result = { ...(await this.changeIntake.run(connection.id, connection.name, connector.orderSource)) };
      if ((result.cancellationRequests ?? 0) > 0)
        this.logger.info({ connection: connection.name, ...result }, 'cancellation requests received');
    } else if (stream === 'logistics-shipments' && connector.shipmentSource) {
      result = { ...(await this.shipmentIntake.run(connection.id, connector.shipmentSource)) };
      if ((result.recorded ?? 0) > 0) this.logger.info({ connection: connection.name, ...result }, 'shipments recorded');
    } else if (stream === 'logistics-inventory' && connector.inventorySource && this.inventory) {
      const pulled = await this.inventory.intake.run(connection.id, connector.inventorySource, connection.name);
      if (pulled) {
        this.inventoryPulledAt.set(connection.id, Date.now());
        result = { ...pulled };
        if (pulled.changed > 0 || pulled.unmapped > 0) this.logger.info({ connection: connection.name, ...pulled }, 'inventory pulled');
      }
    } else if (stream === 'marketplace-stock' && connector.inventorySink && this.inventory) {
      if (!(await this.stockTargets()).has(connection.id)) return { routed: 0 };
      const pushed = await this.inventory.pusher.run(connection, connector.inventorySink);
      if (pushed) {
        result = { full: pushed.mode === 'full' ? 1 : 0, skus: pushed.skus, calls: pushed.calls, failed: pushed.failed };
        if (pushed.skus > 0) this.logger.info({ connection: connection.name, ...pushed }, 'stock pushed');
      }
    } else if (stream === 'marketplace-returns' && connector.returnSource && this.returnIntake) {
      result = { ...(await this.returnIntake.run(connection.id, connection.name, connector.returnSource)) };
      if ((result.read ?? 0) > 0) this.logger.info({ connection: connection.name, ...result }, 'marketplace returns pulled');
    } else if (stream === 'order-system-orders' && connector.orderSource && this.orderSystemIntake) {
      const pulled = await this.orderSystemIntake.run(connection.id, connection.name, connector.orderSource);
      if (pulled) {
        result = { ...pulled };
        if (pulled.stored > 0 || pulled.reported > 0)
          this.logger.info({ connection: connection.name, ...pulled }, 'order system orders pulled');
        if (pulled.ambiguous > 0 || pulled.refused > 0)
          this.logger.warn({ connection: connection.name, ...pulled }, 'order system orders left alone (ambiguous number or refused)');
      }
    } else if (stream === 'wms-skus' && connector.skuSource && this.wmsSkuIntake) {
      const pulled = await this.wmsSkuIntake.run(connection.id, connection.name, connector.skuSource);
      if (pulled) {
        this.skusPulledAt.set(connection.id, Date.now());
        result = { ...pulled };
        if (pulled.added > 0 || pulled.filled > 0) this.logger.info({ connection: connection.name, ...pulled }, 'WMS SKU master read');
      }
    }
    return result !== undefined && Object.keys(result).length > 0 ? result : undefined;
  }

  /**
   * One poll of every enabled connection's streams. Connections are polled side by side (each
   * one's streams in turn): a slow or failing provider does not hold up the others' polls.
   */
  async pollAll(): Promise<void> {
    const enabled = (await this.connections.list(this.db)).filter((connection) => connection.enabled);
    await Promise.all(
      enabled.map(async (connection) => {
        try {
          for (const stream of this.streamsOf(connection)) {
            // Shutting down: no new stream starts; the one in flight finishes or is left to its lease.
            if (this.stopped) break;
            // Stock pushes have their own, shorter loop (the batch window).
            if (stream === 'marketplace-stock') continue;
            if (stream === 'logistics-inventory' && !this.inventoryPullDue(connection)) continue;
            if (stream === 'wms-skus' && !this.skuPullDue(connection)) continue;
            await this.runStream(connection, stream);
          }
        } catch (error) {
          // One provider failing must not stop the others' polls; the error is on its cursor too.
          this.logger.warn({ connection: connection.name, err: error }, 'poll failed');
        }
      }),
    );
  }

  /** One push window: every connection a stock route targets gets what changed (or its scheduled full push). */
  async pushStockAll(): Promise<void> {
    const targets = await this.stockTargets();
    if (targets.size === 0) return;
    for (const connection of await this.connections.list(this.db)) {
      if (!connection.enabled || !targets.has(connection.id)) continue;
      try {
        await this.runStream(connection, 'marketplace-stock');
      } catch (error) {
        if (error instanceof InvalidStockOptions || error instanceof InvalidFullPushSchedule) {
          const key = `${connection.id}@${connection.version}`;
          if (this.misconfigured.has(key)) continue;
          this.misconfigured.add(key);
        }
        this.logger.warn({ connection: connection.name, err: error }, 'stock push failed');
      }
    }
  }

  /** The connections enabled routes send stock to: routes decide which marketplaces get stock. */
  private async stockTargets(): Promise<Set<string>> {
    if (!this.inventory) return new Set();
    const routes = await this.inventory.routes.list(this.db, true);
    return new Set(routes.filter((r) => r.capability === PUSH_STOCK).map((r) => r.connectionId));
  }

  /** A 3PL's whole stock list is read at most every `inventoryPollIntervalMs` (option; default the poll interval). */
  private inventoryPullDue(connection: ConnectionEntity): boolean {
    const option = connection.options.inventoryPollIntervalMs;
    const interval = typeof option === 'number' && Number.isFinite(option) && option > 0 ? option : this.schedule.pollEveryMs;
    const last = this.inventoryPulledAt.get(connection.id);
    return last === undefined || Date.now() - last >= interval;
  }

  /** The whole WMS SKU master changes slowly: read at most every `skuPollIntervalMs` (option; default 15 minutes). */
  private skuPullDue(connection: ConnectionEntity): boolean {
    const option = connection.options.skuPollIntervalMs;
    const interval = typeof option === 'number' && Number.isFinite(option) && option > 0 ? option : DEFAULT_SKU_POLL_EVERY_MS;
    const last = this.skusPulledAt.get(connection.id);
    return last === undefined || Date.now() - last >= interval;
  }

  private every(intervalMs: number, name: string, work: () => Promise<void>): void {
    const tick = (): void => {
      if (this.stopped) return;
      const run = work()
        .catch((error: unknown) => this.logger.warn({ loop: name, err: error }, 'engine loop failed'))
        .finally(() => {
          this.running.delete(run);
          if (!this.stopped) this.timers.set(name, setTimeout(tick, intervalMs));
        });
      this.running.add(run);
    };
    tick();
  }
}
