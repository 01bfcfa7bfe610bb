import { redactString } from '@serai/common';
import type { DeliveryRepository, DeliveryRow, OutboxEventRow, OutboxRepository } from '@serai/persistence';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import type { ProviderConnector } from '../ports/capabilities';
import { BackoffPolicy, DEFAULT_BACKOFF, nextRetryDelayMs } from './backoff';
import { BreakerPolicy, CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker';
import { classifyFailure } from './failure-classification';
import { DEFAULT_RATE_LIMIT, RateLimiter, RateLimitPolicy } from './rate-limiter';
import { withTraceContext } from '../tracing/trace-context';

/** Carries one delivery out: calls the target's capability. Its return value is stored as the result. */
export interface DeliveryHandler {
  readonly capability: string;
  execute(context: {
    readonly delivery: DeliveryRow;
    readonly event: OutboxEventRow;
    readonly connector: ProviderConnector;
    readonly connectionName: string;
  }): Promise<unknown>;
}

export interface ConnectorResolver {
  /** The connector of a connection, built with its decrypted credentials; undefined if disabled or gone. */
  resolve(connectionId: string): Promise<{ readonly connector: ProviderConnector; readonly connectionName: string } | undefined>;
}

export interface DeliveryWorkerOptions {
  readonly workerId: string;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly idlePollMs: number;
  readonly backoff: BackoffPolicy;
  readonly breaker: BreakerPolicy;
  readonly rateLimit: RateLimitPolicy;
}

export const DEFAULT_WORKER_OPTIONS: Omit<DeliveryWorkerOptions, 'workerId'> = {
  batchSize: 50,
  leaseMs: 60_000,
  idlePollMs: 250,
  backoff: DEFAULT_BACKOFF,
  breaker: DEFAULT_BREAKER,
  rateLimit: DEFAULT_RATE_LIMIT,
};

export interface DeliveryWorkerEvents {
  onOutcome?(delivery: DeliveryRow, outcome: 'succeeded' | 'failed' | 'dead' | 'postponed' | 'lease_lost', detail?: string): void;
}

/**
 * Works the delivery queue: claims due deliveries (never those of a connection whose breaker is
 * open or whose concurrency is full), calls the handler of each one's capability, and records the
 * outcome. Retryable failures come back with exponential backoff and jitter until the attempt
 * budget is spent; permanent ones go to the dead letters at once. Any number of workers, in any
 * number of processes, can run side by side: the queue hands each delivery to one of them.
 */
export class DeliveryWorker {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly handlers: ReadonlyMap<string, DeliveryHandler>;
  private running?: Promise<void>;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: EntityManager,
    private readonly deliveries: DeliveryRepository,
    private readonly outbox: OutboxRepository,
    private readonly connectors: ConnectorResolver,
    handlers: readonly DeliveryHandler[],
    private readonly options: DeliveryWorkerOptions,
    private readonly events: DeliveryWorkerEvents = {},
    private readonly random: () => number = Math.random,
  ) {
    this.handlers = new Map(handlers.map((h) => [h.capability, h]));
  }

  breakerOf(connectionId: string): CircuitBreaker {
    let breaker = this.breakers.get(connectionId);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.breaker);
      this.breakers.set(connectionId, breaker);
    }
    return breaker;
  }

  private limiterOf(connectionId: string): RateLimiter {
    let limiter = this.limiters.get(connectionId);
    if (!limiter) {
      limiter = new RateLimiter(this.options.rateLimit);
      this.limiters.set(connectionId, limiter);
    }
    return limiter;
  }

  /** One claim-and-process round; answers how many deliveries it took. */
  async runOnce(): Promise<number> {
    const blocked = [...new Set([...this.breakers.keys(), ...this.limiters.keys()])].filter(
      (id) => this.breakerOf(id).state === 'open' || this.limiterOf(id).capacity === 0,
    );
    const claimed = await this.deliveries.claimDue(this.db, {
      workerId: this.options.workerId,
      limit: this.options.batchSize,
      leaseMs: this.options.leaseMs,
      skipConnectionIds: blocked,
    });
    if (claimed.length === 0) return 0;
    const events = new Map(
      (await this.outbox.findByEventIds(this.db, [...new Set(claimed.map((d) => d.eventId))])).map((e) => [e.eventId, e]),
    );
    await Promise.all(claimed.map((delivery) => this.track(this.process(delivery, events.get(delivery.eventId)))));
    return claimed.length;
  }

  /** Runs rounds until stopped; idles briefly when the queue is empty. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        // The database unreachable or restarting counts as an empty round: wait and try again;
        // leases protect the rows meanwhile.
        const taken = await this.runOnce().catch(() => 0);
        if (taken === 0 && !this.stopping) await sleep(this.options.idlePollMs);
      }
    })();
  }

  /** Stops claiming and waits for deliveries in flight to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    await Promise.all([...this.inFlight]);
    this.running = undefined;
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async process(delivery: DeliveryRow, event: OutboxEventRow | undefined): Promise<void> {
    const workerId = this.options.workerId;
    const handler = this.handlers.get(delivery.capability);
    if (!event || !handler) {
      await this.bury(
        delivery,
        !event ? 'the event of this delivery no longer exists' : `no handler for capability ${delivery.capability}`,
        'UNROUTABLE',
      );
      return;
    }
    const target = await this.connectors.resolve(delivery.connectionId);
    if (!target) {
      await this.bury(delivery, 'the target connection is disabled or deleted', 'CONNECTION_UNAVAILABLE');
      return;
    }
    const breaker = this.breakerOf(delivery.connectionId);
    if (!breaker.tryAcquire()) {
      await this.deliveries.postpone(this.db, delivery.id, workerId, new Date(breaker.retryAt()));
      this.events.onOutcome?.(delivery, 'postponed', 'circuit open');
      return;
    }
    const limiter = this.limiterOf(delivery.connectionId);
    const permit = limiter.tryAcquire();
    if (!permit.granted) {
      await this.deliveries.postpone(this.db, delivery.id, workerId, new Date(Date.now() + permit.waitMs));
      this.events.onOutcome?.(delivery, 'postponed', 'rate limited');
      return;
    }
    try {
      // Every provider call the handler makes is traced against this delivery and its entity.
      const result = await withTraceContext(
        { deliveryId: delivery.id, entityType: event.aggregateType.toLowerCase(), entityId: event.aggregateId },
        () => handler.execute({ delivery, event, connector: target.connector, connectionName: target.connectionName }),
      );
      breaker.recordSuccess();
      const kept = await this.deliveries.markSucceeded(this.db, delivery.id, workerId, result);
      this.events.onOutcome?.(delivery, kept ? 'succeeded' : 'lease_lost');
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.providerUnwell) breaker.recordFailure();
      else breaker.recordSuccess();
      const message = redactString(failure.message).slice(0, 2000);
      if (failure.retryable && delivery.attempts < this.options.backoff.maxAttempts) {
        const delay = nextRetryDelayMs(delivery.attempts, this.options.backoff, this.random, failure.retryAfterMs);
        await this.deliveries.markFailed(this.db, delivery.id, workerId, {
          error: message,
          code: failure.code,
          nextAttemptAt: new Date(Date.now() + delay),
        });
        this.events.onOutcome?.(delivery, 'failed', message);
      } else {
        const reason = failure.retryable ? `gave up after ${delivery.attempts} attempts: ${message}` : message;
        await this.bury(delivery, reason, failure.code);
      }
    } finally {
      limiter.release();
    }
  }

  private async bury(delivery: DeliveryRow, reason: string, code?: string): Promise<void> {
    await this.deliveries.markDead(this.db, delivery.id, this.options.workerId, { error: reason, code });
    this.events.onOutcome?.(delivery, 'dead', reason);
  }
}
