import type { OrderEvent, OrderStatusChange } from '../events/domain-event';
import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { IllegalTransition } from '../errors/illegal-transition.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { createParty, Party } from '../party/party';
import type { Shipment } from '../shipment/shipment';
import { hasLeftWarehouse } from '../shipment/shipment-status';
import { Instant } from '../time/instant';
import { optionalText, requireOneOf, requireText, requireUuid } from '../validation/field-guards';
import { AmountDiscrepancy, checkOrderAmounts, createOrderAmounts, OrderAmounts, OrderAmountsInput } from './order-amounts';
import { OrderLine, OrderLineInput } from './order-line';
import {
  effectiveOrderStatus,
  isOrderTransitionAllowed,
  ORDER_STATUSES,
  OrderAction,
  OrderStatus,
  orderTransitionTargets,
  TERMINAL_ORDER_STATUSES,
} from './order-status';
import { allocateShipmentToLines } from './shipment-allocation';

/** Where the order came from: the connection that pulled it and that system's order number. */
export interface OrderSource {
  readonly connectionName: string;
  /** Nengmao `orderSn`, Envoy `clientOrderRef`. */
  readonly externalOrderNumber: string;
}

export interface Payment {
  /** As the source names it: "alipay", "wx", "EASIPAY". */
  readonly method: string;
  readonly paymentNumber?: string;
  readonly paidAt?: Instant;
}

export type CancellationInitiator = 'marketplace' | 'brand';

/** The latest cancellation of the order, kept after it is decided so the back office can show it. */
export interface OrderCancellation {
  readonly reason: string;
  readonly initiatedBy: CancellationInitiator;
  readonly requestedAt: Instant;
  /** The status the cancellation interrupted; a refused cancellation resumes it. */
  readonly interrupted: OrderStatus;
  readonly outcome: 'pending' | 'confirmed' | 'refused';
  readonly decidedAt?: Instant;
}

export interface OrderHold {
  readonly reason: string;
  readonly since: Instant;
}

export interface ReceiveOrderInput {
  /** UUID chosen by the caller, so the id exists before the first commit. */
  readonly id: string;
  readonly source: OrderSource;
  readonly lines: readonly OrderLineInput[];
  readonly amounts: OrderAmountsInput;
  readonly buyer?: Party;
  readonly consignee: Party;
  readonly payment?: Payment;
  /** When the buyer placed the order, per the source. */
  readonly createdAt: Instant;
  readonly paidAt?: Instant;
  /** The source's last-modified time, the cursor of incremental pulls. */
  readonly updatedAt?: Instant;
}

export interface OrderSnapshot extends ReceiveOrderInput {
  readonly status: OrderStatus;
  readonly statusChangedAt: Instant;
  readonly hold?: OrderHold;
  readonly cancellation?: OrderCancellation;
  readonly shipmentIds: readonly string[];
}

/**
 * The Order aggregate: one customer order in one currency, its lines, totals, parties, status
 * and shipped quantities. Every status change goes through a named method checked against the
 * one table in order-status.ts and records a domain event, collected with `pullEvents()` and
 * committed with the order (outbox). Methods take `at`, the instant of the change, so callers
 * with a clock (and tests) stay deterministic; it defaults to now.
 */
export class Order {
  private events: OrderEvent[] = [];

  private constructor(
    readonly id: string,
    readonly source: OrderSource,
    readonly currency: string,
    private lineList: readonly OrderLine[],
    readonly amounts: OrderAmounts,
    readonly buyer: Party | undefined,
    readonly consignee: Party,
    readonly payment: Payment | undefined,
    readonly createdAt: Instant,
    readonly paidAt: Instant | undefined,
    readonly updatedAt: Instant | undefined,
    private statusValue: OrderStatus,
    private statusChangedAtValue: Instant,
    private holdValue: OrderHold | undefined,
    private cancellationValue: OrderCancellation | undefined,
    private shipmentIdList: readonly string[],
  ) {}

  /** A new order taken in from a source; records OrderReceived. */
  static receive(input: ReceiveOrderInput, at: Instant = Instant.now()): Order {
    const order = Order.build(input, 'received', at, undefined, undefined, []);
    order.events.push({
      ...order.envelope(at),
      type: 'OrderReceived',
      payload: {
        source: order.source,
        status: order.status,
        totalPaid: order.amounts.totalPaid.toJSON(),
        lines: order.lines.map((line) => ({ lineId: line.lineId, sku: line.sku.sku, quantity: line.quantity })),
      },
    });
    return order;
  }

  /** Rebuilds a stored order, checking every invariant again; records no event. */
  static restore(snapshot: OrderSnapshot): Order {
    const status = requireOneOf(snapshot.status, ORDER_STATUSES, 'status');
    const order = Order.build(snapshot, status, snapshot.statusChangedAt, snapshot.hold, snapshot.cancellation, snapshot.shipmentIds);
    order.checkStatusMatchesState();
    return order;
  }

  private static build(
    input: ReceiveOrderInput,
    status: OrderStatus,
    statusChangedAt: Instant,
    hold: OrderHold | undefined,
    cancellation: OrderCancellation | undefined,
    shipmentIds: readonly string[],
  ): Order {
    const currency = input.amounts.totalPaid.currency;
    if (input.lines.length === 0) throw new InvariantViolation('lines', 'an order needs at least one line');
    const lines = input.lines.map((line, index) => OrderLine.create(line, `lines[${index}]`));
    lines.forEach((line, index) => {
      if (line.currency !== currency) throw new CurrencyMismatch(currency, line.currency, `lines[${index}]`);
      if (lines.findIndex((other) => other.lineId === line.lineId) !== index) {
        throw new InvariantViolation(`lines[${index}].lineId`, `duplicates line ${line.lineId}`);
      }
    });
    const payment: Payment | undefined =
      input.payment === undefined
        ? undefined
        : Object.freeze({
            method: requireText(input.payment.method, 'payment.method'),
            ...optionalField('paymentNumber', optionalText(input.payment.paymentNumber, 'payment.paymentNumber')),
            ...optionalField('paidAt', input.payment.paidAt),
          });
    return new Order(
      requireUuid(input.id, 'id'),
      Object.freeze({
        connectionName: requireText(input.source.connectionName, 'source.connectionName'),
        externalOrderNumber: requireText(input.source.externalOrderNumber, 'source.externalOrderNumber'),
      }),
      currency,
      Object.freeze(lines),
      createOrderAmounts(input.amounts, currency),
      input.buyer === undefined ? undefined : createParty(input.buyer, 'buyer'),
      createParty(input.consignee, 'consignee'),
      payment,
      input.createdAt,
      input.paidAt,
      input.updatedAt,
      status,
      statusChangedAt,
      hold === undefined ? undefined : Object.freeze({ reason: requireText(hold.reason, 'hold.reason'), since: hold.since }),
      cancellation === undefined ? undefined : restoreCancellation(cancellation),
      Object.freeze(shipmentIds.map((shipmentId, index) => requireUuid(shipmentId, `shipmentIds[${index}]`))),
    );
  }

  get status(): OrderStatus {
    return this.statusValue;
  }

  get statusChangedAt(): Instant {
    return this.statusChangedAtValue;
  }

  get lines(): readonly OrderLine[] {
    return this.lineList;
  }

  /** Why and since when the order is held; undefined when it is not. */
  get currentHold(): OrderHold | undefined {
    return this.holdValue;
  }

  get isHeld(): boolean {
    return this.holdValue !== undefined;
  }

  get cancellation(): OrderCancellation | undefined {
    return this.cancellationValue;
  }

  get shipmentIds(): readonly string[] {
    return this.shipmentIdList;
  }

  line(lineId: string): OrderLine | undefined {
    return this.lineList.find((line) => line.lineId === lineId);
  }

  /** Where the reported totals disagree with each other or with the lines; empty when consistent. */
  checkAmounts(): AmountDiscrepancy[] {
    return checkOrderAmounts(this.amounts, this.lineList);
  }

  /** Receipt confirmed to the source (Nengmao `status/confirmation`), after the order was stored. */
  acknowledge(at: Instant = Instant.now()): void {
    const change = this.move('acknowledge', 'acknowledged', at);
    this.events.push({ ...this.envelope(at), type: 'OrderAcknowledged', payload: change });
  }

  /** Created in the order system (Envoy). A held order is never forwarded. */
  markForwarded(at: Instant = Instant.now()): void {
    if (this.holdValue !== undefined) {
      throw new IllegalTransition('Order', this.statusValue, 'forwarded', `order ${this.id} is held: ${this.holdValue.reason}`);
    }
    const change = this.move('markForwarded', 'forwarded', at);
    this.events.push({ ...this.envelope(at), type: 'OrderForwarded', payload: change });
  }

  /**
   * Counts a parcel that has left the warehouse against the order lines. Covering everything
   * that remains makes the order `shipped`, less makes it `partially_shipped`.
   */
  recordShipment(shipment: Shipment, at: Instant = Instant.now()): void {
    if (shipment.orderId !== this.id) {
      throw new InvariantViolation('shipment.orderId', `shipment ${shipment.id} belongs to order ${shipment.orderId}, not ${this.id}`);
    }
    if (this.shipmentIdList.includes(shipment.id)) {
      throw new InvariantViolation('shipment.id', `shipment ${shipment.id} is already recorded on order ${this.id}`);
    }
    if (orderTransitionTargets('recordShipment', this.effectiveStatus()).length === 0) {
      const shipping = shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
      const open = this.lineList.reduce((sum, line) => sum + line.remainingQuantity, 0);
      this.refuse('recordShipment', shipping >= open ? 'shipped' : 'partially_shipped');
    }
    if (!hasLeftWarehouse(shipment.status)) {
      throw new InvariantViolation('shipment.status', `a ${shipment.status} shipment has not left the warehouse`);
    }
    const allocation = allocateShipmentToLines(this.lineList, shipment.lines);
    const change = this.move('recordShipment', allocation.complete ? 'shipped' : 'partially_shipped', at);
    this.lineList = Object.freeze([...allocation.lines]);
    this.shipmentIdList = Object.freeze([...this.shipmentIdList, shipment.id]);
    const payload = {
      ...change,
      shipmentId: shipment.id,
      carrierCode: shipment.carrierCode,
      trackingNumber: shipment.trackingNumber,
      lines: allocation.taken,
    };
    this.events.push(
      allocation.complete
        ? { ...this.envelope(at), type: 'OrderShipped', payload }
        : { ...this.envelope(at), type: 'OrderPartiallyShipped', payload },
    );
  }

  markDelivered(at: Instant = Instant.now()): void {
    const change = this.move('markDelivered', 'delivered', at);
    this.events.push({ ...this.envelope(at), type: 'OrderDelivered', payload: change });
  }

  /** The marketplace asks the brand to cancel; the brand answers with confirm or refuse. */
  requestCancellation(reason: string, at: Instant = Instant.now()): void {
    const why = requireText(reason, 'reason');
    const interrupted = this.effectiveStatus();
    const change = this.move('requestCancellation', 'cancellation_requested', at);
    this.cancellationValue = Object.freeze({ reason: why, initiatedBy: 'marketplace', requestedAt: at, interrupted, outcome: 'pending' });
    this.events.push({ ...this.envelope(at), type: 'OrderCancellationRequested', payload: { ...change, reason: why } });
  }

  confirmCancellation(at: Instant = Instant.now()): void {
    const request = this.pendingCancellation('cancelled');
    const change = this.move('confirmCancellation', 'cancelled', at);
    this.cancellationValue = Object.freeze({ ...request, outcome: 'confirmed', decidedAt: at });
    this.events.push({
      ...this.envelope(at),
      type: 'OrderCancelled',
      payload: { ...change, reason: request.reason, initiatedBy: 'marketplace' },
    });
  }

  /** The order goes on from where the request interrupted it (see order-status.ts). */
  refuseCancellation(at: Instant = Instant.now()): void {
    const request = this.pendingCancellation('cancellation_refused');
    const change = this.move('refuseCancellation', 'cancellation_refused', at);
    this.cancellationValue = Object.freeze({ ...request, outcome: 'refused', decidedAt: at });
    this.events.push({
      ...this.envelope(at),
      type: 'OrderCancellationRefused',
      payload: { ...change, resumes: request.interrupted },
    });
  }

  /** The brand cancels on its own (out of stock); not possible once anything has shipped. */
  cancelByBrand(reason: string, at: Instant = Instant.now()): void {
    const why = requireText(reason, 'reason');
    const interrupted = this.effectiveStatus();
    const change = this.move('cancelByBrand', 'cancelled', at);
    this.cancellationValue = Object.freeze({
      reason: why,
      initiatedBy: 'brand',
      requestedAt: at,
      interrupted,
      outcome: 'confirmed',
      decidedAt: at,
    });
    this.events.push({
      ...this.envelope(at),
      type: 'OrderCancelled',
      payload: { ...change, reason: why, initiatedBy: 'brand' },
    });
  }

  /** Stops forwarding until released (fraud check, address problem). Refused on a finished order. */
  hold(reason: string, at: Instant = Instant.now()): void {
    const why = requireText(reason, 'reason');
    if (this.holdValue !== undefined) throw new IllegalTransition('OrderHold', 'held', 'held', `order ${this.id} is already held`);
    if (TERMINAL_ORDER_STATUSES.includes(this.statusValue)) {
      throw new IllegalTransition('OrderHold', 'released', 'held', `order ${this.id} is ${this.statusValue}`);
    }
    this.holdValue = Object.freeze({ reason: why, since: at });
    this.events.push({ ...this.envelope(at), type: 'OrderHeld', payload: { status: this.statusValue, reason: why } });
  }

  release(at: Instant = Instant.now()): void {
    const held = this.holdValue;
    if (held === undefined) throw new IllegalTransition('OrderHold', 'released', 'released', `order ${this.id} is not held`);
    this.holdValue = undefined;
    this.events.push({ ...this.envelope(at), type: 'OrderReleased', payload: { status: this.statusValue, heldFor: held.reason } });
  }

  /**
   * Records what the order system (Envoy) reports for this order when it is not what the order is
   * here; the status does not move: the marketplace decides about the order (ADR 0019).
   */
  noteOrderSystemStatus(
    report: {
      readonly connectionName: string;
      readonly sourceStatus: string;
      readonly closedThere: boolean;
      readonly sourceUpdatedAt?: Instant;
    },
    at: Instant = Instant.now(),
  ): void {
    this.events.push({
      ...this.envelope(at),
      type: 'OrderSystemStatusReported',
      payload: {
        connectionName: requireText(report.connectionName, 'connectionName'),
        sourceStatus: requireText(report.sourceStatus, 'sourceStatus'),
        closedThere: report.closedThere,
        sourceUpdatedAt: report.sourceUpdatedAt?.toISOString() ?? null,
        status: this.statusValue,
      },
    });
  }

  /** The events recorded since the last call, oldest first; the aggregate forgets them. */
  pullEvents(): OrderEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): OrderSnapshot {
    return {
      id: this.id,
      source: this.source,
      lines: this.lineList.map((line) => line.toInput()),
      amounts: this.amounts,
      ...optionalField('buyer', this.buyer),
      consignee: this.consignee,
      ...optionalField('payment', this.payment),
      createdAt: this.createdAt,
      ...optionalField('paidAt', this.paidAt),
      ...optionalField('updatedAt', this.updatedAt),
      status: this.statusValue,
      statusChangedAt: this.statusChangedAtValue,
      ...optionalField('hold', this.holdValue),
      ...optionalField('cancellation', this.cancellationValue),
      shipmentIds: this.shipmentIdList,
    };
  }

  private effectiveStatus(): OrderStatus {
    return effectiveOrderStatus(this.statusValue, this.cancellationValue?.interrupted);
  }

  private move(action: OrderAction, to: OrderStatus, at: Instant): OrderStatusChange {
    if (!isOrderTransitionAllowed(action, this.effectiveStatus(), to)) this.refuse(action, to);
    const from = this.statusValue;
    this.statusValue = to;
    this.statusChangedAtValue = at;
    return { from, to };
  }

  private refuse(action: OrderAction, to: OrderStatus): never {
    const resumes = this.statusValue === 'cancellation_refused' ? ` (resuming ${this.effectiveStatus()})` : '';
    throw new IllegalTransition('Order', this.statusValue, to, `${action} on order ${this.id}${resumes}`);
  }

  private pendingCancellation(to: OrderStatus): OrderCancellation {
    const request = this.cancellationValue;
    if (this.statusValue !== 'cancellation_requested' || request === undefined || request.outcome !== 'pending') {
      this.refuse(to === 'cancelled' ? 'confirmCancellation' : 'refuseCancellation', to);
    }
    return request;
  }

  private envelope(at: Instant): { aggregateType: 'Order'; aggregateId: string; occurredAt: string } {
    return { aggregateType: 'Order', aggregateId: this.id, occurredAt: at.toISOString() };
  }

  /** Stored state must be one the transitions could have produced. */
  private checkStatusMatchesState(): void {
    const status = this.statusValue;
    const outcome = this.cancellationValue?.outcome;
    const expectedOutcome: Partial<Record<OrderStatus, OrderCancellation['outcome']>> = {
      cancellation_requested: 'pending',
      cancellation_refused: 'refused',
      cancelled: 'confirmed',
    };
    const required = expectedOutcome[status];
    if (required !== undefined && outcome !== required) {
      throw new InvariantViolation('cancellation', `a ${status} order needs a ${required} cancellation`);
    }
    const shipped = this.lineList.reduce((sum, line) => sum + line.shippedQuantity, 0);
    const complete = this.lineList.every((line) => line.remainingQuantity === 0);
    const shipping: Partial<Record<OrderStatus, boolean>> = {
      received: shipped === 0,
      acknowledged: shipped === 0,
      forwarded: shipped === 0,
      partially_shipped: shipped > 0 && !complete,
      shipped: complete,
      delivered: complete,
    };
    if (shipping[status] === false) {
      throw new InvariantViolation('lines', `shipped quantities do not fit a ${status} order`);
    }
  }
}

function restoreCancellation(cancellation: OrderCancellation): OrderCancellation {
  return Object.freeze({
    reason: requireText(cancellation.reason, 'cancellation.reason'),
    initiatedBy: requireOneOf(cancellation.initiatedBy, ['marketplace', 'brand'] as const, 'cancellation.initiatedBy'),
    requestedAt: cancellation.requestedAt,
    interrupted: requireOneOf(
      cancellation.interrupted,
      ['received', 'acknowledged', 'forwarded', 'partially_shipped'] as const,
      'cancellation.interrupted',
    ),
    outcome: requireOneOf(cancellation.outcome, ['pending', 'confirmed', 'refused'] as const, 'cancellation.outcome'),
    ...optionalField('decidedAt', cancellation.decidedAt),
  });
}

/** `{ key: value }` when the value is present, `{}` otherwise, so snapshots carry no undefined keys. */
function optionalField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
