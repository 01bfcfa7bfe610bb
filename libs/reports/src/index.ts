export { REPORT_KINDS } from './kinds/all-kinds';
export { REPORT_KIND_NAMES, REPAIR_ACTIONS } from './kinds/report-kind';
export type { ReportKind, ReportKindName, RepairAction, Subject, SystemRole } from './kinds/report-kind';
export { roleOfProvider } from './kinds/system-role';
export { ReconciliationRunRepository, RUN_STATES, ScopeAlreadyRunning, scopeKeyOf } from './run/reconciliation-run.repository';
export type { NewRun, RunOptions, RunRow, RunState } from './run/reconciliation-run.repository';
export { COMPARISON_WORK_MEM, DiscrepancyRepository, DISCREPANCY_STATES } from './run/discrepancy.repository';
export type { DiscrepancyFilter, DiscrepancyRow, DiscrepancyState } from './run/discrepancy.repository';
export { ObservationRepository } from './run/observation.repository';
export { ReconciliationRunner } from './run/reconciliation-runner';
export type { ConnectorLookup, RunnerOptions } from './run/reconciliation-runner';
export { DEFAULT_RECONCILIATION_SCHEDULE, ReconciliationScheduler } from './run/reconciliation-scheduler';
export type { ReconciliationSchedule, ScheduledScope } from './run/reconciliation-scheduler';
export { ReconciliationLoop } from './run/reconciliation-loop';
export { InvalidRunRequest, MAX_WINDOW_DAYS, queueRun } from './run/run-request';
export type { RunRequest } from './run/run-request';
export { DiscrepancyRepairer, RepairRefused } from './repair/discrepancy-repairer';
export type { RepairOutcome } from './repair/discrepancy-repairer';
export { RepairDeliveryRepository } from './repair/repair-delivery.repository';
export { csvCell, csvLine, neutraliseFormula, UTF8_BOM } from './export/csv';
export {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  writeDiscrepanciesCsv,
  writeDiscrepanciesJsonl,
  writeDiscrepanciesXlsx,
} from './export/discrepancy-export';
export type { ExportFormat } from './export/discrepancy-export';
