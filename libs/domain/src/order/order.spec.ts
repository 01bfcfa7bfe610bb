import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { IllegalTransition } from '../errors/illegal-transition.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { createParty } from '../party/party';
import { Order, OrderSnapshot } from './order';
import { cny, fullShipment, nengmaoOrderInput, ORDER_ID, orderIn, partialShipment, shipmentFor, T0 } from './order.fixtures';

const lineState = (order: Order): [string, number, number][] =>
  order.lines.map((line) => [line.lineId, line.shippedQuantity, line.remainingQuantity]);

describe('Order', () => {
  describe('intake', () => {
    it('receives an order and records OrderReceived', () => {
      const order = Order.receive(nengmaoOrderInput(), T0);
      expect(order.status).toBe('received');
      expect(order.currency).toBe('CNY');
      expect(order.pullEvents()).toEqual([
        {
          type: 'OrderReceived',
          aggregateType: 'Order',
          aggregateId: ORDER_ID,
          occurredAt: '2020-03-26T13:33:33.000Z',
          payload: {
            source: { connectionName: 'nengmao-brand', externalOrderNumber: '101080953050411111' },
            status: 'received',
            totalPaid: { amount: '3810.00', currency: 'CNY' },
            lines: [
              { lineId: 'L1', sku: '20-2-Q23-TP0001', quantity: 1 },
              { lineId: 'L2', sku: '21-1-008320-E00008', quantity: 2 },
            ],
          },
        },
      ]);
    });

    it('computes each line total as unit price x quantity - discount + tax', () => {
      const order = Order.receive(
        nengmaoOrderInput({
          lines: [{ lineId: 'L1', sku: { sku: 'A' }, quantity: 3, unitPrice: cny('10.005'), discount: cny('5'), tax: cny('2.50') }],
        }),
        T0,
      );
      expect(order.lines[0].grossAmount.amount).toBe('30.015');
      expect(order.lines[0].lineTotal.amount).toBe('27.515');
    });

    it('finds no discrepancy when the totals add up', () => {
      expect(Order.receive(nengmaoOrderInput(), T0).checkAmounts()).toEqual([]);
    });

    it('reports totals that do not add up instead of refusing the order', () => {
      // Nengmao computes orderAmount from tag prices less the discount: 4110 - 300 = 3810.
      const order = Order.receive(
        nengmaoOrderInput({
          lines: [
            { lineId: 'L1', sku: { sku: '20-2-Q23-TP0001' }, quantity: 1, unitPrice: cny('1940.00'), tax: cny('161.82') },
            { lineId: 'L2', sku: { sku: '21-1-008320-E00008' }, quantity: 1, unitPrice: cny('2170.00'), tax: cny('181.00') },
          ],
          amounts: { items: cny('4110.00'), discount: cny('300.00'), tax: cny('342.82'), totalPaid: cny('3810.00') },
        }),
        T0,
      );
      const discrepancies = order.checkAmounts();
      expect(discrepancies.map((d) => [d.check, d.expected.amount, d.actual.amount, d.difference.amount])).toEqual([
        ['totalPaid', '4152.82', '3810.00', '-342.82'],
      ]);
    });

    it('reports items, tax and discount that disagree with the lines', () => {
      const order = Order.receive(
        nengmaoOrderInput({
          lines: [{ lineId: 'L1', sku: { sku: 'A' }, quantity: 2, unitPrice: cny('10'), discount: cny('3'), tax: cny('1') }],
          amounts: { items: cny('25'), discount: cny('2'), tax: cny('0.5'), totalPaid: cny('23.5') },
        }),
        T0,
      );
      expect(order.checkAmounts().map((d) => [d.check, d.expected.amount, d.actual.amount])).toEqual([
        ['items', '20.00', '25.00'],
        ['tax', '1.00', '0.50'],
        ['discount', '3.00', '2.00'],
      ]);
    });

    it('refuses an order without lines', () => {
      expect(() => Order.receive(nengmaoOrderInput({ lines: [] }), T0)).toThrow(
        new InvariantViolation('lines', 'an order needs at least one line'),
      );
    });

    it.each([0, -1, 1.5])('refuses the line quantity %p', (quantity) => {
      const input = nengmaoOrderInput();
      const lines = [{ ...input.lines[0], quantity }, input.lines[1]];
      expect(() => Order.receive({ ...input, lines }, T0)).toThrow(expect.objectContaining({ field: 'lines[0].quantity' }));
    });

    it('refuses two lines with the same id', () => {
      const input = nengmaoOrderInput();
      const lines = [input.lines[0], { ...input.lines[1], lineId: 'L1' }];
      expect(() => Order.receive({ ...input, lines }, T0)).toThrow(expect.objectContaining({ field: 'lines[1].lineId' }));
    });

    it('refuses a second currency anywhere in the order', () => {
      const input = nengmaoOrderInput();
      const usdLine = { ...input.lines[1], unitPrice: Money.of('1', 'USD'), tax: Money.of('0', 'USD') };
      expect(() => Order.receive({ ...input, lines: [input.lines[0], usdLine] }, T0)).toThrow(CurrencyMismatch);
      expect(() => Order.receive({ ...input, amounts: { ...input.amounts, shipping: Money.of('0', 'USD') } }, T0)).toThrow(
        CurrencyMismatch,
      );
      const mixedLine = { ...input.lines[0], tax: Money.of('1', 'USD') };
      expect(() => Order.receive({ ...input, lines: [mixedLine] }, T0)).toThrow(CurrencyMismatch);
    });

    it.each(['items', 'shipping', 'discount', 'tax', 'totalPaid'] as const)('refuses a negative %s total', (name) => {
      const input = nengmaoOrderInput();
      expect(() => Order.receive({ ...input, amounts: { ...input.amounts, [name]: cny('-0.01') } }, T0)).toThrow(
        expect.objectContaining({ field: `amounts.${name}` }),
      );
    });

    it('refuses negative line prices and a discount larger than the line', () => {
      const input = nengmaoOrderInput();
      const negative = { ...input.lines[0], unitPrice: cny('-1') };
      expect(() => Order.receive({ ...input, lines: [negative] }, T0)).toThrow(expect.objectContaining({ field: 'lines[0].unitPrice' }));
      const overDiscounted = { ...input.lines[0], discount: cny('2000') };
      expect(() => Order.receive({ ...input, lines: [overDiscounted] }, T0)).toThrow(
        expect.objectContaining({ field: 'lines[0].discount' }),
      );
    });

    it('refuses an id that is not a UUID and an empty source', () => {
      expect(() => Order.receive(nengmaoOrderInput({ id: '101080953050411111' }), T0)).toThrow(expect.objectContaining({ field: 'id' }));
      expect(() => Order.receive(nengmaoOrderInput({ source: { connectionName: 'nengmao', externalOrderNumber: ' ' } }), T0)).toThrow(
        expect.objectContaining({ field: 'source.externalOrderNumber' }),
      );
    });

    it('refuses a consignee without a name, even one built by hand', () => {
      expect(() => Order.receive(nengmaoOrderInput({ consignee: { name: '', address: {} } }), T0)).toThrow(
        expect.objectContaining({ field: 'consignee.name' }),
      );
    });

    it('accepts an order without buyer and payment', () => {
      const input = nengmaoOrderInput();
      const { buyer: _buyer, payment: _payment, ...rest } = input;
      const order = Order.receive(rest, T0);
      expect([order.buyer, order.payment]).toEqual([undefined, undefined]);
    });
  });

  describe('shipping', () => {
    it('tracks shipped quantities per line through partial and full shipments', () => {
      const order = orderIn('forwarded');
      order.recordShipment(partialShipment(order), T0);
      expect(order.status).toBe('partially_shipped');
      expect(lineState(order)).toEqual([
        ['L1', 0, 1],
        ['L2', 1, 1],
      ]);
      order.recordShipment(shipmentFor(order, [{ lineId: 'L2', quantity: 1 }]), T0);
      expect(order.status).toBe('partially_shipped');
      order.recordShipment(shipmentFor(order, [{ lineId: 'L1', quantity: 1 }]), T0);
      expect(order.status).toBe('shipped');
      expect(lineState(order)).toEqual([
        ['L1', 1, 0],
        ['L2', 2, 0],
      ]);
      expect(order.shipmentIds).toHaveLength(3);
    });

    it('says in the event which lines and quantities a shipment took', () => {
      const order = orderIn('forwarded');
      const shipment = shipmentFor(order, [
        { sku: '21-1-008320-E00008', quantity: 2 },
        { lineId: 'L1', quantity: 1 },
      ]);
      order.recordShipment(shipment, T0);
      expect(order.pullEvents()).toEqual([
        expect.objectContaining({
          type: 'OrderShipped',
          payload: {
            from: 'forwarded',
            to: 'shipped',
            shipmentId: shipment.id,
            carrierCode: 'sf',
            trackingNumber: shipment.trackingNumber,
            lines: [
              { lineId: 'L1', quantity: 1 },
              { lineId: 'L2', quantity: 2 },
            ],
          },
        }),
      ]);
    });

    it('spreads a SKU-only shipment over the lines holding that SKU, in order', () => {
      const input = nengmaoOrderInput();
      const lines = [
        { lineId: 'A', sku: { sku: 'X' }, quantity: 1, unitPrice: cny('1') },
        { lineId: 'B', sku: { sku: 'X' }, quantity: 2, unitPrice: cny('1') },
      ];
      const order = Order.receive({ ...input, lines, amounts: { items: cny('3'), totalPaid: cny('3') } }, T0);
      order.acknowledge(T0);
      order.markForwarded(T0);
      order.recordShipment(shipmentFor(order, [{ sku: 'X', quantity: 2 }]), T0);
      expect(lineState(order)).toEqual([
        ['A', 1, 0],
        ['B', 1, 1],
      ]);
    });

    it('refuses to ship more than was ordered and changes nothing', () => {
      const order = orderIn('forwarded');
      expect(() => order.recordShipment(shipmentFor(order, [{ lineId: 'L2', quantity: 3 }]), T0)).toThrow(
        expect.objectContaining({ field: 'shipment.lines[0].quantity' }),
      );
      expect(() => order.recordShipment(shipmentFor(order, [{ sku: '20-2-Q23-TP0001', quantity: 2 }]), T0)).toThrow(InvariantViolation);
      expect(order.status).toBe('forwarded');
      expect(lineState(order)).toEqual([
        ['L1', 0, 1],
        ['L2', 0, 2],
      ]);
      expect(order.shipmentIds).toEqual([]);
    });

    it('refuses lines the order does not have', () => {
      const order = orderIn('forwarded');
      expect(() => order.recordShipment(shipmentFor(order, [{ lineId: 'L9', quantity: 1 }]), T0)).toThrow(
        expect.objectContaining({ field: 'shipment.lines[0].lineId' }),
      );
      expect(() => order.recordShipment(shipmentFor(order, [{ sku: 'NOPE', quantity: 1 }]), T0)).toThrow(
        expect.objectContaining({ field: 'shipment.lines[0].sku' }),
      );
      expect(() => order.recordShipment(shipmentFor(order, [{ lineId: 'L1', sku: '21-1-008320-E00008', quantity: 1 }]), T0)).toThrow(
        expect.objectContaining({ field: 'shipment.lines[0].sku' }),
      );
    });

    it('refuses to ship a cancelled order', () => {
      const order = orderIn('cancelled');
      expect(() => order.recordShipment(fullShipment(order), T0)).toThrow(IllegalTransition);
      expect(() => order.recordShipment(fullShipment(order), T0)).toThrow(
        expect.objectContaining({ entity: 'Order', from: 'cancelled', to: 'shipped' }),
      );
    });

    it('refuses a shipment of another order, the same shipment twice, and a parcel still pending', () => {
      const order = orderIn('forwarded');
      const other = orderIn('forwarded');
      const foreign = shipmentFor(Order.restore({ ...other.toSnapshot(), id: '0b8f7e9a-4c5d-4e6f-8a9b-000000000000' }), [
        { lineId: 'L1', quantity: 1 },
      ]);
      expect(() => order.recordShipment(foreign, T0)).toThrow(expect.objectContaining({ field: 'shipment.orderId' }));
      const once = partialShipment(order);
      order.recordShipment(once, T0);
      expect(() => order.recordShipment(once, T0)).toThrow(expect.objectContaining({ field: 'shipment.id' }));
      expect(() => order.recordShipment(shipmentFor(order, [{ lineId: 'L1', quantity: 1 }], 'pending'), T0)).toThrow(
        expect.objectContaining({ field: 'shipment.status' }),
      );
    });

    it('delivers a shipped order', () => {
      const order = orderIn('shipped');
      order.markDelivered(T0);
      expect(order.status).toBe('delivered');
    });
  });

  describe('cancellation', () => {
    it('keeps the request and its outcome', () => {
      const order = orderIn('forwarded');
      order.requestCancellation('buyer asked', T0);
      expect(order.cancellation).toEqual({
        reason: 'buyer asked',
        initiatedBy: 'marketplace',
        requestedAt: T0,
        interrupted: 'forwarded',
        outcome: 'pending',
      });
      order.confirmCancellation(T0.plusMillis(1));
      expect(order.cancellation?.outcome).toBe('confirmed');
      expect(order.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        ['OrderCancellationRequested', { from: 'forwarded', to: 'cancellation_requested', reason: 'buyer asked' }],
        ['OrderCancelled', { from: 'cancellation_requested', to: 'cancelled', reason: 'buyer asked', initiatedBy: 'marketplace' }],
      ]);
    });

    it('resumes a refused order where the request interrupted it', () => {
      const order = orderIn('cancellation_refused<received>');
      expect(() => order.markForwarded(T0)).toThrow(IllegalTransition);
      order.acknowledge(T0);
      order.markForwarded(T0);
      expect(order.status).toBe('forwarded');
    });

    it('ships a refused order that was forwarded, but does not forward it again', () => {
      const order = orderIn('cancellation_refused<forwarded>');
      expect(() => order.markForwarded(T0)).toThrow(expect.objectContaining({ from: 'cancellation_refused', to: 'forwarded' }));
      order.recordShipment(fullShipment(order), T0);
      expect(order.status).toBe('shipped');
    });

    it('records which status a refusal resumes', () => {
      const order = orderIn('partially_shipped');
      order.requestCancellation('too slow', T0);
      order.refuseCancellation(T0);
      expect(order.pullEvents().at(-1)?.payload).toEqual({
        from: 'cancellation_requested',
        to: 'cancellation_refused',
        resumes: 'partially_shipped',
      });
    });

    it('accepts a new request after a refusal', () => {
      const order = orderIn('cancellation_refused<acknowledged>');
      order.requestCancellation('asked again', T0);
      expect(order.cancellation?.interrupted).toBe('acknowledged');
      order.confirmCancellation(T0);
      expect(order.status).toBe('cancelled');
    });

    it('keeps shipped quantities when a partially shipped order is cancelled', () => {
      const order = orderIn('partially_shipped');
      order.requestCancellation('rest not wanted', T0);
      order.confirmCancellation(T0);
      expect(lineState(order)).toEqual([
        ['L1', 0, 1],
        ['L2', 1, 1],
      ]);
    });

    it('lets the brand cancel before shipping, saying so in the event', () => {
      const order = orderIn('acknowledged');
      order.cancelByBrand('out of stock', T0);
      expect(order.status).toBe('cancelled');
      expect(order.cancellation).toEqual(expect.objectContaining({ initiatedBy: 'brand', outcome: 'confirmed' }));
      expect(order.pullEvents()[0].payload).toEqual({
        from: 'acknowledged',
        to: 'cancelled',
        reason: 'out of stock',
        initiatedBy: 'brand',
      });
    });

    it('refuses a brand cancellation once something has shipped', () => {
      expect(() => orderIn('partially_shipped').cancelByBrand('out of stock', T0)).toThrow(IllegalTransition);
    });

    it('refuses an empty cancellation reason', () => {
      expect(() => orderIn('received').requestCancellation(' ', T0)).toThrow(expect.objectContaining({ field: 'reason' }));
    });
  });

  describe('order system status', () => {
    it('records what the order system reports without moving the status', () => {
      const order = orderIn('forwarded');
      order.noteOrderSystemStatus(
        { connectionName: 'envoy-demo', sourceStatus: 'TRADE_CLOSED', closedThere: true, sourceUpdatedAt: T0 },
        T0,
      );
      order.noteOrderSystemStatus({ connectionName: 'envoy-demo', sourceStatus: 'TRADE_REFUND', closedThere: false }, T0);
      expect(order.status).toBe('forwarded');
      expect(order.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        [
          'OrderSystemStatusReported',
          {
            connectionName: 'envoy-demo',
            sourceStatus: 'TRADE_CLOSED',
            closedThere: true,
            sourceUpdatedAt: T0.toISOString(),
            status: 'forwarded',
          },
        ],
        [
          'OrderSystemStatusReported',
          { connectionName: 'envoy-demo', sourceStatus: 'TRADE_REFUND', closedThere: false, sourceUpdatedAt: null, status: 'forwarded' },
        ],
      ]);
    });

    it('refuses a blank status', () => {
      expect(() =>
        orderIn('forwarded').noteOrderSystemStatus({ connectionName: 'envoy-demo', sourceStatus: ' ', closedThere: false }),
      ).toThrow(InvariantViolation);
    });
  });

  describe('hold', () => {
    it('refuses to forward a held order until it is released', () => {
      const order = orderIn('acknowledged');
      order.hold('address check', T0);
      expect(order.isHeld).toBe(true);
      expect(() => order.markForwarded(T0)).toThrow(IllegalTransition);
      expect(order.status).toBe('acknowledged');
      order.release(T0);
      order.markForwarded(T0);
      expect(order.status).toBe('forwarded');
      expect(order.pullEvents().map((event) => [event.type, event.payload])).toEqual([
        ['OrderHeld', { status: 'acknowledged', reason: 'address check' }],
        ['OrderReleased', { status: 'acknowledged', heldFor: 'address check' }],
        ['OrderForwarded', { from: 'acknowledged', to: 'forwarded' }],
      ]);
    });

    it('still lets a held order be acknowledged and cancelled', () => {
      const order = orderIn('received');
      order.hold('fraud check', T0);
      order.acknowledge(T0);
      order.cancelByBrand('fraud', T0);
      expect(order.status).toBe('cancelled');
    });

    it('refuses to hold twice, to release an order that is not held, and to hold a finished order', () => {
      const order = orderIn('received');
      order.hold('a', T0);
      expect(() => order.hold('b', T0)).toThrow(IllegalTransition);
      expect(order.currentHold).toEqual({ reason: 'a', since: T0 });
      order.release(T0);
      expect(() => order.release(T0)).toThrow(IllegalTransition);
      expect(() => orderIn('cancelled').hold('late', T0)).toThrow(IllegalTransition);
      expect(() => orderIn('delivered').hold('late', T0)).toThrow(IllegalTransition);
    });
  });

  describe('events', () => {
    it('returns events oldest first and forgets them once pulled', () => {
      const order = Order.receive(nengmaoOrderInput(), T0);
      order.acknowledge(T0.plusMillis(1));
      const events = order.pullEvents();
      expect(events.map((event) => [event.type, event.occurredAt])).toEqual([
        ['OrderReceived', '2020-03-26T13:33:33.000Z'],
        ['OrderAcknowledged', '2020-03-26T13:33:33.001Z'],
      ]);
      expect(order.pullEvents()).toEqual([]);
    });

    it('records no event for a refused transition', () => {
      const order = orderIn('delivered');
      expect(() => order.acknowledge(T0)).toThrow(IllegalTransition);
      expect(order.pullEvents()).toEqual([]);
    });
  });

  describe('snapshot', () => {
    it('restores every state from its snapshot without recording events', () => {
      for (const state of ['received', 'partially_shipped', 'cancellation_refused<forwarded>', 'cancelled', 'delivered'] as const) {
        const order = orderIn(state);
        if (state !== 'cancelled' && state !== 'delivered') order.hold('check', T0);
        const restored = Order.restore(order.toSnapshot());
        expect(restored.toSnapshot()).toEqual(order.toSnapshot());
        expect(restored.pullEvents()).toEqual([]);
      }
    });

    it('restores a refused order so it still resumes the interrupted status', () => {
      const restored = Order.restore(orderIn('cancellation_refused<forwarded>').toSnapshot());
      expect(() => restored.markForwarded(T0)).toThrow(IllegalTransition);
      restored.recordShipment(fullShipment(restored), T0);
      expect(restored.status).toBe('shipped');
    });

    it('refuses a snapshot whose status contradicts its shipped quantities', () => {
      const snapshot = orderIn('forwarded').toSnapshot();
      expect(() => Order.restore({ ...snapshot, status: 'shipped' })).toThrow(expect.objectContaining({ field: 'lines' }));
      const shipped = orderIn('shipped').toSnapshot();
      expect(() => Order.restore({ ...shipped, status: 'forwarded' })).toThrow(expect.objectContaining({ field: 'lines' }));
    });

    it('refuses a snapshot whose status contradicts its cancellation', () => {
      const snapshot: OrderSnapshot = orderIn('forwarded').toSnapshot();
      expect(() => Order.restore({ ...snapshot, status: 'cancellation_requested' })).toThrow(
        expect.objectContaining({ field: 'cancellation' }),
      );
      expect(() => Order.restore({ ...snapshot, status: 'unknown' as 'received' })).toThrow(expect.objectContaining({ field: 'status' }));
    });

    it('keeps parties as given, PII included, for the store to protect', () => {
      const consignee = createParty({ name: '胡轩', idNumber: '110101199003071234' });
      expect(Order.receive(nengmaoOrderInput({ consignee }), T0).consignee).toEqual(consignee);
    });
  });
});
