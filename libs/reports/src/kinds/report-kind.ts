/**
 * One reconciliation report kind: what it needs read from which systems, and how it compares
 * those observations with the canonical store. The comparison is SQL over the run's observations
 * and the canonical tables (set-based, so a million orders compare in seconds), answering one row
 * per finding; the runner stamps them as discrepancies. Parameters: $1 run id, $2 window from,
 * $3 window to, $4 the run's options (jsonb).
 */

export const REPORT_KIND_NAMES = [
  'order-presence',
  'shipment-confirmation',
  'status-mismatch',
  'amount-mismatch',
  'stock-drift',
  'price-drift',
  'return-handling',
] as const;
export type ReportKindName = (typeof REPORT_KIND_NAMES)[number];

/** What a system is to the comparison, by its provider. */
export type SystemRole = 'marketplace' | 'order-system' | 'logistics' | 'warehouse';

/** What is read from a system: orders, logistics packages, stock, prices or returns. */
export type Subject = 'order' | 'shipment' | 'stock' | 'price' | 'return';

/** The repair a discrepancy can get, carried out through the engine (a delivery to the target system). */
export const REPAIR_ACTIONS = [
  'reforward_order',
  'reconfirm_shipment',
  'repush_stock',
  'repush_price',
  'reimport_stock',
  'acknowledge_return',
] as const;
export type RepairAction = (typeof REPAIR_ACTIONS)[number];

export interface ReportKind {
  readonly name: ReportKindName;
  readonly title: string;
  /** The observations the comparison needs, by the role of the system they come from. */
  readonly reads: readonly { readonly role: SystemRole; readonly subject: Subject }[];
  /** Roles a run's connections must cover for the comparison to mean anything: each entry is "one of these". */
  readonly requires: readonly (readonly SystemRole[])[];
  /**
   * SELECT answering the findings, with the columns: code, connection, entity_key, entity_time
   * (timestamptz or NULL), expected (jsonb: what it should be), actual (jsonb: what the system
   * says), amount_at_stake (numeric or NULL), currency (text or NULL), repair_action (text or NULL).
   */
  readonly findingsSql: string;
}

/** Observations of one role and subject in the run. */
export function observed(alias: string, role: SystemRole, subject: Subject): string {
  // NOT MATERIALIZED: each use scans the index afresh instead of spilling a wide copy of the facts to disk.
  return `${alias} AS NOT MATERIALIZED (SELECT connection, entity_key, facts FROM reconciliation_observation WHERE run_id = $1 AND role = '${role}' AND subject = '${subject}')`;
}

/** A canonical order status reduced to what the systems can agree on. */
export const STORE_STATE_SQL = `CASE
  WHEN so.status = 'cancelled' THEN 'cancelled'
  WHEN so.status = 'cancellation_requested' THEN 'cancellation_requested'
  WHEN so.status IN ('shipped', 'partially_shipped', 'delivered') THEN 'shipped'
  ELSE 'open' END`;

/** The connections of a role whose read of a subject finished in this run (from the checkpoint). */
export function readDone(alias: string, role: SystemRole, subject: Subject): string {
  return `${alias} AS (SELECT split_part(step, '|', 1) AS connection
      FROM reconciliation_run r, jsonb_array_elements_text(r.checkpoint->'done') step
     WHERE r.id = $1 AND step LIKE '%|${role}|${subject}')`;
}
