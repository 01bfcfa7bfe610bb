import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Routes1764000000001 } from './1764000000001-routes';
import { ApiKeys1764000000002 } from './1764000000002-api-keys';
import { Reconciliation1764000000070 } from './1764000000070-reconciliation';

/** In order. A migration, once released, is never edited: a change is a new migration. */
export const ALL_MIGRATIONS = [InitialSchema1764000000000, Routes1764000000001, ApiKeys1764000000002, Reconciliation1764000000070];
