import { ConnectionEntity } from './connection.entity';
import { DeliveryEntity } from './delivery.entity';
import { ExternalRefEntity } from './external-ref.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { ProviderCallEntity } from './provider-call.entity';
import { SalesOrderLineEntity } from './sales-order-line.entity';
import { SalesOrderEntity } from './sales-order.entity';
import { SyncCursorEntity } from './sync-cursor.entity';
import { WebhookInboxEntity } from './webhook-inbox.entity';

export const ALL_ENTITIES = [
  ConnectionEntity,
  ExternalRefEntity,
  SalesOrderEntity,
  SalesOrderLineEntity,
  OutboxEventEntity,
  DeliveryEntity,
  SyncCursorEntity,
  WebhookInboxEntity,
  ProviderCallEntity,
];

export {
  ConnectionEntity,
  DeliveryEntity,
  ExternalRefEntity,
  OutboxEventEntity,
  ProviderCallEntity,
  SalesOrderEntity,
  SalesOrderLineEntity,
  SyncCursorEntity,
  WebhookInboxEntity,
};
