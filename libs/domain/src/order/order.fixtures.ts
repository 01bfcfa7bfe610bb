// Builders shared by the order specs; not part of the public surface.
import { Money } from '../money/money';
import { createParty } from '../party/party';
import { Shipment, ShipmentLine } from '../shipment/shipment';
import { Instant } from '../time/instant';
import { Order, ReceiveOrderInput } from './order';
import { OrderStatus } from './order-status';

export const ORDER_ID = '0b8f7e9a-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
export const T0 = Instant.parse('2020-03-26T13:33:33Z');

export const cny = (amount: string): Money => Money.of(amount, 'CNY');

/** The Nengmao brand-API example order (§7.1): two SKUs, tax per line, 3810.00 paid. Line L2 is for 2 units. */
export function nengmaoOrderInput(overrides: Partial<ReceiveOrderInput> = {}): ReceiveOrderInput {
  return {
    id: ORDER_ID,
    source: { connectionName: 'nengmao-brand', externalOrderNumber: '101080953050411111' },
    lines: [
      { lineId: 'L1', sku: { sku: '20-2-Q23-TP0001' }, quantity: 1, unitPrice: cny('1636.57'), tax: cny('161.82') },
      { lineId: 'L2', sku: { sku: '21-1-008320-E00008' }, quantity: 2, unitPrice: cny('915.305'), tax: cny('181.00') },
    ],
    amounts: { items: cny('3467.18'), shipping: cny('0'), discount: cny('0'), tax: cny('342.82'), totalPaid: cny('3810.00') },
    buyer: createParty({ name: '可key' }),
    consignee: createParty({
      name: '胡轩',
      mobile: '135*******9',
      address: { country: '中国', province: '广东省', city: '深圳市', district: '福田区', street: '梅林街道 翰岭院111栋11B' },
    }),
    payment: { method: 'alipay', paymentNumber: '2020032622001132000011111222', paidAt: T0.plusMillis(5000) },
    createdAt: T0,
    paidAt: T0.plusMillis(5000),
    ...overrides,
  };
}

let shipmentCounter = 0;

export function shipmentFor(order: Order, lines: readonly ShipmentLine[], status: Shipment['status'] = 'shipped'): Shipment {
  shipmentCounter += 1;
  return Shipment.record(
    {
      id: `5b0c2f1e-0000-4a3b-9c1d-${String(shipmentCounter).padStart(12, '0')}`,
      orderId: order.id,
      carrierCode: 'sf',
      trackingNumber: `SF${shipmentCounter}`,
      lines,
      status,
    },
    T0,
  );
}

/** A shipment of everything still open, or of one unit of L1 when nothing is (to probe illegal moves). */
export function fullShipment(order: Order): Shipment {
  const open = order.lines.filter((line) => line.remainingQuantity > 0);
  const lines =
    open.length === 0 ? [{ lineId: 'L1', quantity: 1 }] : open.map((line) => ({ lineId: line.lineId, quantity: line.remainingQuantity }));
  return shipmentFor(order, lines);
}

/** One unit of L2, which leaves something open while L2 has two units to ship. */
export function partialShipment(order: Order): Shipment {
  return shipmentFor(order, [{ lineId: 'L2', quantity: 1 }]);
}

/** The states an order can be in, with cancellation_refused once per status it can resume. */
export type OrderState = OrderStatus | `cancellation_refused<${'received' | 'acknowledged' | 'forwarded' | 'partially_shipped'}>`;

export const ORDER_STATES: readonly OrderState[] = [
  'received',
  'acknowledged',
  'forwarded',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancellation_requested',
  'cancelled',
  'cancellation_refused<received>',
  'cancellation_refused<acknowledged>',
  'cancellation_refused<forwarded>',
  'cancellation_refused<partially_shipped>',
];

/** An order driven to `state` through legal transitions only; its events are already pulled. */
export function orderIn(state: OrderState): Order {
  const refused = /^cancellation_refused<(.+)>$/.exec(state);
  let order: Order;
  if (refused !== null) {
    order = orderIn(refused[1] as OrderState);
    order.requestCancellation('buyer changed their mind', T0);
    order.refuseCancellation(T0);
  } else {
    order = Order.receive(nengmaoOrderInput(), T0);
    const steps: Record<OrderStatus, (o: Order) => void> = {
      received: () => undefined,
      acknowledged: (o) => o.acknowledge(T0),
      forwarded: (o) => {
        o.acknowledge(T0);
        o.markForwarded(T0);
      },
      partially_shipped: (o) => {
        steps.forwarded(o);
        o.recordShipment(partialShipment(o), T0);
      },
      shipped: (o) => {
        steps.forwarded(o);
        o.recordShipment(fullShipment(o), T0);
      },
      delivered: (o) => {
        steps.shipped(o);
        o.markDelivered(T0);
      },
      cancellation_requested: (o) => {
        steps.forwarded(o);
        o.requestCancellation('buyer changed their mind', T0);
      },
      cancelled: (o) => {
        steps.cancellation_requested(o);
        o.confirmCancellation(T0);
      },
      cancellation_refused: (o) => {
        steps.cancellation_requested(o);
        o.refuseCancellation(T0);
      },
    };
    steps[state as OrderStatus](order);
  }
  order.pullEvents();
  return order;
}

/** The status whose edges apply in a state. */
export function effectiveStatusOf(state: OrderState): OrderStatus {
  const refused = /^cancellation_refused<(.+)>$/.exec(state);
  return (refused === null ? state : refused[1]) as OrderStatus;
}
