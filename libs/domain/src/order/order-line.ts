import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { createSkuRef, SkuRef, SkuRefInput } from '../sku/sku-ref';
import { optionalText, requireNonNegativeInteger, requirePositiveInteger, requireText } from '../validation/field-guards';

export interface OrderLineInput {
  /** Unique within the order; mappers derive it when the provider has none (Nengmao orderGoods). */
  readonly lineId: string;
  readonly sku: SkuRefInput;
  readonly title?: string | null;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** Discount on the whole line (not per unit); zero when absent. */
  readonly discount?: Money;
  /** Tax on the whole line (Nengmao `subOrderTaxFee` is already per line); zero when absent. */
  readonly tax?: Money;
  /** Units already shipped; only set when restoring a stored order. */
  readonly shippedQuantity?: number;
}

/** One ordered SKU. Immutable: shipping replaces the line with `withShipped`. */
export class OrderLine {
  private constructor(
    readonly lineId: string,
    readonly sku: SkuRef,
    readonly title: string | undefined,
    readonly quantity: number,
    readonly unitPrice: Money,
    readonly discount: Money,
    readonly tax: Money,
    readonly shippedQuantity: number,
  ) {}

  static create(input: OrderLineInput, field = 'line'): OrderLine {
    const currency = input.unitPrice.currency;
    const discount = input.discount ?? Money.zero(currency);
    const tax = input.tax ?? Money.zero(currency);
    for (const [name, amount] of [
      ['unitPrice', input.unitPrice],
      ['discount', discount],
      ['tax', tax],
    ] as const) {
      if (amount.currency !== currency) throw new CurrencyMismatch(currency, amount.currency, `${field}.${name}`);
      if (amount.isNegative()) throw new InvariantViolation(`${field}.${name}`, `must not be negative, got ${amount.amount}`);
    }
    const quantity = requirePositiveInteger(input.quantity, `${field}.quantity`);
    const shipped = requireNonNegativeInteger(input.shippedQuantity ?? 0, `${field}.shippedQuantity`);
    if (shipped > quantity) {
      throw new InvariantViolation(`${field}.shippedQuantity`, `${shipped} shipped exceeds ${quantity} ordered`);
    }
    const line = new OrderLine(
      requireText(input.lineId, `${field}.lineId`),
      createSkuRef(input.sku, `${field}.sku`),
      optionalText(input.title, `${field}.title`),
      quantity,
      input.unitPrice,
      discount,
      tax,
      shipped,
    );
    if (line.lineTotal.isNegative()) {
      throw new InvariantViolation(`${field}.discount`, `${discount.amount} exceeds the line value ${line.grossAmount.amount}`);
    }
    return line;
  }

  get currency(): string {
    return this.unitPrice.currency;
  }

  /** unitPrice x quantity, before discount and tax. */
  get grossAmount(): Money {
    return this.unitPrice.multiply(this.quantity);
  }

  /** What the buyer pays for the line: unitPrice x quantity - discount + tax. */
  get lineTotal(): Money {
    return this.grossAmount.subtract(this.discount).add(this.tax);
  }

  get remainingQuantity(): number {
    return this.quantity - this.shippedQuantity;
  }

  withShipped(additional: number): OrderLine {
    if (additional > this.remainingQuantity) {
      throw new InvariantViolation('quantity', `line ${this.lineId}: ships ${additional} but only ${this.remainingQuantity} remain`);
    }
    return new OrderLine(
      this.lineId,
      this.sku,
      this.title,
      this.quantity,
      this.unitPrice,
      this.discount,
      this.tax,
      this.shippedQuantity + additional,
    );
  }

  toInput(): OrderLineInput {
    return {
      lineId: this.lineId,
      sku: this.sku,
      ...(this.title === undefined ? {} : { title: this.title }),
      quantity: this.quantity,
      unitPrice: this.unitPrice,
      discount: this.discount,
      tax: this.tax,
      shippedQuantity: this.shippedQuantity,
    };
  }
}
