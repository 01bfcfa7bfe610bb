export { PROVIDER_KINDS } from './provider-kind';
export type { ProviderKind } from './provider-kind';
export type { BatchOutcome, ItemFailure } from './batch-outcome';
export type { ConnectionConfig, ConnectionTestResult } from './connection-config';
export type {
  CancellationSink,
  CatalogSink,
  InventorySink,
  InventorySource,
  OrderSink,
  OrderLookup,
  OrderSource,
  PriceChange,
  PriceSink,
  ProviderConnector,
  ReturnSource,
  ShipmentConfirmation,
  ShipmentSink,
  ShipmentSource,
  SourcedOrder,
  SourcedReturn,
  SourcedShipment,
  StockFigure,
  TimeWindow,
} from './capabilities';
export type {
  LedgerOrder,
  LedgerReturn,
  ListedPrice,
  ListedStock,
  OrderLedger,
  PriceLedger,
  ReturnLedger,
  StockLedger,
} from './capabilities';
export { CONNECTOR_FACTORIES } from './connector-factory';
export type { CallTraceSink, ConnectorFactory, ProviderCallRecord } from './connector-factory';
export { MAPPING_DEFAULTS, MAPPING_TABLES } from './mapping-defaults';
export type {
  CourierCodeValue,
  MappingDefaultEntry,
  MappingDefaults,
  MappingTableName,
  OrderStatusValue,
  SkuIdentifiers,
  SkuXrefValue,
} from './mapping-defaults';
export type { SkuSource, SourcedSkuRecord } from './capabilities';
export { UninterpretableCallback } from './capabilities';
export type { InterpretedCallback, ShipmentCallbackInterpreter } from './capabilities';
