import { CurrencyMismatch, Instant, InvariantViolation, Money, Price, PriceChanged, PriceKind } from '@serai/domain';
import type { PriceRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { PUSH_PRICES, RouteTarget, routeTargets } from './capabilities-in-routes';

export interface PriceChangeInput {
  readonly sku: string;
  readonly kind: PriceKind;
  readonly amount: Money;
  /** When the price became true; now when absent. */
  readonly asOf?: Instant;
}

export interface PriceChangeResult {
  /** SKU/kind pairs whose price changed (each with one PriceChanged event). */
  readonly changed: number;
  /** Pairs already at that amount: nothing to send. */
  readonly unchanged: number;
  readonly targets: readonly RouteTarget[];
}

/**
 * Prices, canonical side: a bulk change is written with its PriceChanged events in one
 * transaction, and each changed price is queued for every connection the price routes name,
 * coalesced per SKU and kind, so the delivery that runs first sends the whole queue in the
 * sink's largest batches.
 */
export class ChangePrices {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly prices: PriceRepository,
    private readonly routes: RouteRepository,
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  targets(): Promise<RouteTarget[]> {
    return routeTargets(this.db, this.routes, 'PriceChanged', PUSH_PRICES);
  }

  /**
   * Applies the changes (the last one wins when a SKU and kind appear twice). Throws the domain's
   * refusal (a currency change, a change older than the stored price) naming the item, and then
   * nothing is written.
   */
  async apply(changes: readonly PriceChangeInput[]): Promise<PriceChangeResult> {
    const latest = new Map<string, PriceChangeInput & { readonly index: number }>();
    changes.forEach((change, index) => latest.set(`${change.sku}:${change.kind}`, { ...change, index }));
    return this.tx.run(async (m) => {
      const current = await this.prices.lockCanonical(m, [...latest.values()]);
      const written: { price: Price; event: PriceChanged }[] = [];
      for (const [key, change] of latest) {
        const asOf = change.asOf ?? this.now();
        const before = current.get(key);
        const next = before
          ? withItemField(change.index, () => before.changeTo(change.amount, asOf))
          : withItemField(change.index, () => {
              const price = Price.of({ sku: change.sku, kind: change.kind, amount: change.amount, asOf });
              return { price, event: price.changedEvent(null) };
            });
        if (next.event) written.push({ price: next.price, event: next.event });
      }
      await this.prices.saveCanonical(m, written);
      const targets = await routeTargets(m, this.routes, 'PriceChanged', PUSH_PRICES);
      await this.prices.enqueuePushes(
        m,
        targets.map((t) => t.connectionId),
        written.map(({ price }) => ({ sku: price.sku, kind: price.kind, amount: price.amount, asOf: price.asOf })),
      );
      return { changed: written.length, unchanged: latest.size - written.length, targets };
    });
  }
}

/** Field errors of the domain name the price's field; the caller's list position is added in front. */
export class PriceItemRefused extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`prices[${index}].${field} ${reason}`);
    this.name = 'PriceItemRefused';
  }
}

function withItemField<T>(index: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvariantViolation) throw new PriceItemRefused(index, error.field, error.reason);
    if (error instanceof CurrencyMismatch) {
      throw new PriceItemRefused(
        index,
        'currency',
        `is ${error.actual}, but this price is in ${error.expected} (a new currency is a new listing)`,
      );
    }
    throw error;
  }
}
