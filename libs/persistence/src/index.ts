export { buildDataSourceOptions } from './data-source-options';
export type { DatabaseSettings } from './data-source-options';
export { runMigrations } from './run-migrations';
export { TransactionRunner } from './transaction-runner';
export { UniqueViolation, asUniqueViolation } from './unique-violation';
export { PersistenceModule } from './persistence.module';
export { EmbeddedDatabase } from './embedded/embedded-database';
export type { EmbeddedDatabaseOptions } from './embedded/embedded-database';
export { DataDirInUseError, DataDirLock } from './embedded/data-dir-lock';
export { ALL_ENTITIES } from './entities/all-entities';
export { ConnectionEntity, PROVIDER_KINDS } from './entities/connection.entity';
export type { ProviderKind } from './entities/connection.entity';
export { ExternalRefEntity, ENTITY_TYPES } from './entities/external-ref.entity';
export type { EntityType } from './entities/external-ref.entity';
export { SalesOrderEntity } from './entities/sales-order.entity';
export { SalesOrderLineEntity } from './entities/sales-order-line.entity';
export { OutboxEventEntity } from './entities/outbox-event.entity';
export { DeliveryEntity, DELIVERY_STATES } from './entities/delivery.entity';
export type { DeliveryState } from './entities/delivery.entity';
export { SyncCursorEntity } from './entities/sync-cursor.entity';
export { WebhookInboxEntity, INBOX_STATES } from './entities/webhook-inbox.entity';
export type { InboxState } from './entities/webhook-inbox.entity';
export { ProviderCallEntity, CALL_OUTCOMES } from './entities/provider-call.entity';
export type { CallOutcome } from './entities/provider-call.entity';
export { ConnectionNameTaken, ConnectionRepository } from './repositories/connection.repository';
export type { NewConnection } from './repositories/connection.repository';
export { ExternalRefConflict, ExternalRefRepository } from './repositories/external-ref.repository';
export type { ExternalRef } from './repositories/external-ref.repository';
export { OutboxRepository } from './repositories/outbox.repository';
export type { OutboxEventInput, OutboxEventRow } from './repositories/outbox.repository';
export { OrderListRepository, orderPageQuery } from './repositories/order-list.repository';
export type { OrderKeyset, OrderListFilter, OrderSummaryRow } from './repositories/order-list.repository';
export { DuplicateOrder, OrderRepository, StaleOrder } from './repositories/order.repository';
export type { PhoneDigester } from './repositories/order.repository';
export { DeliveryRepository } from './repositories/delivery.repository';
export type { DeliveryFilter, DeliveryRow, NewDelivery } from './repositories/delivery.repository';
export type { RequeueFilter } from './repositories/delivery.repository';
export { TimelineRepository } from './repositories/timeline.repository';
export type { OrderTimelineRows, TimelineCallRow, TimelineDeliveryRow, TimelineEventRow } from './repositories/timeline.repository';
export { RouteNameTaken, RouteRepository } from './repositories/route.repository';
export type { RouteDefinition, RouteRow } from './repositories/route.repository';
export { ProviderCallRepository } from './repositories/provider-call.repository';
export type { NewProviderCall, ProviderCallRow } from './repositories/provider-call.repository';
export { SyncCursorRepository } from './repositories/sync-cursor.repository';
export type { SyncLease } from './repositories/sync-cursor.repository';
export { ShipmentRepository } from './repositories/shipment.repository';
export { InventoryRepository } from './repositories/inventory.repository';
export type { AvailableStock, StockFigureRow } from './repositories/inventory.repository';
export { API_KEY_SCOPES, ApiKeyRepository } from './repositories/api-key.repository';
export type { ApiKeyRow, ApiKeyScope, NewApiKey } from './repositories/api-key.repository';
export { IdempotencyKeyRepository } from './repositories/idempotency-key.repository';
export type { ClaimOutcome, IdempotencyClaim, StoredAnswer } from './repositories/idempotency-key.repository';
export { ORDER_DETAIL_SQL, OrderDetailRepository } from './repositories/order-detail.repository';
export type {
  OrderDetailLine,
  OrderDetailRef,
  OrderDetailReturn,
  OrderDetailRow,
  OrderDetailShipment,
} from './repositories/order-detail.repository';
export { ShipmentListRepository } from './repositories/shipment-list.repository';
export type { ShipmentKeyset, ShipmentListFilter, ShipmentRow } from './repositories/shipment-list.repository';
