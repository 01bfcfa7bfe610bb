import type { Instant, Money, OrderSnapshot, ProductSnapshot, ReceiveOrderInput, ReceiveReturnInput, ShipmentStatus } from '@serai/domain';
import type { BatchOutcome } from './batch-outcome';
import type { ConnectionTestResult } from './connection-config';
import type { SkuIdentifiers } from './mapping-defaults';

/**
 * Capabilities the engine needs from providers, declared by the engine (the consumer) and
 * implemented by connectors. The engine never knows which provider is behind one.
 */

export interface TimeWindow {
  readonly from: Instant;
  readonly to: Instant;
}

/** An order as a source system holds it, mapped to canonical terms; the engine assigns the id. */
export interface SourcedOrder {
  readonly order: Omit<ReceiveOrderInput, 'id'>;
  /** The source's own status code or name, kept for display and reconciliation. */
  readonly sourceStatus: string;
  /**
   * The key of `sourceStatus` in the `order-statuses` mapping table (`nengmao:4`,
   * `nomad-envoy:TRADE_REFUND`); the engine reads its meaning there, over the two flags below.
   */
  readonly statusKey?: string;
  /** The source asks for the order to be cancelled (Nengmao status 4), per the connector's own table. */
  readonly cancellationRequested: boolean;
  readonly cancelled: boolean;
  /** The source's own id of the order when it is not the external number (Envoy `orderId`). */
  readonly externalId?: string;
  readonly raw: unknown;
}

/** What identifies one order to its source, for reading it again (resync). */
export interface OrderLookup {
  readonly externalOrderNumber: string;
  /** The source's own id, when Serai bound one (Envoy `orderId`). */
  readonly externalId?: string;
  /** When the buyer placed it, per the source (lists without a number filter are narrowed by it). */
  readonly createdAt: Instant;
  /** The source's last known modification. */
  readonly updatedAt?: Instant;
}

export interface OrderSource {
  /** Orders not yet acknowledged (Nengmao orderType=Y), oldest first, page by page. */
  pullNewOrders(window: TimeWindow): AsyncIterable<readonly SourcedOrder[]>;
  /** Orders changed in the window (cancellation requests, status changes). */
  pullChangedOrders(window: TimeWindow): AsyncIterable<readonly SourcedOrder[]>;
  /**
   * The one order as the source holds it now, whatever its age (resync); undefined when the source
   * does not list it. Optional: a source without a way to find one order leaves it out.
   */
  pullOrder?(lookup: OrderLookup): Promise<SourcedOrder | undefined>;
  /** Tells the source these orders are stored (only ever after the commit). */
  acknowledgeOrders(externalOrderNumbers: readonly string[]): Promise<BatchOutcome<string>>;
}

export interface OrderSink {
  /**
   * Creates the order; an order that already exists there is success, with its id. `skuNumbers`:
   * the order system's own numbers of the order's SKUs (the engine's SKU cross-reference,
   * `envoySkuNumber`); a SKU not listed is sent under its canonical SKU.
   */
  createOrder(
    order: OrderSnapshot,
    idempotencyKey: string,
    skuNumbers?: ReadonlyMap<string, string>,
  ): Promise<{ readonly externalId: string; readonly alreadyExisted: boolean }>;
}

export interface ShipmentConfirmation {
  readonly externalOrderNumber: string;
  /** Canonical carrier code; the connector maps it to the provider's courier code. */
  readonly carrierCode: string;
  /**
   * The marketplace's courier code from the engine's `courier-codes` mapping table, when it has
   * one; the connector sends it as it is and falls back to its own table only without it.
   */
  readonly courierCode?: string;
  readonly trackingNumber: string;
  readonly shippedAt: Instant;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
}

export interface ShipmentSink {
  /** Confirms a shipment to the marketplace; confirming the same shipment again is success. */
  confirmShipment(shipment: ShipmentConfirmation): Promise<void>;
}

export interface CancellationSink {
  /** Answers the marketplace's cancellation request: accepted or refused. */
  answerCancellation(externalOrderNumber: string, accepted: boolean, reason?: string): Promise<void>;
  /** Brand-side cancellation (out of stock ...), whole order or some lines. */
  cancelByBrand(
    externalOrderNumber: string,
    reasonCode: string,
    lines?: readonly { readonly sku: string; readonly quantity: number }[],
  ): Promise<void>;
}

export interface StockFigure {
  /** The source's own identifier of the product (Pilot: its merchant goods number). */
  readonly sku: string;
  /**
   * Every identifier the source reports for the product; the engine translates them to the
   * canonical SKU through its `sku-xref` mapping table. Without them `sku` is taken as canonical.
   */
  readonly identifiers?: SkuIdentifiers;
  readonly location: string;
  readonly onHand: number;
  readonly available: number;
  readonly reserved: number;
  readonly asOf: Instant;
}

export interface InventorySource {
  /** Every stock figure the system holds, page by page. */
  pullInventory(): AsyncIterable<readonly StockFigure[]>;
}

export interface InventorySink {
  /** The largest number of SKUs one call accepts; the engine coalesces to it. */
  readonly maxBatchSize: number;
  /** Full replacement of the listed SKUs' available stock. */
  pushStock(
    levels: readonly { readonly sku: string; readonly quantity: number }[],
    mode: 'full' | 'incremental',
  ): Promise<BatchOutcome<string>>;
}

export interface CatalogSink {
  /** Creates or updates the product and its SKUs; answers the provider's ids per SKU. */
  publishProduct(product: ProductSnapshot): Promise<BatchOutcome<string>>;
  setSkuEnabled?(sku: string, enabled: boolean): Promise<void>;
}

export interface PriceChange {
  readonly sku: string;
  readonly kind: 'sale' | 'market' | 'promotion' | 'cost';
  readonly amount: Money;
}

export interface PriceSink {
  readonly maxBatchSize: number;
  pushPrices(prices: readonly PriceChange[]): Promise<BatchOutcome<string>>;
}

export interface SourcedReturn {
  readonly returnRequest: Omit<ReceiveReturnInput, 'id' | 'orderId'>;
  readonly externalOrderNumber: string;
  readonly sourceStatus: string;
  readonly raw: unknown;
}

export interface ReturnSource {
  pullReturns(window: TimeWindow): AsyncIterable<readonly SourcedReturn[]>;
  acknowledgeReturns(returnNumbers: readonly string[]): Promise<BatchOutcome<string>>;
}

/** A shipment as a logistics system reports it (freight-forward package, delivery-order callback). */
export interface SourcedShipment {
  /** The marketplace order number the logistics system knows the package by. */
  readonly externalOrderNumber: string;
  readonly packageId: string;
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly status: ShipmentStatus;
  readonly shippedAt?: Instant;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly partial: boolean;
  readonly raw: unknown;
}

export interface ShipmentSource {
  pullShipments(window: TimeWindow): AsyncIterable<readonly SourcedShipment[]>;
}

/** A logistics callback body the connector cannot read or map; processing it again will not help. */
export class UninterpretableCallback extends Error {
  constructor(
    message: string,
    /** The provider's own code for the problem (e.g. UNKNOWN_STATUS), when there is one. */
    readonly code: string = 'UNINTERPRETABLE',
  ) {
    super(message);
    this.name = 'UninterpretableCallback';
  }
}

/** What one callback reports, in canonical terms. */
export interface InterpretedCallback {
  /** The marketplace order number the callback concerns (Pilot `deliveryOrderCode`). */
  readonly externalOrderNumber: string;
  /** The provider's status word, kept for display (`DELIVERED`, `PARTDELIVERED` ...). */
  readonly sourceStatus: string;
  /** One per parcel the callback reports; a pre-shipment status may report a parcel without a waybill yet. */
  readonly shipments: readonly SourcedShipment[];
}

/**
 * Reads a logistics provider's callback (as the receiver stored it, raw) into canonical shipments.
 * Pure: no provider call. Throws {@link UninterpretableCallback} for a body it cannot map.
 */
export interface ShipmentCallbackInterpreter {
  interpretCallback(body: string, format: 'xml' | 'json'): InterpretedCallback;
}

/*
 * Read side, for reconciliation: what a system holds NOW. Reading never changes anything at the
 * provider (no acknowledgement, no cursor), so a reconciliation run can read as often as it likes.
 */

/** An order as a system lists it, with whether that system regards it as shipped. */
export interface LedgerOrder extends SourcedOrder {
  readonly shipped: boolean;
}

export interface OrderLedger {
  /**
   * Every order the system holds that was created in the window (or, where the provider only has a
   * modify window, modified in it), whatever its state or acknowledgement, page by page.
   */
  listOrders(window: TimeWindow): AsyncIterable<readonly LedgerOrder[]>;
}

export interface ListedStock {
  readonly sku: string;
  /** The quantity the system offers for sale. */
  readonly quantity: number;
}

export interface StockLedger {
  /** The stock the system shows for these SKUs (SKUs it does not know are absent from the answer). */
  listStocks(skus: readonly string[]): AsyncIterable<readonly ListedStock[]>;
}

export interface ListedPrice {
  readonly sku: string;
  readonly kind: PriceChange['kind'];
  readonly amount: Money;
}

export interface PriceLedger {
  /** The prices the system shows for these SKUs. */
  listPrices(skus: readonly string[]): AsyncIterable<readonly ListedPrice[]>;
}

/** A return as a system lists it, with whether Serai has already retrieved (acknowledged) it there. */
export interface LedgerReturn extends SourcedReturn {
  readonly acknowledged: boolean;
}

export interface ReturnLedger {
  /** Every return created (or modified, per provider) in the window, whatever its state. */
  listReturns(window: TimeWindow): AsyncIterable<readonly LedgerReturn[]>;
}

/** One SKU of a warehouse's SKU master, in canonical terms. */
export interface SourcedSkuRecord {
  /** The SKU code the warehouse holds it under (Serai registers SKUs there under the canonical SKU). */
  readonly sku: string;
  readonly title: string;
  readonly barcode?: string;
  readonly enabled: boolean;
}

export interface SkuSource {
  /** The whole SKU master, page by page. */
  pullSkus(): AsyncIterable<readonly SourcedSkuRecord[]>;
}

/** A built connector: the capabilities its provider offers, and a cheap authenticated check. */
export interface ProviderConnector {
  testConnection(): Promise<ConnectionTestResult>;
  readonly orderSource?: OrderSource;
  readonly orderSink?: OrderSink;
  readonly shipmentSink?: ShipmentSink;
  readonly cancellationSink?: CancellationSink;
  readonly inventorySource?: InventorySource;
  readonly inventorySink?: InventorySink;
  readonly catalogSink?: CatalogSink;
  readonly priceSink?: PriceSink;
  readonly returnSource?: ReturnSource;
  readonly shipmentSource?: ShipmentSource;
  readonly shipmentCallbackInterpreter?: ShipmentCallbackInterpreter;
  readonly orderLedger?: OrderLedger;
  readonly stockLedger?: StockLedger;
  readonly priceLedger?: PriceLedger;
  readonly returnLedger?: ReturnLedger;
  readonly skuSource?: SkuSource;
}
