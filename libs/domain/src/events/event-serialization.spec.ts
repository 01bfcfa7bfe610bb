import fc from 'fast-check';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { InventoryLevel } from '../inventory/inventory-level';
import { Money } from '../money/money';
import { Order } from '../order/order';
import { fullShipment, nengmaoOrderInput, orderIn, partialShipment, T0 } from '../order/order.fixtures';
import { Price } from '../price/price';
import { Product } from '../product/product';
import { Return } from '../returns/return';
import { Shipment } from '../shipment/shipment';
import type { DomainEvent } from './domain-event';
import { DOMAIN_EVENT_TYPES } from './event-schemas';
import { deserializeEvent, parseDomainEvent, serializeEvent } from './event-serialization';

const ORDER_ID = '0b8f7e9a-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

/** One real event of every type, produced by the aggregates themselves. */
function eventsOfEveryType(): DomainEvent[] {
  const events: DomainEvent[] = [];

  const received = Order.receive(nengmaoOrderInput(), T0);
  received.hold('address check', T0);
  received.release(T0);
  received.acknowledge(T0);
  received.markForwarded(T0);
  received.noteOrderSystemStatus(
    { connectionName: 'envoy-demo', sourceStatus: 'TRADE_CLOSED', closedThere: true, sourceUpdatedAt: T0 },
    T0,
  );
  received.recordShipment(partialShipment(received), T0);
  received.recordShipment(fullShipment(received), T0);
  received.markDelivered(T0);
  events.push(...received.pullEvents());

  const cancelled = orderIn('received');
  cancelled.requestCancellation('buyer asked', T0);
  cancelled.refuseCancellation(T0);
  cancelled.requestCancellation('asked again', T0);
  cancelled.confirmCancellation(T0);
  events.push(...cancelled.pullEvents());

  const level = InventoryLevel.create({ sku: 'SMK123', locationId: 'WH', onHand: 5, available: 5, reserved: 0, asOf: T0 });
  level.reserve(2, T0);
  events.push(...level.pullEvents());

  const product = Product.create({
    id: 'GOODS-1',
    titles: { en: 'Dry Shampoo' },
    skus: [{ sku: 'SMK123', titles: { en: 'Dry Shampoo' }, prices: { sale: Money.of('89', 'CNY') } }],
  });
  product.publish(T0);
  product.setSkuEnabled('SMK123', false, T0);
  events.push(...product.pullEvents());

  const change = Price.of({ sku: 'SMK123', kind: 'sale', amount: Money.of('89', 'CNY'), asOf: T0 }).changeTo(
    Money.of('79.5', 'CNY'),
    T0.plusMillis(1),
  );
  if (change.event !== undefined) events.push(change.event);

  const shipment = Shipment.record(
    {
      id: '5b0c2f1e-1111-4a3b-9c1d-000000000001',
      orderId: ORDER_ID,
      carrierCode: 'sf',
      trackingNumber: 'SF1',
      lines: [{ sku: 'SMK123', quantity: 1 }],
      status: 'pending',
    },
    T0,
  );
  events.push(...shipment.pullEvents());

  const returned = Return.receive(
    {
      id: '7d1e3f5a-0000-4b2c-8d9e-000000000001',
      returnNumber: 'R1',
      orderId: ORDER_ID,
      lines: [{ sku: 'SMK123', quantity: 1, refund: Money.of('79.50', 'CNY') }],
      requestedAt: T0,
    },
    T0,
  );
  returned.approve(T0);
  events.push(...returned.pullEvents());

  return events;
}

describe('domain event serialisation', () => {
  const events = eventsOfEveryType();

  it('has a sample of every event type', () => {
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
    expect(DOMAIN_EVENT_TYPES).toHaveLength(19);
  });

  it.each(events.map((event) => [event.type, event] as const))('round-trips %s', (_type, event) => {
    const text = serializeEvent(event);
    expect(deserializeEvent(text)).toEqual(event);
    expect(serializeEvent(deserializeEvent(text))).toBe(text);
  });

  it('writes money as text with its currency and times as UTC ISO strings', () => {
    const price = events.find((event) => event.type === 'PriceChanged');
    expect(JSON.parse(serializeEvent(price as DomainEvent))).toEqual(
      expect.objectContaining({
        occurredAt: '2020-03-26T13:33:33.001Z',
        payload: expect.objectContaining({ amount: { amount: '79.50', currency: 'CNY' }, previous: { amount: '89.00', currency: 'CNY' } }),
      }),
    );
  });

  it('accepts an already-parsed value such as a jsonb column', () => {
    const event = events[0];
    expect(parseDomainEvent(JSON.parse(serializeEvent(event)))).toEqual(event);
  });

  it('tolerates fields added by a newer writer', () => {
    const text = serializeEvent(events[0]).replace('"payload":{', '"payload":{"addedLater":1,');
    expect(() => deserializeEvent(text)).not.toThrow();
  });

  const valid = JSON.parse(serializeEvent(events.find((event) => event.type === 'OrderShipped') as DomainEvent)) as Record<string, unknown>;
  const payload = valid.payload as Record<string, unknown>;

  it.each([
    ['not JSON', '{', 'event'],
    ['not an object', '[]', 'event'],
    ['an unknown type', JSON.stringify({ ...valid, type: 'OrderExploded' }), 'event.type'],
    ['the wrong aggregate type', JSON.stringify({ ...valid, aggregateType: 'Return' }), 'event.aggregateType'],
    ['a time without zone', JSON.stringify({ ...valid, occurredAt: '2020-03-26 21:33:33' }), 'event.occurredAt'],
    [
      'a missing payload field',
      JSON.stringify({ ...valid, payload: { ...payload, trackingNumber: undefined } }),
      'event.payload.trackingNumber',
    ],
    ['an unknown status', JSON.stringify({ ...valid, payload: { ...payload, to: 'lost' } }), 'event.payload.to'],
    [
      'a fractional quantity',
      JSON.stringify({ ...valid, payload: { ...payload, lines: [{ lineId: 'L1', quantity: 0.5 }] } }),
      'event.payload.lines[0].quantity',
    ],
  ])('refuses %s', (_case, text, field) => {
    expect(() => deserializeEvent(text)).toThrow(expect.objectContaining({ field }));
    expect(() => deserializeEvent(text)).toThrow(InvariantViolation);
  });

  it('refuses money written as a float', () => {
    const price = JSON.parse(serializeEvent(events.find((event) => event.type === 'PriceChanged') as DomainEvent)) as {
      payload: Record<string, unknown>;
    };
    const text = JSON.stringify({ ...price, payload: { ...price.payload, amount: { amount: 79.5, currency: 'CNY' } } });
    expect(() => deserializeEvent(text)).toThrow(expect.objectContaining({ field: 'event.payload.amount' }));
  });

  it('round-trips price events for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 4_102_444_800_000 }), (minor, millis) => {
        const at = T0.plusMillis(millis - T0.epochMillis);
        const event = Price.of({ sku: 'S', kind: 'promotion', amount: Money.fromMinor(minor, 'USD'), asOf: at }).changedEvent(null);
        expect(deserializeEvent(serializeEvent(event))).toEqual(event);
      }),
    );
  });
});
