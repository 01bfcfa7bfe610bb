import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createParty, Instant, Money, Order, Shipment } from '@serai/domain';
import { channelQuantity, channelQuantityOfAvailable, readChannelStockPolicy } from '@serai/engine';
import { InventoryRepository, OrderRepository, StaleOrder, TransactionRunner } from '@serai/persistence';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

const LOCATIONS = ['W1', 'W2'] as const;
const POLICY = readChannelStockPolicy('property-channel', { safetyStock: 1 });
const cny = (amount: string): Money => Money.of(amount, 'CNY');

type Command =
  | { kind: 'adjust'; sku: number; location: number; delta: number }
  | { kind: 'orders'; orders: { lines: { sku: number; quantity: number }[] }[]; replay: boolean }
  | { kind: 'ship'; order: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'read' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('adjust' as const),
    sku: fc.nat(1),
    location: fc.nat(1),
    delta: fc.integer({ min: -4, max: 6 }).filter((d) => d !== 0),
  }),
  fc.record({
    kind: fc.constant('orders' as const),
    orders: fc.array(
      fc.record({
        lines: fc.array(fc.record({ sku: fc.nat(1), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 2 }),
      }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    replay: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('ship' as const), order: fc.nat(20) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(20) }),
  fc.constant({ kind: 'read' as const }),
);

interface Reading {
  readonly sku: string;
  readonly offered: number;
  readonly fullPushOffered: number;
  readonly onHand: number;
  readonly reserved: number;
  readonly covered: number;
  readonly owed: number;
}

/**
 * Issue 8: "changes to one SKU are serialised, so concurrent adjustments and orders never oversell".
 * Orders arrive through the repository call the marketplace intake makes for a page (sometimes the
 * same page twice at once, as a replayed intake does), are shipped and cancelled through the
 * domain, stock is adjusted through the running API, and channel figures are read the way the
 * stock pushes read them — all at once, against the real PostgreSQL. Whatever interleaves: no
 * channel is offered stock that orders hold or are owed, the levels agree with the reservations,
 * every line holds its stock exactly once, and on hand moves only by audited events.
 */
describe('inventory: concurrent orders and adjustments never oversell (property, e2e: hub + PostgreSQL)', () => {
  let hub: HubUnderTest;
  let orders: OrderRepository;
  let tx: TransactionRunner;
  let inventory: InventoryRepository;

  beforeAll(async () => {
    // Many adjustments a second through one key: the rate limit is not what this test is about.
    hub = await startHubUnderTest({ API_RATE_LIMIT_PER_SECOND: '100000', API_RATE_LIMIT_BURST: '100000' });
    orders = hub.app.get(OrderRepository);
    tx = hub.app.get(TransactionRunner);
    inventory = hub.app.get(InventoryRepository);
  });
  afterAll(async () => {
    await hub.close();
  });

  const buildOrder = (lines: { sku: string; quantity: number }[], externalOrderNumber: string): Order => {
    const at = Instant.now();
    const items = lines.reduce((sum, l) => sum + l.quantity * 10, 0);
    return Order.receive(
      {
        id: randomUUID(),
        source: { connectionName: 'nengmao-demo', externalOrderNumber },
        lines: lines.map((l, i) => ({ lineId: `L${i + 1}`, sku: { sku: l.sku }, quantity: l.quantity, unitPrice: cny('10.00') })),
        amounts: { items: cny(`${items}.00`), shipping: cny('0'), discount: cny('0'), tax: cny('0'), totalPaid: cny(`${items}.00`) },
        consignee: createParty({
          name: '胡轩',
          mobile: '13912345678',
          address: { country: '中国', city: '深圳市', street: '梅林街道 1号' },
        }),
        createdAt: at,
        paidAt: at,
      },
      at,
    );
  };

  /** Changes a stored order through the domain, again on a concurrent change (as every writer does). */
  const changeOrder = async (id: string, change: (order: Order) => boolean): Promise<void> => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      try {
        await tx.run(async (m) => {
          const found = await orders.findById(m, id);
          if (!found || !change(found.order)) return;
          await orders.update(m, found.order, found.version);
        });
        return;
      } catch (error) {
        if (!(error instanceof StaleOrder)) throw error;
      }
    }
    throw new Error(`order ${id} kept changing under the test`);
  };

  /** The channel figures as both pushes compute them, with what orders hold, in one consistent snapshot. */
  const read = async (skus: readonly string[]): Promise<Reading[]> =>
    hub.db.dataSource.transaction('REPEATABLE READ', async (m) => {
      const totals = await inventory.totals(m, skus);
      const rows = (await m.query(
        `SELECT sku, coalesce(sum(covered), 0)::int AS covered, coalesce(sum(covered + backordered), 0)::int AS owed
           FROM inventory_reservation WHERE sku = ANY($1::text[]) GROUP BY sku`,
        [skus],
      )) as { sku: string; covered: number; owed: number }[];
      const full = await inventory.allAfter(m, skus[0]!.slice(0, -1), 100);
      return skus.map((sku) => {
        const total = totals.get(sku) ?? { onHand: 0, reserved: 0, inFlight: 0, backordered: 0 };
        const held = rows.find((r) => r.sku === sku);
        const fullFigure = full.find((f) => f.sku === sku);
        return {
          sku,
          offered: channelQuantity(total, POLICY),
          fullPushOffered: fullFigure === undefined ? 0 : channelQuantityOfAvailable(fullFigure.available, POLICY),
          onHand: total.onHand,
          reserved: total.reserved,
          covered: held?.covered ?? 0,
          owed: held?.owed ?? 0,
        };
      });
    });

  it('an order for more than is free is stored, holds what there is, is flagged backordered, and stock that arrives fills it first', async () => {
    const sku = `OV-${randomUUID().slice(0, 8)}-FLAG`;
    const adjust = async (quantity: number): Promise<number> =>
      (
        await hub.inject({
          method: 'POST',
          url: '/api/v1/inventory/adjustments',
          key: hub.adminKey,
          payload: { sku, location: 'W1', mode: 'delta', quantity, reason: 'goods in' },
        })
      ).statusCode;
    const stockOf = async (): Promise<Record<string, unknown>> =>
      (await hub.inject({ url: `/api/v1/inventory?sku=${sku}`, key: hub.adminKey })).json<{ items: Record<string, unknown>[] }>()
        .items[0] ?? {};
    const detail = async (id: string): Promise<{ backordered: boolean; lines: { stock: unknown }[] }> =>
      (await hub.inject({ url: `/api/v1/orders/${id}`, key: hub.adminKey })).json();

    expect(await adjust(3)).toBe(201);
    const order = buildOrder([{ sku, quantity: 5 }], `NM-${randomUUID().slice(0, 12)}`);
    await tx.run((m) => orders.insertMany(m, [{ order }]));

    expect(await detail(order.id)).toMatchObject({
      backordered: true,
      lines: [{ stock: { location: 'W1', reserved: 3, backordered: 2, consumed: 0 } }],
    });
    expect(await stockOf()).toMatchObject({ onHand: 3, inFlight: 3, backordered: 2, oversold: true, available: 0 });
    // Less than the order holds may not leave; an adjustment adding stock always may.
    expect(await adjust(-1)).toBe(422);
    expect(await adjust(4)).toBe(201);
    expect(await detail(order.id)).toMatchObject({ backordered: false, lines: [{ stock: { reserved: 5, backordered: 0 } }] });
    expect(await stockOf()).toMatchObject({ onHand: 7, inFlight: 5, backordered: 0, oversold: false, available: 2 });

    // Shipped through the API: the held units leave on hand.
    await changeOrder(order.id, (o) => {
      o.acknowledge();
      o.markForwarded();
      return true;
    });
    const shipped = await hub.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/shipments`,
      key: hub.adminKey,
      payload: { carrierCode: 'sf', trackingNumber: 'SF7000000001', lines: [{ lineId: 'L1', quantity: 2 }] },
    });
    expect(shipped.statusCode).toBe(201);
    expect(await detail(order.id)).toMatchObject({ lines: [{ stock: { reserved: 3, backordered: 0, consumed: 2 } }] });
    expect(await stockOf()).toMatchObject({ onHand: 5, inFlight: 3, available: 2 });
  });

  it('a brand cancellation through the API gives the held and owed stock back', async () => {
    const sku = `OV-${randomUUID().slice(0, 8)}-CANCEL`;
    expect(
      (
        await hub.inject({
          method: 'POST',
          url: '/api/v1/inventory/adjustments',
          key: hub.adminKey,
          payload: { sku, location: 'W2', mode: 'absolute', quantity: 2, reason: 'counted' },
        })
      ).statusCode,
    ).toBe(201);
    const order = buildOrder([{ sku, quantity: 3 }], `NM-${randomUUID().slice(0, 12)}`);
    await tx.run((m) => orders.insertMany(m, [{ order }]));
    const cancelled = await hub.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel`,
      key: hub.adminKey,
      payload: { reason: 'out_of_stock' },
    });
    expect(cancelled.statusCode).toBe(202);
    const stock = (await hub.inject({ url: `/api/v1/inventory?sku=${sku}`, key: hub.adminKey })).json<{
      items: Record<string, unknown>[];
    }>();
    expect(stock.items[0]).toMatchObject({ onHand: 2, inFlight: 0, backordered: 0, oversold: false, available: 2 });
    const detail = (await hub.inject({ url: `/api/v1/orders/${order.id}`, key: hub.adminKey })).json();
    expect(detail).toMatchObject({ status: 'cancelled', backordered: false, lines: [{ stock: { reserved: 0, backordered: 0 } }] });
  });

  it('exports the inventory view as CSV and JSON lines, oversold SKUs flagged, and refuses a bad cursor before streaming', async () => {
    const sku = `OV-${randomUUID().slice(0, 8)}-EXPORT`;
    const order = buildOrder([{ sku, quantity: 2 }], `NM-${randomUUID().slice(0, 12)}`);
    await tx.run((m) => orders.insertMany(m, [{ order }]));
    const csv = await hub.inject({ url: `/api/v1/inventory?sku=${sku}`, key: hub.adminKey, headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const [header, row] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe('sku,onHand,reserved,inFlight,backordered,oversold,available,locations,channels');
    expect(row).toBe(`${sku},0,0,0,2,true,0,unallocated=0,`);
    const lines = await hub.inject({ url: `/api/v1/inventory?sku=${sku}`, key: hub.adminKey, headers: { accept: 'application/x-ndjson' } });
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    ).toEqual([expect.objectContaining({ sku, backordered: 2, oversold: true, available: 0 })]);
    const bad = await hub.inject({ url: '/api/v1/inventory?cursor=a', key: hub.adminKey, headers: { accept: 'text/csv' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('cursor');
  });

  it('offers no channel what orders hold or are owed, keeps levels equal to reservations, and holds each line once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 24 }), async (commands) => {
        const run = randomUUID().slice(0, 8);
        const skus = [`OV-${run}-A`, `OV-${run}-B`];
        const stored: string[] = [];
        const readings: Reading[] = [];
        let accepted = 0;
        let refused = 0;
        // Some stock to start with, through the API.
        for (const sku of skus) {
          const res = await hub.inject({
            method: 'POST',
            url: '/api/v1/inventory/adjustments',
            key: hub.adminKey,
            payload: { sku, location: 'W1', mode: 'delta', quantity: 5, reason: 'opening count' },
          });
          expect(res.statusCode).toBe(201);
        }
        const adjusted = new Map<string, number>([
          [`${skus[0]}@W1`, 5],
          [`${skus[1]}@W1`, 5],
        ]);

        const perform = async (c: Command): Promise<void> => {
          if (c.kind === 'adjust') {
            const sku = skus[c.sku]!;
            const location = LOCATIONS[c.location]!;
            const res = await hub.inject({
              method: 'POST',
              url: '/api/v1/inventory/adjustments',
              key: hub.adminKey,
              payload: { sku, location, mode: 'delta', quantity: c.delta, reason: 'property test' },
            });
            if (res.statusCode === 201) {
              accepted += 1;
              adjusted.set(`${sku}@${location}`, (adjusted.get(`${sku}@${location}`) ?? 0) + c.delta);
            } else {
              // Refused only when it would leave less on hand than orders hold.
              expect(res.statusCode).toBe(422);
              refused += 1;
            }
          } else if (c.kind === 'orders') {
            const page = c.orders.map((o) => ({
              lines: o.lines.map((l) => ({ sku: skus[l.sku]!, quantity: l.quantity })),
              number: `NM-${randomUUID().slice(0, 12)}`,
            }));
            const store = async (): Promise<void> => {
              const built = page.map((p) => ({ order: buildOrder(p.lines, p.number) }));
              const ids = await tx.run((m) => orders.insertMany(m, built));
              stored.push(...ids);
            };
            // A replayed page: the intake reads it again while (or after) the first read stores it.
            await Promise.all(c.replay ? [store(), store()] : [store()]);
          } else if (c.kind === 'ship') {
            const id = stored[c.order % Math.max(1, stored.length)];
            if (id === undefined) return;
            await changeOrder(id, (order) => {
              if (order.status === 'received') order.acknowledge();
              if (order.status === 'acknowledged') order.markForwarded();
              if (order.status !== 'forwarded') return false;
              order.recordShipment(
                Shipment.record({
                  id: randomUUID(),
                  orderId: order.id,
                  carrierCode: 'sf',
                  trackingNumber: `SF${run}`,
                  lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
                }),
              );
              return true;
            });
          } else if (c.kind === 'cancel') {
            const id = stored[c.order % Math.max(1, stored.length)];
            if (id === undefined) return;
            await changeOrder(id, (order) => {
              if (!['received', 'acknowledged', 'forwarded'].includes(order.status)) return false;
              order.cancelByBrand('out_of_stock');
              return true;
            });
          } else {
            readings.push(...(await read(skus)));
          }
        };
        // Everything at once: the property is about interleavings.
        await Promise.all(commands.map((c) => perform(c)));
        readings.push(...(await read(skus)));

        for (const r of readings) {
          // What channels are offered, plus what orders hold and are owed, never exceeds what is on hand.
          expect(r.offered).toBeGreaterThanOrEqual(0);
          if (r.offered > 0) expect(r.offered + r.reserved + r.owed + POLICY.safetyStock).toBeLessThanOrEqual(r.onHand);
          expect(r.fullPushOffered).toBe(r.offered);
          // Stock orders hold was free when they took it.
          expect(r.reserved + r.covered).toBeLessThanOrEqual(r.onHand);
        }

        const db = hub.db.dataSource.manager;
        const levels = (await db.query(
          `SELECT l.sku, l.location, l.on_hand, l.reserved, l.in_flight, l.backordered,
                  coalesce((SELECT sum(r.covered) FROM inventory_reservation r WHERE r.sku = l.sku AND r.location = l.location), 0)::int AS covered,
                  coalesce((SELECT sum(r.backordered) FROM inventory_reservation r WHERE r.sku = l.sku AND r.location = l.location), 0)::int AS owed,
                  coalesce((SELECT sum((e.payload->'delta'->>'onHand')::int) FROM outbox_event e
                             WHERE e.event_type = 'InventoryChanged' AND e.aggregate_id = l.sku || '@' || l.location), 0)::int AS moved,
                  coalesce((SELECT sum((e.payload->'delta'->>'onHand')::int) FROM outbox_event e
                             WHERE e.event_type = 'InventoryChanged' AND e.payload->>'cause' = 'adjustment'
                               AND e.aggregate_id = l.sku || '@' || l.location), 0)::int AS adjusted
             FROM inventory_level l WHERE l.sku = ANY($1::text[])`,
          [skus],
        )) as {
          sku: string;
          location: string;
          on_hand: number;
          reserved: number;
          in_flight: number;
          backordered: number;
          covered: number;
          owed: number;
          moved: number;
          adjusted: number;
        }[];
        for (const l of levels) {
          expect({ level: `${l.sku}@${l.location}`, inFlight: l.in_flight, backordered: l.backordered }).toEqual({
            level: `${l.sku}@${l.location}`,
            inFlight: l.covered,
            backordered: l.owed,
          });
          expect(l.on_hand).toBeGreaterThanOrEqual(l.reserved + l.in_flight);
          // On hand moved only by recorded events: accepted adjustments and shipments of held stock.
          expect(l.on_hand).toBe(l.moved);
          expect(l.adjusted).toBe(adjusted.get(`${l.sku}@${l.location}`) ?? 0);
        }

        // Every stored line holds its stock exactly once, as its order's state says.
        const lines = (await db.query(
          `SELECT o.id, o.status, l.line_id, l.quantity, l.shipped_quantity, count(r.reference)::int AS rows,
                  coalesce(sum(r.covered), 0)::int AS covered, coalesce(sum(r.backordered), 0)::int AS owed,
                  coalesce(sum(r.consumed), 0)::int AS consumed
             FROM sales_order o JOIN sales_order_line l ON l.order_id = o.id
             LEFT JOIN inventory_reservation r ON r.reference = o.id || ':' || l.line_id
            WHERE o.id = ANY($1::uuid[])
            GROUP BY o.id, o.status, l.line_id, l.quantity, l.shipped_quantity`,
          [stored],
        )) as {
          id: string;
          status: string;
          quantity: number;
          shipped_quantity: number;
          rows: number;
          covered: number;
          owed: number;
          consumed: number;
        }[];
        expect(new Set(stored).size).toBe(stored.length);
        for (const line of lines) {
          expect(line.rows).toBe(1);
          expect(line.consumed).toBe(line.shipped_quantity);
          expect(line.covered + line.owed).toBe(line.status === 'cancelled' ? 0 : line.quantity - line.shipped_quantity);
        }
        expect(accepted + refused).toBe(commands.filter((c) => c.kind === 'adjust').length);
      }),
      { numRuns: 12 },
    );
  });
});
