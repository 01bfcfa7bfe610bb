import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import type { OrderLine } from './order-line';

/** The order's totals as the source reported them, all in the order currency. */
export interface OrderAmounts {
  /** Goods value before discount and tax. */
  readonly items: Money;
  readonly shipping: Money;
  /** All discounts, line and order level. */
  readonly discount: Money;
  /** All taxes, goods and shipping. */
  readonly tax: Money;
  readonly totalPaid: Money;
}

export interface OrderAmountsInput {
  readonly items: Money;
  readonly shipping?: Money;
  readonly discount?: Money;
  readonly tax?: Money;
  readonly totalPaid: Money;
}

/**
 * A total that does not add up. Marketplaces send such orders (Nengmao's `orderAmount` is
 * computed from tag prices in one place and sale amounts in another), and refusing them would
 * stop intake, so they are reported for reconciliation instead of thrown.
 */
export interface AmountDiscrepancy {
  readonly check: 'totalPaid' | 'items' | 'tax' | 'discount';
  readonly expected: Money;
  readonly actual: Money;
  /** actual - expected. */
  readonly difference: Money;
  readonly rule: string;
}

/** Negative totals are refused outright: no source means them, and they would corrupt reports. */
export function createOrderAmounts(input: OrderAmountsInput, currency: string, field = 'amounts'): OrderAmounts {
  const amounts: OrderAmounts = {
    items: input.items,
    shipping: input.shipping ?? Money.zero(currency),
    discount: input.discount ?? Money.zero(currency),
    tax: input.tax ?? Money.zero(currency),
    totalPaid: input.totalPaid,
  };
  for (const [name, amount] of Object.entries(amounts)) {
    if (amount.currency !== currency) throw new CurrencyMismatch(currency, amount.currency, `${field}.${name}`);
    if (amount.isNegative()) throw new InvariantViolation(`${field}.${name}`, `must not be negative, got ${amount.amount}`);
  }
  return Object.freeze(amounts);
}

/**
 * Every arithmetic rule the totals break, empty when they add up:
 *  - totalPaid = items + shipping + tax - discount
 *  - items = sum of unitPrice x quantity over the lines
 *  - tax >= sum of line taxes (the order may add shipping tax)
 *  - discount >= sum of line discounts (the order may add order-level discounts)
 */
export function checkOrderAmounts(amounts: OrderAmounts, lines: readonly OrderLine[]): AmountDiscrepancy[] {
  const currency = amounts.totalPaid.currency;
  const discrepancies: AmountDiscrepancy[] = [];
  const report = (check: AmountDiscrepancy['check'], expected: Money, actual: Money, rule: string): void => {
    discrepancies.push({ check, expected, actual, difference: actual.subtract(expected), rule });
  };

  const expectedTotal = amounts.items.add(amounts.shipping).add(amounts.tax).subtract(amounts.discount);
  if (!expectedTotal.equals(amounts.totalPaid)) {
    report('totalPaid', expectedTotal, amounts.totalPaid, 'totalPaid = items + shipping + tax - discount');
  }
  const lineItems = Money.sum(
    currency,
    lines.map((line) => line.grossAmount),
  );
  if (!lineItems.equals(amounts.items)) {
    report('items', lineItems, amounts.items, 'items = sum of unitPrice x quantity');
  }
  const lineTax = Money.sum(
    currency,
    lines.map((line) => line.tax),
  );
  if (amounts.tax.lessThan(lineTax)) report('tax', lineTax, amounts.tax, 'tax >= sum of line taxes');
  const lineDiscount = Money.sum(
    currency,
    lines.map((line) => line.discount),
  );
  if (amounts.discount.lessThan(lineDiscount)) {
    report('discount', lineDiscount, amounts.discount, 'discount >= sum of line discounts');
  }
  return discrepancies;
}
