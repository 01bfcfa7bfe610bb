import type { ReturnReceived, ReturnStatusChanged } from '../events/domain-event';
import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { IllegalTransition } from '../errors/illegal-transition.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { createParty, Party } from '../party/party';
import { Instant } from '../time/instant';
import { optionalText, requireOneOf, requirePositiveInteger, requireText, requireUuid } from '../validation/field-guards';
import { isReturnTransitionAllowed, RETURN_STATUSES, ReturnStatus } from './return-status';

export interface ReturnLine {
  readonly sku: string;
  readonly quantity: number;
  /** Refund for the whole line (Nengmao `goodsAmount`). */
  readonly refund: Money;
}

/** The buyer's parcel back to the brand. */
export interface ReturnParcel {
  readonly carrierCode: string;
  readonly trackingNumber: string;
}

export interface ReceiveReturnInput {
  /** UUID chosen by the caller. */
  readonly id: string;
  /** The marketplace's return number (Nengmao `returnSn`). */
  readonly returnNumber: string;
  /**
   * The canonical order it returns goods of; absent when the hub does not know that order (a
   * return is kept even so, with the marketplace's order number, to be matched later).
   */
  readonly orderId?: string;
  readonly lines: readonly ReturnLine[];
  /** Defaults to 'requested'; marketplaces may hand over returns already approved. */
  readonly status?: ReturnStatus;
  readonly reason?: string;
  readonly returnee?: Party;
  readonly parcel?: ReturnParcel;
  /** Postage refunded to the buyer on top of the goods (Nengmao `returnShippingFee`). */
  readonly shippingRefund?: Money;
  readonly requestedAt: Instant;
}

export interface ReturnSnapshot extends ReceiveReturnInput {
  readonly status: ReturnStatus;
  readonly statusChangedAt: Instant;
}

/**
 * A return of goods from one order. Its status moves along RETURN_TRANSITIONS only; the refund
 * total is derived from the lines so it cannot disagree with them.
 */
export class Return {
  private events: (ReturnReceived | ReturnStatusChanged)[] = [];

  private constructor(
    readonly id: string,
    readonly returnNumber: string,
    readonly orderId: string | undefined,
    readonly currency: string,
    readonly lines: readonly ReturnLine[],
    readonly reason: string | undefined,
    readonly returnee: Party | undefined,
    readonly parcel: ReturnParcel | undefined,
    readonly shippingRefund: Money,
    readonly requestedAt: Instant,
    private statusValue: ReturnStatus,
    private statusChangedAtValue: Instant,
  ) {}

  /** A return taken in from the marketplace; records ReturnReceived (the hub received it, not the goods). */
  static receive(input: ReceiveReturnInput, at: Instant = Instant.now()): Return {
    const created = Return.build(input, input.status ?? 'requested', at);
    created.events.push({
      type: 'ReturnReceived',
      aggregateType: 'Return',
      aggregateId: created.id,
      occurredAt: at.toISOString(),
      payload: {
        returnNumber: created.returnNumber,
        orderId: created.orderId ?? null,
        status: created.status,
        refundTotal: created.refundTotal.toJSON(),
        lines: created.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, refund: line.refund.toJSON() })),
      },
    });
    return created;
  }

  static restore(snapshot: ReturnSnapshot): Return {
    return Return.build(snapshot, snapshot.status, snapshot.statusChangedAt);
  }

  private static build(input: ReceiveReturnInput, status: ReturnStatus, statusChangedAt: Instant): Return {
    if (input.lines.length === 0) throw new InvariantViolation('lines', 'a return needs at least one line');
    const currency = input.lines[0].refund.currency;
    const lines = input.lines.map((line, index): ReturnLine => {
      if (line.refund.currency !== currency) throw new CurrencyMismatch(currency, line.refund.currency, `lines[${index}].refund`);
      if (line.refund.isNegative()) throw new InvariantViolation(`lines[${index}].refund`, 'must not be negative');
      return Object.freeze({
        sku: requireText(line.sku, `lines[${index}].sku`),
        quantity: requirePositiveInteger(line.quantity, `lines[${index}].quantity`),
        refund: line.refund,
      });
    });
    const shippingRefund = input.shippingRefund ?? Money.zero(currency);
    if (shippingRefund.currency !== currency) throw new CurrencyMismatch(currency, shippingRefund.currency, 'shippingRefund');
    if (shippingRefund.isNegative()) throw new InvariantViolation('shippingRefund', 'must not be negative');
    return new Return(
      requireUuid(input.id, 'id'),
      requireText(input.returnNumber, 'returnNumber'),
      input.orderId === undefined ? undefined : requireUuid(input.orderId, 'orderId'),
      currency,
      Object.freeze(lines),
      optionalText(input.reason, 'reason'),
      input.returnee === undefined ? undefined : createParty(input.returnee, 'returnee'),
      input.parcel === undefined
        ? undefined
        : Object.freeze({
            carrierCode: requireText(input.parcel.carrierCode, 'parcel.carrierCode'),
            trackingNumber: requireText(input.parcel.trackingNumber, 'parcel.trackingNumber'),
          }),
      shippingRefund,
      input.requestedAt,
      requireOneOf(status, RETURN_STATUSES, 'status'),
      statusChangedAt,
    );
  }

  get status(): ReturnStatus {
    return this.statusValue;
  }

  get statusChangedAt(): Instant {
    return this.statusChangedAtValue;
  }

  /** Sum of the line refunds (goods only; `shippingRefund` is separate, as Nengmao reports it). */
  get refundTotal(): Money {
    return Money.sum(
      this.currency,
      this.lines.map((line) => line.refund),
    );
  }

  approve(at: Instant = Instant.now()): void {
    this.move('approved', null, at);
  }

  /** The returned goods arrived at the warehouse. */
  markReceived(at: Instant = Instant.now()): void {
    this.move('received', null, at);
  }

  markRefunded(at: Instant = Instant.now()): void {
    this.move('refunded', null, at);
  }

  reject(reason: string, at: Instant = Instant.now()): void {
    this.move('rejected', requireText(reason, 'reason'), at);
  }

  cancel(reason: string, at: Instant = Instant.now()): void {
    this.move('cancelled', requireText(reason, 'reason'), at);
  }

  pullEvents(): (ReturnReceived | ReturnStatusChanged)[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): ReturnSnapshot {
    return {
      id: this.id,
      returnNumber: this.returnNumber,
      ...(this.orderId === undefined ? {} : { orderId: this.orderId }),
      lines: this.lines,
      status: this.statusValue,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
      ...(this.returnee === undefined ? {} : { returnee: this.returnee }),
      ...(this.parcel === undefined ? {} : { parcel: this.parcel }),
      shippingRefund: this.shippingRefund,
      requestedAt: this.requestedAt,
      statusChangedAt: this.statusChangedAtValue,
    };
  }

  private move(to: ReturnStatus, reason: string | null, at: Instant): void {
    const from = this.statusValue;
    if (!isReturnTransitionAllowed(from, to)) throw new IllegalTransition('Return', from, to, `return ${this.returnNumber}`);
    this.statusValue = to;
    this.statusChangedAtValue = at;
    this.events.push({
      type: 'ReturnStatusChanged',
      aggregateType: 'Return',
      aggregateId: this.id,
      occurredAt: at.toISOString(),
      payload: { returnNumber: this.returnNumber, from, to, reason },
    });
  }
}
