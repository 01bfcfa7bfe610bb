import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** In order. A migration, once released, is never edited: a change is a new migration. */
export const ALL_MIGRATIONS = [InitialSchema1764000000000];
