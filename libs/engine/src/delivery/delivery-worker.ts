import { redactString } from '@serai/common';
import type { DeliveryRepository, DeliveryRow, OutboxEventRow, OutboxRepository } from '@serai/persistence';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import type { ProviderConnector } from '../ports/capabilities';
import { BackoffPolicy, DEFAULT_BACKOFF, nextRetryDelayMs } from './backoff';
import { BreakerPolicy, CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker';
import { classifyFailure } from './failure-classification';
import { GroupedSuccesses } from './grouped-successes';
import { DEFAULT_RATE_LIMIT, RateLimiter, RateLimitPolicy, rateLimitFromOptions } from './rate-limiter';
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

export interface ResolvedTarget {
  readonly connector: ProviderConnector;
  readonly connectionName: string;
  /** The connection's options; `rateLimit` there overrides the worker's default limit for it. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface ConnectorResolver {
  /** The connector of a connection, built with its decrypted credentials; undefined if disabled or gone. */
  resolve(connectionId: string): Promise<ResolvedTarget | undefined>;
}

export interface DeliveryWorkerOptions {
  readonly workerId: string;
  readonly batchSize: number;
  /** Deliveries this worker carries out at once, across connections (each connection also has its own cap). */
  readonly maxInFlight: number;
  readonly leaseMs: number;
  readonly idlePollMs: number;
  readonly backoff: BackoffPolicy;
  readonly breaker: BreakerPolicy;
  readonly rateLimit: RateLimitPolicy;
}

export const DEFAULT_WORKER_OPTIONS: Omit<DeliveryWorkerOptions, 'workerId'> = {
  batchSize: 50,
  maxInFlight: 64,
  leaseMs: 60_000,
  idlePollMs: 250,
  backoff: DEFAULT_BACKOFF,
  breaker: DEFAULT_BREAKER,
  rateLimit: DEFAULT_RATE_LIMIT,
};

export interface DeliveryWorkerEvents {
  onOutcome?(delivery: DeliveryRow, outcome: 'succeeded' | 'failed' | 'dead' | 'postponed' | 'lease_lost', detail?: string): void;
}

/** How long a resolved connection is reused before it is read again (a disabled connection stops within this). */
const TARGET_CACHE_MS = 1_000;

/**
 * Works the delivery queue: claims due deliveries (never those of a connection whose breaker is
 * open or whose concurrency is full), calls the handler of each one's capability, and records the
 * outcome. Retryable failures come back with exponential backoff and jitter until the attempt
 * budget is spent; permanent ones go to the dead letters at once. Any number of workers, in any
 * number of processes, can run side by side: the queue hands each delivery to one of them.
 *
 * Running, it keeps up to `maxInFlight` deliveries going and claims again as soon as half of that
 * is free, rather than waiting for the slowest of a batch. A delivery that its connection's rate
 * limit holds back waits here (a token is milliseconds away) instead of going back to the
 * database, as long as its lease leaves time; only then is it postponed.
 */
export class DeliveryWorker {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly targets = new Map<string, { readonly at: number; readonly target: ResolvedTarget | undefined }>();
  private readonly handlers: ReadonlyMap<string, DeliveryHandler>;
  private running?: Promise<void>;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly successes: GroupedSuccesses;
  /** Ends the idle wait of the running loop early (see `wake`). */
  private wakeIdle?: () => void;

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
    const duplicated = handlers.map((h) => h.capability).filter((capability, i, all) => all.indexOf(capability) !== i);
    // Two handlers for one capability would leave one of them silently unused: refuse to start.
    if (duplicated.length > 0) throw new Error(`More than one delivery handler for ${[...new Set(duplicated)].join(', ')}`);
    this.handlers = new Map(handlers.map((h) => [h.capability, h]));
    this.successes = new GroupedSuccesses((outcomes) => this.deliveries.markSucceededMany(this.db, this.options.workerId, outcomes));
  }

  breakerOf(connectionId: string): CircuitBreaker {
    let breaker = this.breakers.get(connectionId);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.breaker);
      this.breakers.set(connectionId, breaker);
    }
    return breaker;
  }

  /** The connection's limiter, following its `rateLimit` option when it has one. */
  private limiterOf(connectionId: string, options?: Readonly<Record<string, unknown>>): RateLimiter {
    const existing = this.limiters.get(connectionId);
    const policy =
      options === undefined ? (existing?.policy ?? this.options.rateLimit) : rateLimitFromOptions(options, this.options.rateLimit);
    if (
      existing &&
      existing.policy.requestsPerSecond === policy.requestsPerSecond &&
      existing.policy.maxConcurrency === policy.maxConcurrency
    )
      return existing;
    // A changed policy starts a fresh bucket; calls in flight under the old one finish and release it.
    const limiter = new RateLimiter(policy);
    this.limiters.set(connectionId, limiter);
    return limiter;
  }

  /** One claim-and-process round; answers how many deliveries it took. */
  async runOnce(): Promise<number> {
    const claimed = await this.claimAndStart(this.options.batchSize);
    await Promise.all(claimed);
    return claimed.length;
  }

  /** Runs until stopped: keeps deliveries in flight, claims more as slots free up, idles briefly when the queue is empty. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    for (const limiter of this.limiters.values()) limiter.resumeWaits();
    const wanted = Math.max(1, Math.min(this.options.batchSize, this.options.maxInFlight));
    // Claim again once this many slots are free: fewer, larger claims instead of one per finished delivery.
    const refillAt = Math.max(1, Math.floor(wanted / 2));
    this.running = (async () => {
      while (!this.stopping) {
        const free = this.options.maxInFlight - this.inFlight.size;
        if (free < refillAt) {
          await this.oneFinished();
          continue;
        }
        // The database unreachable or restarting counts as an empty round: wait and try again;
        // leases protect the rows meanwhile.
        const asked = Math.min(free, wanted);
        const taken = (await this.claimAndStart(asked).catch(() => [])).length;
        if (taken < asked && !this.stopping) {
          // The queue is (for now) drained: wait for new work, or for a finished delivery to free its connection's slot.
          await Promise.race([
            sleep(this.options.idlePollMs),
            taken > 0 || this.inFlight.size > 0 ? this.oneFinished() : sleep(this.options.idlePollMs),
            new Promise<void>((resolve) => (this.wakeIdle = resolve)),
          ]);
          this.wakeIdle = undefined;
        }
      }
    })();
  }

  /**
   * New deliveries were just committed in this process (the dispatcher routed events): claim now
   * rather than at the end of the idle wait. Deliveries created elsewhere (another instance) are
   * still found by the idle poll.
   */
  wake(): void {
    this.wakeIdle?.();
  }

  /** Stops claiming and waits for deliveries in flight to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Deliveries waiting for a rate-limit slot are not started now: they go back to the queue.
    for (const limiter of this.limiters.values()) limiter.abortWaits();
    // An idle loop need not sleep out its wait to see that it is stopping.
    this.wake();
    await this.running;
    await Promise.all([...this.inFlight]);
    this.running = undefined;
  }

  private oneFinished(): Promise<void> {
    return this.inFlight.size === 0 ? Promise.resolve() : Promise.race([...this.inFlight]);
  }

  /** Claims up to `limit` due deliveries and starts each; answers their completions. */
  private async claimAndStart(limit: number): Promise<Promise<void>[]> {
    const blocked = [...new Set([...this.breakers.keys(), ...this.limiters.keys()])].filter(
      (id) => this.breakerOf(id).state === 'open' || this.limiters.get(id)?.capacity === 0,
    );
    const claimedAt = Date.now();
    const claimed = await this.deliveries.claimDue(this.db, {
      workerId: this.options.workerId,
      limit,
      leaseMs: this.options.leaseMs,
      skipConnectionIds: blocked,
    });
    if (claimed.length === 0) return [];
    const events = new Map(
      (await this.outbox.findByEventIds(this.db, [...new Set(claimed.map((d) => d.eventId))])).map((e) => [e.eventId, e]),
    );
    return claimed.map((delivery) => this.track(this.process(delivery, events.get(delivery.eventId), claimedAt)));
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.catch(() => {
      // Recording the outcome failed (database gone): the lease runs out and the delivery is claimed again.
    });
    this.inFlight.add(tracked);
    return tracked.finally(() => this.inFlight.delete(tracked));
  }

  /** A connection's connector, read at most once a second per connection rather than once per delivery. */
  private async targetOf(connectionId: string): Promise<ResolvedTarget | undefined> {
    const cached = this.targets.get(connectionId);
    if (cached && Date.now() - cached.at < TARGET_CACHE_MS) return cached.target;
    const target = await this.connectors.resolve(connectionId);
    this.targets.set(connectionId, { at: Date.now(), target });
    return target;
  }

  private async process(delivery: DeliveryRow, event: OutboxEventRow | undefined, claimedAt: number): Promise<void> {
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
    const target = await this.targetOf(delivery.connectionId);
    if (!target) {
      await this.bury(delivery, 'the target connection is disabled or deleted', 'CONNECTION_UNAVAILABLE');
      return;
    }
    const limiter = this.limiterOf(delivery.connectionId, target.options);
    // Wait here for the rate limit while the lease has more than half its time left; past that,
    // another worker could take the row over, so it goes back to the queue instead.
    const permit = await limiter.acquire(claimedAt + this.options.leaseMs / 2 - Date.now());
    if (!permit.granted) {
      await this.deliveries.postpone(this.db, delivery.id, workerId, new Date(Date.now() + permit.waitMs));
      this.events.onOutcome?.(delivery, 'postponed', 'rate limited');
      return;
    }
    const breaker = this.breakerOf(delivery.connectionId);
    if (!breaker.tryAcquire()) {
      limiter.release();
      await this.deliveries.postpone(this.db, delivery.id, workerId, new Date(breaker.retryAt()));
      this.events.onOutcome?.(delivery, 'postponed', 'circuit open');
      return;
    }
    try {
      // Every provider call the handler makes is traced against this delivery and its entity.
      const result = await withTraceContext(
        { deliveryId: delivery.id, entityType: event.aggregateType.toLowerCase(), entityId: event.aggregateId },
        () => handler.execute({ delivery, event, connector: target.connector, connectionName: target.connectionName }),
      );
      breaker.recordSuccess();
      const kept = await this.successes.record(delivery.id, result);
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
