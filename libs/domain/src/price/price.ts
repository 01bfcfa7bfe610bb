import type { PriceChanged } from '../events/domain-event';
import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { Instant } from '../time/instant';
import { requireOneOf, requireText } from '../validation/field-guards';
import { PRICE_KINDS, PriceKind } from './price-kind';

export interface PriceInput {
  readonly sku: string;
  readonly kind: PriceKind;
  readonly amount: Money;
  /** When this price became true at its source. */
  readonly asOf: Instant;
}

/** One price of one SKU. Immutable: a new price is a new value, and `changeTo` says what changed. */
export class Price {
  private constructor(
    readonly sku: string,
    readonly kind: PriceKind,
    readonly amount: Money,
    readonly asOf: Instant,
  ) {}

  static of(input: PriceInput): Price {
    if (input.amount.isNegative()) throw new InvariantViolation('amount', `must not be negative, got ${input.amount.amount}`);
    return new Price(requireText(input.sku, 'sku'), requireOneOf(input.kind, PRICE_KINDS, 'kind'), input.amount, input.asOf);
  }

  /** "sku:kind": the aggregate id of its events. */
  get id(): string {
    return `${this.sku}:${this.kind}`;
  }

  /**
   * The price after moving to `amount`, with the PriceChanged event to publish, or no event when
   * the amount is the same. A change dated before this price is refused (a stale update), and so
   * is a change of currency, which is a new listing rather than a price change.
   */
  changeTo(amount: Money, asOf: Instant): { readonly price: Price; readonly event?: PriceChanged } {
    if (amount.currency !== this.amount.currency) throw new CurrencyMismatch(this.amount.currency, amount.currency, 'Price.changeTo');
    if (asOf.isBefore(this.asOf)) {
      throw new InvariantViolation('asOf', `change of ${asOf.toISOString()} is older than ${this.asOf.toISOString()}`);
    }
    const price = Price.of({ sku: this.sku, kind: this.kind, amount, asOf });
    return amount.equals(this.amount) ? { price } : { price, event: price.changedEvent(this.amount) };
  }

  /** The event announcing this price; `previous` is null for a SKU's first price of this kind. */
  changedEvent(previous: Money | null): PriceChanged {
    return {
      type: 'PriceChanged',
      aggregateType: 'Price',
      aggregateId: this.id,
      occurredAt: this.asOf.toISOString(),
      payload: {
        sku: this.sku,
        kind: this.kind,
        amount: this.amount.toJSON(),
        previous: previous === null ? null : previous.toJSON(),
        asOf: this.asOf.toISOString(),
      },
    };
  }
}
