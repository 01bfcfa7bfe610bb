/** Splits a list into the largest batches a provider accepts. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('Batch size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

import type { BatchOutcome } from '@serai/engine/ports';

export function mergeOutcomes<K>(outcomes: readonly BatchOutcome<K>[]): BatchOutcome<K> {
  return {
    succeeded: outcomes.flatMap((o) => o.succeeded),
    failed: outcomes.flatMap((o) => o.failed),
    calls: outcomes.reduce((n, o) => n + o.calls, 0),
  };
}
