import type { Money } from '@serai/domain';
import type { LedgerOrder, LedgerReturn, ListedPrice, ListedStock, SourcedShipment, StockFigure } from '@serai/engine/ports';

/**
 * What a run keeps of each thing a system said: only the fields the comparisons read (no names,
 * phones or addresses), amounts as exact decimal text so SQL compares them as numeric.
 */

export interface ObservedFacts {
  readonly entityKey: string;
  readonly facts: Record<string, unknown>;
}

const money = (amount: Money | undefined): string => (amount === undefined ? '0' : amount.amount);

/** The state systems can agree on: open, cancellation_requested, cancelled or shipped. */
export function ledgerOrderState(order: LedgerOrder): string {
  if (order.cancelled) return 'cancelled';
  if (order.cancellationRequested) return 'cancellation_requested';
  if (order.shipped) return 'shipped';
  return 'open';
}

export function orderFacts(order: LedgerOrder): ObservedFacts {
  const { amounts, lines, source, createdAt } = order.order;
  return {
    entityKey: source.externalOrderNumber,
    facts: {
      number: source.externalOrderNumber,
      placedAt: createdAt.toISOString(),
      state: ledgerOrderState(order),
      sourceStatus: order.sourceStatus,
      currency: amounts.totalPaid.currency,
      total: amounts.totalPaid.amount,
      items: amounts.items.amount,
      shipping: money(amounts.shipping),
      discount: money(amounts.discount),
      lines: lines.map((line) => ({
        sku: line.sku.sku,
        quantity: line.quantity,
        unitPrice: line.unitPrice.amount,
        discount: money(line.discount),
      })),
    },
  };
}

export function shipmentFacts(shipment: SourcedShipment): ObservedFacts {
  return {
    entityKey: shipment.packageId,
    facts: {
      orderNumber: shipment.externalOrderNumber,
      packageId: shipment.packageId,
      carrierCode: shipment.carrierCode,
      trackingNumber: shipment.trackingNumber,
      status: shipment.status,
      shippedAt: shipment.shippedAt?.toISOString() ?? null,
      lines: shipment.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    },
  };
}

/** Stock of a 3PL or warehouse: one row per SKU, locations summed by the writer. */
export function stockFigureFacts(figure: StockFigure): ObservedFacts {
  return { entityKey: figure.sku, facts: { sku: figure.sku, onHand: figure.onHand, available: figure.available } };
}

export function listedStockFacts(stock: ListedStock): ObservedFacts {
  return { entityKey: stock.sku, facts: { sku: stock.sku, quantity: stock.quantity } };
}

export function priceFacts(price: ListedPrice): ObservedFacts {
  return {
    entityKey: `${price.sku}:${price.kind}`,
    facts: { sku: price.sku, kind: price.kind, amount: price.amount.amount, currency: price.amount.currency },
  };
}

export function returnFacts(returned: LedgerReturn): ObservedFacts {
  const request = returned.returnRequest;
  const refund = request.lines.map((line) => line.refund);
  return {
    entityKey: request.returnNumber,
    facts: {
      returnNumber: request.returnNumber,
      orderNumber: returned.externalOrderNumber,
      status: request.status ?? 'requested',
      acknowledged: returned.acknowledged,
      requestedAt: request.requestedAt.toISOString(),
      currency: refund[0]?.currency ?? null,
      refund: refund.length === 0 ? '0' : refund.reduce((sum, amount) => sum.add(amount)).amount,
      lines: request.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    },
  };
}
