import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Routes1764000000001 } from './1764000000001-routes';
import { ApiKeys1764000000002 } from './1764000000002-api-keys';
import { IdempotencyKeysAndListIndexes1764000000060 } from './1764000000060-idempotency-keys-and-list-indexes';

/** In order. A migration, once released, is never edited: a change is a new migration. */
export const ALL_MIGRATIONS = [
  InitialSchema1764000000000,
  Routes1764000000001,
  ApiKeys1764000000002,
  IdempotencyKeysAndListIndexes1764000000060,
];
