import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Routes1764000000001 } from './1764000000001-routes';
import { ApiKeys1764000000002 } from './1764000000002-api-keys';
import { MappingsAndInventory1764000000010 } from './1764000000010-mappings-and-inventory';
import { CataloguePublications1764000000020 } from './1764000000020-catalogue-publications';
import { CallbackRefusals1764000000030 } from './1764000000030-callback-refusals';
import { InboxProcessing1764000000040 } from './1764000000040-inbox-processing';
import { IdempotencyKeysAndListIndexes1764000000060 } from './1764000000060-idempotency-keys-and-list-indexes';
import { Reconciliation1764000000070 } from './1764000000070-reconciliation';
import { AdminSessions1764000000080 } from './1764000000080-admin-sessions';
import { InboxDropUnusedPendingIndex1764000000100 } from './1764000000100-inbox-drop-unused-pending-index';
import { OrderStockReservations1764000000110 } from './1764000000110-order-stock-reservations';
import { OrderSkuKeyset1764000000120 } from './1764000000120-order-sku-keyset';

/** In order. A migration, once released, is never edited: a change is a new migration. */
export const ALL_MIGRATIONS = [
  InitialSchema1764000000000,
  Routes1764000000001,
  ApiKeys1764000000002,
  MappingsAndInventory1764000000010,
  CataloguePublications1764000000020,
  CallbackRefusals1764000000030,
  InboxProcessing1764000000040,
  IdempotencyKeysAndListIndexes1764000000060,
  Reconciliation1764000000070,
  AdminSessions1764000000080,
  InboxDropUnusedPendingIndex1764000000100,
  OrderStockReservations1764000000110,
  OrderSkuKeyset1764000000120,
];
