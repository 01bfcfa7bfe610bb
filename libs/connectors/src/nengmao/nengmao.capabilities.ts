import { Instant, Money, ProductSnapshot } from '@serai/domain';
import type {
  BatchOutcome,
  CancellationSink,
  CatalogSink,
  ConnectionTestResult,
  InventorySink,
  ItemFailure,
  LedgerOrder,
  LedgerReturn,
  ListedPrice,
  ListedStock,
  OrderLedger,
  PriceLedger,
  ReturnLedger,
  StockLedger,
  OrderLookup,
  OrderSource,
  PriceChange,
  PriceSink,
  ProviderConnector,
  ReturnSource,
  ShipmentConfirmation,
  ShipmentSink,
  SourcedOrder,
  SourcedReturn,
  TimeWindow,
} from '@serai/engine/ports';
import { mergeOutcomes } from '../kernel/batch';
import { ProviderError } from '../kernel/provider-error';
import { NENGMAO_ORDER_STATUS, NENGMAO_RETRIEVAL, NENGMAO_RETURN_STATUS_APPROVED, NENGMAO_RETURN_STATUSES } from './codes';
import { toNengmaoGoods, toNengmaoPriceItem, toNengmaoStockItem } from './nengmao-catalog.mapper';
import type { NengmaoClient } from './nengmao.client';
import { mapNengmaoOrder, mapNengmaoReturn, toNengmaoCancelByBrand, toNengmaoCancelConfirm, toNengmaoShipOrder } from './nengmao.mapper';
import type { NengmaoSettings } from './nengmao.settings';
import type { OrderListFilter } from './operations/order-list';
import type { NengmaoOrder } from './wire/order-list';

/** What every capability shares: the client, the settings and a clock (tests fix it). */
export interface NengmaoCapabilityContext {
  readonly client: NengmaoClient;
  readonly settings: NengmaoSettings;
  readonly now: () => Instant;
}

/**
 * Orders in: new ones are `orderType=Y` in status 1 "awaiting delivery" (the provider's default);
 * brand windows are on create time, TMG's on modify time (the only window its §6.1 has). Pages
 * are walked by number: an order acknowledged meanwhile shifts the Y list, and whatever a page
 * skips stays Y and comes with the next poll.
 */
export class NengmaoOrderSource implements OrderSource {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  async *pullNewOrders(window: TimeWindow): AsyncIterable<readonly SourcedOrder[]> {
    const profile = this.context.settings.profile;
    const filter: OrderListFilter = {
      ...(profile.orderListHasCreateWindow
        ? { createdFrom: window.from, createdTo: window.to }
        : { modifiedFrom: window.from, modifiedTo: window.to }),
      status: NENGMAO_ORDER_STATUS.awaitingDelivery,
      orderType: NENGMAO_RETRIEVAL.fresh,
    };
    yield* this.pull(filter);
  }

  /**
   * Orders modified in the window, one query per status of the profile (orderStatus takes one
   * value) and per retrieval state: cancellation requests (4) come first, and an order asked to
   * be cancelled before Serai acknowledged it (still Y) is not missed.
   */
  async *pullChangedOrders(window: TimeWindow): AsyncIterable<readonly SourcedOrder[]> {
    for (const status of this.context.settings.profile.changedOrderStatuses)
      for (const orderType of [NENGMAO_RETRIEVAL.retrieved, NENGMAO_RETRIEVAL.fresh])
        yield* this.pull({ modifiedFrom: window.from, modifiedTo: window.to, status, orderType });
  }

  /**
   * One order again. `order/list` has no order-number filter (brand §7.1, TMG §6.1), so the list is
   * narrowed to the order's own creation second (brand) — or, where the list filters by modify time
   * only (TMG), from its last known modification to now — and read per status and retrieval state
   * (orderStatus takes one value), stopping at the order. Several calls, each one short page.
   */
  async pullOrder(lookup: OrderLookup): Promise<SourcedOrder | undefined> {
    const profile = this.context.settings.profile;
    const window: OrderListFilter = profile.orderListHasCreateWindow
      ? { createdFrom: lookup.createdAt.plusMillis(-1_000), createdTo: lookup.createdAt.plusMillis(1_000) }
      : { modifiedFrom: (lookup.updatedAt ?? lookup.createdAt).plusMillis(-1_000), modifiedTo: Instant.now() };
    const statuses = [...new Set([...profile.changedOrderStatuses, NENGMAO_ORDER_STATUS.created])];
    for (const status of statuses)
      for (const orderType of [NENGMAO_RETRIEVAL.retrieved, NENGMAO_RETRIEVAL.fresh])
        for await (const page of this.listPage({ ...window, status, orderType })) {
          const found = page.find((o) => o.order.source.externalOrderNumber === lookup.externalOrderNumber);
          if (found) return found;
        }
    return undefined;
  }

  acknowledgeOrders(externalOrderNumbers: readonly string[]): Promise<BatchOutcome<string>> {
    return this.context.client.orders.confirm(externalOrderNumbers);
  }

  private async *pull(filter: OrderListFilter): AsyncIterable<readonly SourcedOrder[]> {
    yield* this.listPage(filter);
  }

  /** The orders of one filter, page by page, mapped and oldest first within a page (also the ledger's read). */
  async *listPage(filter: OrderListFilter): AsyncIterable<readonly SourcedOrder[]> {
    for await (const page of this.context.client.orders.list(filter)) {
      const mapped = page.items.map((order) => this.map(order, filter.status));
      yield mapped.sort((a, b) => a.order.createdAt.compare(b.order.createdAt));
    }
  }

  private map(order: NengmaoOrder, queriedStatus: number | undefined): SourcedOrder {
    const { settings } = this.context;
    try {
      return mapNengmaoOrder(order, {
        connectionName: settings.connectionName,
        currency: settings.currency,
        saleAmountPer: settings.profile.saleAmountPer,
        ...(queriedStatus === undefined ? {} : { queriedStatus }),
      });
    } catch (error) {
      // A record the canonical model refuses (no consignee, negative amount ...) will not get
      // better by pulling it again: a dead letter, named by its order number.
      throw unmappable(settings.profile.provider, 'order/list', `order ${order.orderSn}`, error);
    }
  }
}

/** Brand §7.5 only (the TMG document has no ship operation). Confirming the same shipment twice is success (419). */
export class NengmaoShipmentSink implements ShipmentSink {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  async confirmShipment(shipment: ShipmentConfirmation): Promise<void> {
    const { order } = toNengmaoShipOrder(shipment, this.context.settings.courierCodes);
    throwFirstFailure(this.context.settings.profile.provider, 'order/ship', await this.context.client.orders.ship([order]));
  }
}

export class NengmaoCancellationSink implements CancellationSink {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  /**
   * Brand §7.4 cancelConfirm: 10 accepted, 20 refused. The TMG document has no such operation
   * (its §6.5 "Order Cancelled by Tmall" repeats cancelbybrand, and TMG orders have no status
   * "confirming cancellation"), so a TMG connection refuses the call.
   */
  async answerCancellation(externalOrderNumber: string, accepted: boolean, reason?: string): Promise<void> {
    const item = toNengmaoCancelConfirm(externalOrderNumber, accepted, reason);
    throwFirstFailure(
      this.context.settings.profile.provider,
      'order/cancelConfirm',
      await this.context.client.orders.confirmCancellation([item]),
    );
  }

  /** Brand §7.3 / TMG §6.2. `goodsList` is mandatory in both documents, so the lines must be given. */
  async cancelByBrand(
    externalOrderNumber: string,
    reasonCode: string,
    lines?: readonly { readonly sku: string; readonly quantity: number }[],
  ): Promise<void> {
    if (lines === undefined || lines.length === 0) {
      throw new ProviderError({
        provider: this.context.settings.profile.provider,
        operation: 'order/cancelbybrand',
        kind: 'provider',
        code: 'LINES_REQUIRED',
        message: `cancelbybrand needs the goods to cancel (goodsList is mandatory); none given for order ${externalOrderNumber}`,
        retryable: false,
      });
    }
    const item = toNengmaoCancelByBrand(externalOrderNumber, reasonCode, lines);
    throwFirstFailure(
      this.context.settings.profile.provider,
      'order/cancelbybrand',
      await this.context.client.orders.cancelByBrand([item]),
    );
  }
}

export class NengmaoInventorySink implements InventorySink {
  readonly maxBatchSize: number;

  constructor(private readonly context: NengmaoCapabilityContext) {
    this.maxBatchSize = context.settings.limits.stocksPerUpdate;
  }

  /** stocks/update `updateType` 0 (full: the new level) or 1 (incremental: `quantity` is a signed movement). */
  pushStock(
    levels: readonly { readonly sku: string; readonly quantity: number }[],
    mode: 'full' | 'incremental',
  ): Promise<BatchOutcome<string>> {
    return this.context.client.stocks.update(mode, levels.map(toNengmaoStockItem));
  }
}

export class NengmaoCatalogSink implements CatalogSink {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  async publishProduct(product: ProductSnapshot): Promise<BatchOutcome<string>> {
    return (await this.context.client.goods.upload([toNengmaoGoods(product)])).outcome;
  }
}

export class NengmaoPriceSink implements PriceSink {
  readonly maxBatchSize: number;

  constructor(private readonly context: NengmaoCapabilityContext) {
    this.maxBatchSize = context.settings.limits.pricesPerUpdate;
  }

  async pushPrices(prices: readonly PriceChange[]): Promise<BatchOutcome<string>> {
    const { settings, client } = this.context;
    const refused: ItemFailure<string>[] = [];
    const items = prices.flatMap((change) => {
      const mapped = toNengmaoPriceItem(change, settings.currency, settings.profile.priceHasIsDiscount);
      if (mapped.ok) return [mapped.item];
      refused.push({ key: change.sku, code: mapped.code, message: mapped.message, retryable: false });
      return [];
    });
    const sent = items.length === 0 ? { succeeded: [], failed: [], calls: 0 } : await client.prices.update(items);
    return mergeOutcomes([sent, { succeeded: [], failed: refused, calls: 0 }]);
  }
}

/**
 * Returns in: status 1 (brand "Approved", its default) not yet retrieved (`returnType=Y`); brand
 * windows on create time (mandatory there), TMG on modify time. Records carry no time, so a
 * return is dated when Serai reads it.
 */
export class NengmaoReturnSource implements ReturnSource {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  async *pullReturns(window: TimeWindow): AsyncIterable<readonly SourcedReturn[]> {
    const { client, settings } = this.context;
    const range =
      settings.profile.returnListWindow === 'create'
        ? { createdFrom: window.from, createdTo: window.to }
        : { modifiedFrom: window.from, modifiedTo: window.to };
    for await (const page of client.returns.list({
      ...range,
      status: NENGMAO_RETURN_STATUS_APPROVED,
      returnType: NENGMAO_RETRIEVAL.fresh,
    })) {
      const observedAt = this.context.now();
      yield page.items.map((record) => {
        try {
          return mapNengmaoReturn(record, {
            currency: settings.currency,
            queriedStatus: NENGMAO_RETURN_STATUS_APPROVED,
            observedAt,
            courierCodes: settings.courierCodes,
          });
        } catch (error) {
          throw unmappable(settings.profile.provider, 'return/list', `return ${record.returnSn}`, error);
        }
      });
    }
  }

  acknowledgeReturns(returnNumbers: readonly string[]): Promise<BatchOutcome<string>> {
    return this.context.client.returns.confirm(returnNumbers);
  }
}

/** The order statuses that mean the goods left the warehouse (brand §7.1: delivered, shipped whole, shipped in part). */
const SHIPPED_ORDER_STATUSES: ReadonlySet<number> = new Set([
  NENGMAO_ORDER_STATUS.delivered,
  NENGMAO_ORDER_STATUS.shippedWhole,
  NENGMAO_ORDER_STATUS.shippedPart,
]);

/**
 * Reconciliation's view of the marketplace's orders: one query per status and retrieval state
 * (orderStatus takes one value), so acknowledged, cancelled and shipped orders are all seen.
 * Brand windows are on create time, TMG's on modify time (its §6.1 has no other).
 */
export class NengmaoOrderLedger implements OrderLedger {
  constructor(
    private readonly context: NengmaoCapabilityContext,
    private readonly orders: NengmaoOrderSource,
  ) {}

  async *listOrders(window: TimeWindow): AsyncIterable<readonly LedgerOrder[]> {
    const profile = this.context.settings.profile;
    const range = profile.orderListHasCreateWindow
      ? { createdFrom: window.from, createdTo: window.to }
      : { modifiedFrom: window.from, modifiedTo: window.to };
    for (const status of profile.changedOrderStatuses)
      for (const orderType of [NENGMAO_RETRIEVAL.retrieved, NENGMAO_RETRIEVAL.fresh])
        for await (const page of this.orders.listPage({ ...range, status, orderType }))
          yield page.map((order) => ({ ...order, shipped: SHIPPED_ORDER_STATUSES.has(status) }));
  }
}

/** Brand §6.4 `stocks/list` by SKU list (≤100 a query, split by the client); TMG has no such operation. */
export class NengmaoStockLedger implements StockLedger {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  async *listStocks(skus: readonly string[]): AsyncIterable<readonly ListedStock[]> {
    if (skus.length === 0) return;
    for await (const page of this.context.client.stocks.list({ skus }))
      yield page.items.map((record) => ({ sku: record.sku, quantity: record.stocks }));
  }
}

/** Brand §6.6 `price/list`: the sale price per SKU (the only price the list answers). */
export class NengmaoPriceLedger implements PriceLedger {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  async *listPrices(skus: readonly string[]): AsyncIterable<readonly ListedPrice[]> {
    if (skus.length === 0) return;
    const currency = this.context.settings.currency;
    for await (const page of this.context.client.prices.list({ skus }))
      yield page.items.map((record) => ({ sku: record.sku, kind: 'sale' as const, amount: Money.of(record.price, currency) }));
  }
}

/** Every return of the window, one query per status and retrieval state; `returnType=N` ones are acknowledged. */
export class NengmaoReturnLedger implements ReturnLedger {
  constructor(private readonly context: NengmaoCapabilityContext) {}

  async *listReturns(window: TimeWindow): AsyncIterable<readonly LedgerReturn[]> {
    const { client, settings } = this.context;
    const range =
      settings.profile.returnListWindow === 'create'
        ? { createdFrom: window.from, createdTo: window.to }
        : { modifiedFrom: window.from, modifiedTo: window.to };
    for (const status of Object.keys(NENGMAO_RETURN_STATUSES).map(Number))
      for (const returnType of [NENGMAO_RETRIEVAL.retrieved, NENGMAO_RETRIEVAL.fresh])
        for await (const page of client.returns.list({ ...range, status, returnType })) {
          const observedAt = this.context.now();
          yield page.items.map((record) => {
            try {
              const mapped = mapNengmaoReturn(record, {
                currency: settings.currency,
                queriedStatus: status,
                observedAt,
                courierCodes: settings.courierCodes,
              });
              return { ...mapped, acknowledged: returnType === NENGMAO_RETRIEVAL.retrieved };
            } catch (error) {
              throw unmappable(settings.profile.provider, 'return/list', `return ${record.returnSn}`, error);
            }
          });
        }
  }
}

/** The connector of one Nengmao connection: the capabilities its document offers. */
export class NengmaoConnector implements ProviderConnector {
  readonly orderSource: OrderSource;
  readonly shipmentSink?: ShipmentSink;
  readonly cancellationSink: CancellationSink;
  readonly inventorySink: InventorySink;
  readonly catalogSink: CatalogSink;
  readonly priceSink: PriceSink;
  readonly returnSource: ReturnSource;
  readonly orderLedger: OrderLedger;
  readonly stockLedger?: StockLedger;
  readonly priceLedger?: PriceLedger;
  readonly returnLedger: ReturnLedger;

  constructor(private readonly context: NengmaoCapabilityContext) {
    const orderSource = new NengmaoOrderSource(context);
    this.orderSource = orderSource;
    this.orderLedger = new NengmaoOrderLedger(context, orderSource);
    if (context.client.supports('stocks/list')) this.stockLedger = new NengmaoStockLedger(context);
    if (context.client.supports('price/list')) this.priceLedger = new NengmaoPriceLedger(context);
    this.returnLedger = new NengmaoReturnLedger(context);
    if (context.client.supports('order/ship')) this.shipmentSink = new NengmaoShipmentSink(context);
    this.cancellationSink = new NengmaoCancellationSink(context);
    this.inventorySink = new NengmaoInventorySink(context);
    this.catalogSink = new NengmaoCatalogSink(context);
    this.priceSink = new NengmaoPriceSink(context);
    this.returnSource = new NengmaoReturnSource(context);
  }

  /** A cheap authenticated read: one already-retrieved order (orderType N changes nothing). */
  async testConnection(): Promise<ConnectionTestResult> {
    const started = performance.now();
    const latency = (): number => Math.round(performance.now() - started);
    try {
      const answer = await this.context.client.call(
        'order/list',
        { orderType: NENGMAO_RETRIEVAL.retrieved, pageNo: 1, pageSize: 1 },
        true,
        (env) => env,
      );
      return {
        ok: true,
        providerCode: String(answer.errorCode),
        message: answer.msg === '' ? 'connected' : answer.msg,
        latencyMs: latency(),
      };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ok: false, providerCode: error.code ?? error.kind, message: error.message, latencyMs: latency() };
    }
  }
}

/** A single-item write answered with a failure: the item's code, message and retryability, as a ProviderError. */
function throwFirstFailure(provider: string, operation: string, outcome: BatchOutcome<string>): void {
  const failure = outcome.failed[0];
  if (failure === undefined) return;
  throw new ProviderError({
    provider,
    operation,
    kind: 'provider',
    code: failure.code,
    message: failure.message,
    retryable: failure.retryable,
  });
}

function unmappable(provider: string, operation: string, what: string, error: unknown): ProviderError {
  return new ProviderError({
    provider,
    operation,
    kind: 'invalid_response',
    code: 'UNMAPPABLE',
    message: `${what} cannot be read into the canonical model: ${error instanceof Error ? error.message : String(error)}`,
    retryable: false,
  });
}
