import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { ConnectionEntity, ConnectionRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { ConnectorRegistry } from '../connections/connector-registry';
import type { DeliveryWorker } from '../delivery/delivery-worker';
import type { OutboxDispatcher } from '../delivery/outbox-dispatcher';
import type { LogisticsShipmentIntake } from '../sync/logistics-shipment-intake';
import type { MarketplaceChangeIntake } from '../sync/marketplace-change-intake';
import type { MarketplaceOrderIntake } from '../sync/marketplace-order-intake';
import type { CallTraceWriter } from '../tracing/call-trace-writer';
import { currentTraceContext, withTraceContext } from '../tracing/trace-context';

export interface EngineSchedule {
  /** How often committed events are routed into deliveries. */
  readonly dispatchEveryMs: number;
  /** Default poll interval of a connection's streams; a connection's `pollIntervalMs` option wins. */
  readonly pollEveryMs: number;
}

export const SYNC_STREAMS = ['marketplace-new-orders', 'marketplace-changed-orders', 'logistics-shipments'] as const;
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
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.every(this.schedule.dispatchEveryMs, 'dispatch', async () => {
      while (!this.stopped && (await this.dispatcher.dispatchOnce()).events > 0) {
        // keep routing while there is a backlog
      }
    });
    this.every(this.schedule.pollEveryMs, 'poll', () => this.pollAll());
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
          for (const stream of this.streamsOf(connection)) await this.runStream(connection, stream);
        } catch (error) {
          // One provider failing must not stop the others' polls; the error is on its cursor too.
          this.logger.warn({ connection: connection.name, err: error }, 'poll failed');
        }
      }),
    );
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
