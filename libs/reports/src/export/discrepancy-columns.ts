import type { DiscrepancyRow } from '../run/discrepancy.repository';

/** The columns every export of discrepancies has, in order; each format types the cells its own way. */
export interface ColumnDef {
  readonly header: string;
  readonly type: 'text' | 'integer' | 'money' | 'date';
  readonly value: (row: DiscrepancyRow) => string | number | Date | null;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

export const DISCREPANCY_COLUMNS: readonly ColumnDef[] = [
  { header: 'id', type: 'integer', value: (r) => Number(r.id) },
  { header: 'run', type: 'text', value: (r) => r.runId },
  { header: 'kind', type: 'text', value: (r) => r.kind },
  { header: 'code', type: 'text', value: (r) => r.code },
  { header: 'connection', type: 'text', value: (r) => r.connection },
  { header: 'entity', type: 'text', value: (r) => r.entityKey },
  { header: 'entity_time', type: 'date', value: (r) => r.entityTime },
  { header: 'state', type: 'text', value: (r) => r.state },
  { header: 'amount_at_stake', type: 'money', value: (r) => r.amountAtStake },
  { header: 'currency', type: 'text', value: (r) => r.currency },
  { header: 'expected', type: 'text', value: (r) => json(r.expected) },
  { header: 'actual', type: 'text', value: (r) => json(r.actual) },
  { header: 'first_seen_at', type: 'date', value: (r) => r.firstSeenAt },
  { header: 'last_seen_at', type: 'date', value: (r) => r.lastSeenAt },
  { header: 'occurrences', type: 'integer', value: (r) => r.occurrences },
  { header: 'repair_action', type: 'text', value: (r) => r.repairAction },
  { header: 'repaired_at', type: 'date', value: (r) => r.repairedAt },
  { header: 'repaired_by', type: 'text', value: (r) => r.repairedBy },
  { header: 'closed_at', type: 'date', value: (r) => r.closedAt },
];
