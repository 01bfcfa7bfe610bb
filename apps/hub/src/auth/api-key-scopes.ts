import type { ApiKeyScope } from '@serai/persistence';

/** Scopes an operation can demand. `pii` is granted to keys but only checked by data masking. */
export type RequiredScope = Extract<ApiKeyScope, 'read' | 'write' | 'admin'>;

/**
 * admin implies write, write implies read: a key made for operators does not need three scopes
 * listed. `pii` stands apart: no other scope implies it.
 */
const IMPLIED: Record<ApiKeyScope, readonly ApiKeyScope[]> = {
  read: ['read'],
  write: ['write', 'read'],
  admin: ['admin', 'write', 'read'],
  pii: ['pii'],
};

export function grantsScope(held: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return held.some((scope) => IMPLIED[scope].includes(needed));
}
