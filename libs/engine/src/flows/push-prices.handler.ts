import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimedPrice, PriceRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { PUSH_PRICES } from '../catalogue/capabilities-in-routes';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { classifyFailure } from '../delivery/failure-classification';
import type { BatchOutcome } from '../ports/batch-outcome';
import type { PriceSink } from '../ports/capabilities';
import { PermanentDeliveryFailure } from './forward-order.handler';

/** The price of this delivery is being pushed by another worker still; the delivery comes back later. */
export class PricePushInFlight extends Error {
  readonly retryable = true;
  readonly kind = 'provider';
  constructor(sku: string) {
    super(`the price of ${sku} is being pushed by another delivery`);
    this.name = 'PricePushInFlight';
  }
}

export interface PushPricesOptions {
  /** How long a claimed batch stays reserved to its worker; after a crash it is pushed again. */
  readonly leaseMs: number;
  /** How long a delivery waits for another worker's push that carries its price. */
  readonly waitForOthersMs: number;
  readonly pollMs: number;
}

export const DEFAULT_PUSH_PRICES_OPTIONS: PushPricesOptions = { leaseMs: 120_000, waitForOthersMs: 30_000, pollMs: 100 };

interface PriceChangedPayload {
  readonly sku: string;
  readonly kind: string;
}

/** One price per SKU per call: the marketplace keeps one price per SKU, so two kinds of one SKU never share a call. */
function onePerSku(claimed: readonly ClaimedPrice[]): { send: ClaimedPrice[]; later: ClaimedPrice[] } {
  const seen = new Set<string>();
  const send: ClaimedPrice[] = [];
  const later: ClaimedPrice[] = [];
  for (const price of claimed) {
    if (seen.has(price.sku)) later.push(price);
    else {
      seen.add(price.sku);
      send.push(price);
    }
  }
  return { send, later };
}

/**
 * Prices, provider side. A delivery does not push only its own price: it pushes the connection's
 * whole queue of waiting prices (coalesced per SKU, see ChangePrices) in batches of the sink's
 * `maxBatchSize`, until its own price is settled. So a bulk change of thousands of SKUs costs
 * ceil(n / maxBatchSize) calls, and the deliveries whose price a batch already carried finish
 * without calling the provider. What the provider confirmed becomes that connection's price.
 */
export class PushPricesHandler implements DeliveryHandler {
  readonly capability = PUSH_PRICES;

  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly prices: PriceRepository,
    private readonly options: PushPricesOptions = DEFAULT_PUSH_PRICES_OPTIONS,
  ) {}

  async execute({ delivery, event, connector, connectionName }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const sink = connector.priceSink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection takes no prices');
    const { sku, kind } = event.payload as unknown as PriceChangedPayload;
    const connection = { id: delivery.connectionId, name: connectionName };
    await this.queueCurrentPrice(connection.id, sku, kind);
    let calls = 0;
    const waitUntil = Date.now() + this.options.waitForOthersMs;
    for (;;) {
      const state = await this.prices.pushStateOf(this.db, connection.id, sku, kind);
      if (state === undefined || state === 'done') return { sku, kind, state: 'done', calls };
      if (state === 'failed') {
        const reason = (await this.prices.listPushes(this.db, [sku])).find(
          (p) => p.connectionId === connection.id && p.kind === kind,
        )?.reason;
        throw new PermanentDeliveryFailure('PRICE_REFUSED', reason ?? `the ${kind} price of ${sku} was refused`);
      }
      const claimed = await this.tx.run((m) => this.prices.claimPushes(m, connection.id, sink.maxBatchSize, this.options.leaseMs));
      if (claimed.length === 0) {
        // Our price rides on another worker's batch: wait for it rather than push it twice.
        if (Date.now() > waitUntil) throw new PricePushInFlight(sku);
        await sleep(this.options.pollMs);
        continue;
      }
      calls += await this.pushBatch(sink, connection, claimed);
    }
  }

  /** The queue row may be missing (a route added after the change, or a replay): queue the current canonical price. */
  private async queueCurrentPrice(connectionId: string, sku: string, kind: string): Promise<void> {
    await this.tx.run(async (m) => {
      const current = (await this.prices.lockCanonical(m, [{ sku, kind }])).get(`${sku}:${kind}`);
      if (!current) return;
      await this.prices.enqueuePushes(m, [connectionId], [{ sku, kind, amount: current.amount, asOf: current.asOf }]);
    });
  }

  private async pushBatch(sink: PriceSink, connection: { id: string; name: string }, claimed: readonly ClaimedPrice[]): Promise<number> {
    const { send, later } = onePerSku(claimed);
    let outcome: BatchOutcome<string>;
    try {
      outcome = await sink.pushPrices(send);
    } catch (error) {
      const failure = classifyFailure(error);
      const reason = `${failure.code ?? 'ERROR'}: ${failure.message}`.slice(0, 1000);
      const failed = send.map((p) => ({ ...p, reason }));
      await this.tx.run((m) =>
        this.prices.completePushes(m, connection, {
          confirmed: [],
          refused: failure.retryable ? [] : failed,
          retry: [...(failure.retryable ? failed : []), ...later.map((p) => ({ ...p, reason: 'waiting for its turn' }))],
        }),
      );
      throw error;
    }
    const failures = new Map(outcome.failed.map((f) => [f.key, f]));
    const succeeded = new Set(outcome.succeeded);
    await this.tx.run((m) =>
      this.prices.completePushes(m, connection, {
        confirmed: send.filter((p) => succeeded.has(p.sku) && !failures.has(p.sku)),
        refused: send.flatMap((p) => {
          const f = failures.get(p.sku);
          return f && !f.retryable ? [{ ...p, reason: `${f.code}: ${f.message}`.slice(0, 1000) }] : [];
        }),
        retry: [
          ...send.flatMap((p) => {
            const f = failures.get(p.sku);
            if (f?.retryable) return [{ ...p, reason: `${f.code}: ${f.message}`.slice(0, 1000) }];
            return !f && !succeeded.has(p.sku) ? [{ ...p, reason: 'the provider did not answer for this SKU' }] : [];
          }),
          ...later.map((p) => ({ ...p, reason: 'waiting for its turn' })),
        ],
      }),
    );
    // Items to try again make the delivery retry with backoff, not spin.
    const retryable = outcome.failed.find((f) => f.retryable);
    if (retryable)
      throw Object.assign(new Error(`${retryable.key}: ${retryable.code} ${retryable.message}`), { retryable: true, kind: 'provider' });
    return outcome.calls;
  }
}
