import { DomainError, Instant, ProductSnapshot, Sku } from '@serai/domain';
import type {
  BatchOutcome,
  CatalogSink,
  ConnectionTestResult,
  InterpretedCallback,
  InventorySource,
  ItemFailure,
  ProviderConnector,
  ShipmentCallbackInterpreter,
  ShipmentSource,
  SourcedShipment,
  StockFigure,
  TimeWindow,
} from '@serai/engine/ports';
import { UninterpretableCallback } from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import { PILOT_ALREADY_REGISTERED, PILOT_STOCK_STATUSES, PILOT_STOCK_TYPES, stockCodeOf } from './codes';
import type { NomadPilotClient } from './nomad-pilot.client';
import {
  mapDeliveryOrderCallback,
  mapInventoryProduct,
  mapPilotPackage,
  MissingProductData,
  toFreightForwardProduct,
  toInventoryProductBody,
} from './nomad-pilot.mapper';
import type { NomadPilotSettings } from './nomad-pilot.settings';
import { InvalidDeliveryOrderCallback, parseDeliveryOrderCallback } from './operations/delivery-order-callback';

const DAY_MS = 86_400_000;

/**
 * Shipped packages. `created_range` is the only time filter and is named "created" though
 * described as "the time range of package update" (catalogue §7.6); a package shipped in the
 * window may have been created days before it. So the query reaches back `lookbackDays` before
 * the window and keeps the packages whose ship time falls inside it.
 */
export class NomadPilotShipmentSource implements ShipmentSource {
  constructor(
    private readonly client: NomadPilotClient,
    private readonly settings: NomadPilotSettings,
    private readonly lookbackDays = 14,
  ) {}

  async *pullShipments(window: TimeWindow): AsyncGenerator<readonly SourcedShipment[]> {
    const query = { from: window.from.plusMillis(-this.lookbackDays * DAY_MS), to: window.to };
    for await (const packages of this.client.queryFreightForward('SHIPPED', query)) {
      const shipments = packages
        .map((pkg) => mapPilotPackage(pkg, this.settings.carrier))
        .filter(
          (shipment) =>
            shipment.shippedAt === undefined || (!shipment.shippedAt.isBefore(window.from) && !shipment.shippedAt.isAfter(window.to)),
        );
      if (shipments.length > 0) yield shipments;
    }
  }
}

/**
 * Delivery-order callbacks (`POST /callback/{store}`), as the receiver stored them: the body is read
 * whatever the declared format (the document sends JSON under an XML content type, A9) and mapped
 * to one shipment per reported package. A body that cannot be read or mapped is refused for good.
 */
export class NomadPilotCallbackInterpreter implements ShipmentCallbackInterpreter {
  interpretCallback(body: string): InterpretedCallback {
    try {
      const callback = parseDeliveryOrderCallback(body);
      return {
        externalOrderNumber: callback.deliveryOrder.deliveryOrderCode,
        sourceStatus: callback.deliveryOrder.status,
        shipments: mapDeliveryOrderCallback(callback),
      };
    } catch (error) {
      if (error instanceof InvalidDeliveryOrderCallback) throw new UninterpretableCallback(error.message, 'INVALID_BODY');
      if (error instanceof ProviderError && !error.retryable) throw new UninterpretableCallback(error.message, error.code ?? error.kind);
      if (error instanceof DomainError) throw new UninterpretableCallback(error.message, 'INVALID_FIELD');
      throw error;
    }
  }
}

/** Sellable stock at the 3PL (by default GOOD / NORMAL), one figure per product (and shop). */
export class NomadPilotInventorySource implements InventorySource {
  constructor(
    private readonly client: NomadPilotClient,
    private readonly settings: NomadPilotSettings,
    private readonly now: () => Instant,
  ) {}

  async *pullInventory(): AsyncGenerator<readonly StockFigure[]> {
    const { stockStatus, stockType, shopNo, carrier } = this.settings;
    for await (const products of this.client.queryInventoryProducts({
      stock_status: stockStatus,
      stock_type: stockType,
      shop_no: shopNo,
    })) {
      const asOf = this.now();
      // A 3PL that ignores the filter still answers each row's own status and type.
      const sellable = products.filter(
        (p) =>
          (p.stockStatus === undefined || p.stockStatus === '' || stockCodeOf(PILOT_STOCK_STATUSES, p.stockStatus) === stockStatus) &&
          (p.stockType === undefined || p.stockType === '' || stockCodeOf(PILOT_STOCK_TYPES, p.stockType) === stockType),
      );
      yield sellable.map((product) => mapInventoryProduct(product, carrier, asOf));
    }
  }
}

function failureOf(sku: string, error: unknown): ItemFailure<string> {
  if (error instanceof MissingProductData) return { key: sku, code: 'MISSING_FIELD', message: error.message, retryable: false };
  if (error instanceof ProviderError)
    return { key: sku, code: error.code ?? error.kind, message: error.message, retryable: error.retryable };
  throw error;
}

/**
 * Publishes each SKU to the 3PL inventory (register, or update when already registered) and to the
 * freight-forward customs catalogue (PUT, an upsert), one call per SKU and target as documented.
 */
export class NomadPilotCatalogSink implements CatalogSink {
  constructor(
    private readonly client: NomadPilotClient,
    private readonly settings: NomadPilotSettings,
  ) {}

  async publishProduct(product: ProductSnapshot): Promise<BatchOutcome<string>> {
    const succeeded: string[] = [];
    const failed: ItemFailure<string>[] = [];
    let calls = 0;
    for (const sku of product.skus) {
      try {
        if (this.settings.catalogTargets.includes('inventory')) calls += await this.publishInventoryProduct(product, sku);
        if (this.settings.catalogTargets.includes('freight-forward')) {
          const body = toFreightForwardProduct(product, sku);
          calls += 1;
          await this.client.updateFreightForwardProduct(body);
        }
        succeeded.push(sku.sku);
      } catch (error) {
        failed.push(failureOf(sku.sku, error));
      }
    }
    return { succeeded, failed, calls };
  }

  /** Register first; "already registered" means the product is known there, so it is updated instead. */
  private async publishInventoryProduct(product: ProductSnapshot, sku: Sku): Promise<number> {
    const body = toInventoryProductBody(product, sku, { pattern: this.settings.pattern });
    try {
      await this.client.registerInventoryProduct(body);
      return 1;
    } catch (error) {
      if (!(error instanceof ProviderError) || error.httpStatus !== 400 || !PILOT_ALREADY_REGISTERED.test(error.message)) throw error;
      // The warehouse numbers its products: an update must not carry a number of ours.
      const { warehouseGoodsNo: _ours, ...update } = body;
      await this.client.updateInventoryProduct(update);
      return 2;
    }
  }
}

/** Lists the carriers and checks ours is among them: authenticated, cheap, and proves the carrier id. */
export async function testNomadPilotConnection(client: NomadPilotClient, carrier: string): Promise<ConnectionTestResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const carriers = await client.queryCarriers();
    const known = carriers.some((c) => c.carrier === carrier);
    return {
      ok: known,
      message: known ? `carrier ${carrier} is available` : `carrier ${carrier} is not among the ${carriers.length} carriers listed`,
      latencyMs: latency(),
    };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ok: false, providerCode: error.code, message: error.message, latencyMs: latency() };
  }
}

export class NomadPilotConnector implements ProviderConnector {
  readonly shipmentSource: NomadPilotShipmentSource;
  readonly inventorySource: NomadPilotInventorySource;
  readonly catalogSink: NomadPilotCatalogSink;
  readonly shipmentCallbackInterpreter = new NomadPilotCallbackInterpreter();

  constructor(
    readonly client: NomadPilotClient,
    private readonly settings: NomadPilotSettings,
    now: () => Instant = Instant.now,
  ) {
    this.shipmentSource = new NomadPilotShipmentSource(client, settings);
    this.inventorySource = new NomadPilotInventorySource(client, settings, now);
    this.catalogSink = new NomadPilotCatalogSink(client, settings);
  }

  testConnection(): Promise<ConnectionTestResult> {
    return testNomadPilotConnection(this.client, this.settings.carrier);
  }
}
