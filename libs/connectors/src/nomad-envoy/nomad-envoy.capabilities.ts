import { DomainError, OrderSnapshot } from '@serai/domain';
import type {
  BatchOutcome,
  ConnectionTestResult,
  LedgerOrder,
  OrderLedger,
  OrderSink,
  OrderLookup,
  OrderSource,
  ProviderConnector,
  SourcedOrder,
  TimeWindow,
} from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import { ENVOY_PROVIDER, envoyStatusMeaning } from './codes';
import type { NomadEnvoyClient } from './nomad-envoy.client';
import { mapEnvoyOrder, toEnvoyOrder } from './nomad-envoy.mapper';
import type { NomadEnvoySettings } from './nomad-envoy.settings';
import type { EnvoyOrderFilter } from './operations/list-orders';
import type { EnvoyOrder } from './wire/order';

/** Creates orders in the Envoy store; a `clientOrderRef` the store already holds is success with its id. */
export class NomadEnvoyOrderSink implements OrderSink {
  constructor(
    private readonly client: NomadEnvoyClient,
    private readonly settings: NomadEnvoySettings,
  ) {}

  /**
   * Envoy has no idempotency header: the natural key is `clientOrderRef` (the marketplace order
   * number), and a second create of it returns the existing `orderId`. `idempotencyKey` is kept in
   * the signature for the engine and not sent.
   */
  async createOrder(
    order: OrderSnapshot,
    _idempotencyKey: string,
    skuNumbers?: ReadonlyMap<string, string>,
  ): Promise<{ readonly externalId: string; readonly alreadyExisted: boolean }> {
    const result = await this.client.createOrder(
      toEnvoyOrder(order, { platformName: this.settings.platformName, ...(skuNumbers === undefined ? {} : { skuNumbers }) }),
    );
    return { externalId: result.orderId, alreadyExisted: result.alreadyExisted };
  }
}

/**
 * Orders of the store by creation or update time. Envoy has no acknowledgement: pulling is
 * repeatable, the engine's cursor decides what is new, so `acknowledgeOrders` succeeds without a call.
 */
export class NomadEnvoyOrderSource implements OrderSource {
  constructor(
    private readonly client: NomadEnvoyClient,
    private readonly settings: NomadEnvoySettings,
  ) {}

  pullNewOrders(window: TimeWindow): AsyncIterable<readonly SourcedOrder[]> {
    return this.pull({ created: window });
  }

  pullChangedOrders(window: TimeWindow): AsyncIterable<readonly SourcedOrder[]> {
    return this.pull({ updated: window });
  }

  /** One order again: the list filters by the store's id or the client order ref (the marketplace number). */
  async pullOrder(lookup: OrderLookup): Promise<SourcedOrder | undefined> {
    const filter: EnvoyOrderFilter =
      lookup.externalId === undefined ? { clientOrderRef: lookup.externalOrderNumber } : { orderId: lookup.externalId };
    for await (const page of this.pull(filter)) {
      const found = page.find(
        (o) =>
          o.order.source.externalOrderNumber === lookup.externalOrderNumber ||
          (lookup.externalId !== undefined && o.externalId === lookup.externalId),
      );
      if (found) return found;
    }
    return undefined;
  }

  acknowledgeOrders(externalOrderNumbers: readonly string[]): Promise<BatchOutcome<string>> {
    return Promise.resolve({ succeeded: [...externalOrderNumbers], failed: [], calls: 0 });
  }

  private async *pull(filter: EnvoyOrderFilter): AsyncGenerator<readonly SourcedOrder[]> {
    for await (const orders of this.client.listOrders(filter)) yield orders.map((order) => this.map(order));
  }

  private map(order: EnvoyOrder): SourcedOrder {
    try {
      const sourced = mapEnvoyOrder(order, this.settings.connectionName);
      // The store's own id, bound to the canonical order when Serai forwarded it (ForwardOrderHandler).
      return order.orderId === undefined || order.orderId === '' ? sourced : { ...sourced, externalId: order.orderId };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // An order the domain refuses (negative amount, impossible date) fails the same way on every retry.
      throw new ProviderError({
        provider: ENVOY_PROVIDER,
        operation: 'map-order',
        kind: 'invalid_response',
        code: 'UNMAPPABLE_ORDER',
        message: `order ${order.clientOrderRef ?? order.orderId ?? '?'}: ${error.message}`,
        retryable: false,
      });
    }
  }
}

/**
 * Reconciliation's view of the store: every order whose `createdAt` is in the window. Serai creates
 * Envoy orders with the marketplace's creation time (toEnvoyOrder), so the window lines up with
 * the marketplace's create window whatever the forwarding delay.
 */
export class NomadEnvoyOrderLedger implements OrderLedger {
  constructor(private readonly source: NomadEnvoyOrderSource) {}

  async *listOrders(window: TimeWindow): AsyncIterable<readonly LedgerOrder[]> {
    for await (const orders of this.source.pullNewOrders(window))
      yield orders.map((order) => {
        const status = envoyStatusMeaning(order.sourceStatus)?.orderStatus;
        return { ...order, shipped: status === 'shipped' || status === 'delivered' };
      });
  }
}

/** The cheapest authenticated call Envoy has: one order of the store. */
export async function testNomadEnvoyConnection(client: NomadEnvoyClient): Promise<ConnectionTestResult> {
  const started = performance.now();
  try {
    await client.listOrdersPage({}, 1, 1);
    return { ok: true, message: 'order list answered', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ok: false, providerCode: error.code, message: error.message, latencyMs: Math.round(performance.now() - started) };
  }
}

export class NomadEnvoyConnector implements ProviderConnector {
  readonly orderSink: NomadEnvoyOrderSink;
  readonly orderSource: NomadEnvoyOrderSource;
  readonly orderLedger: NomadEnvoyOrderLedger;

  constructor(
    readonly client: NomadEnvoyClient,
    settings: NomadEnvoySettings,
  ) {
    this.orderSink = new NomadEnvoyOrderSink(client, settings);
    this.orderSource = new NomadEnvoyOrderSource(client, settings);
    this.orderLedger = new NomadEnvoyOrderLedger(this.orderSource);
  }

  testConnection(): Promise<ConnectionTestResult> {
    return testNomadEnvoyConnection(this.client);
  }
}
