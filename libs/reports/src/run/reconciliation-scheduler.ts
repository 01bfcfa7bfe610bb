import { randomUUID } from 'node:crypto';
import type { ConnectionRepository } from '@serai/persistence';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { REPORT_KINDS } from '../kinds/all-kinds';
import { REPORT_KIND_NAMES, ReportKindName, SystemRole } from '../kinds/report-kind';
import { roleOfProvider } from '../kinds/system-role';
import { ReconciliationRunRepository, ScopeAlreadyRunning, scopeKeyOf } from './reconciliation-run.repository';

export interface ReconciliationSchedule {
  /** How often each kind runs per connection (default daily). */
  readonly everyMs: number;
  /** How far back a scheduled run looks (orders placed in the window). */
  readonly windowMs: number;
  /** The window ends this long before now, so orders still moving through the pipeline are not reported. */
  readonly settleMs: number;
  /** How often the loop looks for due runs and waiting work. */
  readonly tickMs: number;
  /** False: the loop queues no runs by itself and only executes those asked for (SCHEDULED_RECONCILIATION=false). */
  readonly queuesDueRuns?: boolean;
}

export const DEFAULT_RECONCILIATION_SCHEDULE: ReconciliationSchedule = {
  everyMs: 86_400_000,
  windowMs: 2 * 86_400_000,
  settleMs: 15 * 60_000,
  tickMs: 30_000,
};

export interface ScheduledScope {
  readonly kind: ReportKindName;
  readonly connections: readonly string[];
}

/**
 * The daily schedule: one run per report kind and marketplace connection (with the enabled
 * connections of the other roles the kind reads), created when the last scheduled run of that
 * scope is older than the period. Creating is idempotent across instances: the unique index on
 * active scopes refuses a second one.
 */
export class ReconciliationScheduler {
  constructor(
    private readonly db: EntityManager,
    private readonly runs: ReconciliationRunRepository,
    private readonly connections: ConnectionRepository,
    private readonly schedule: ReconciliationSchedule,
    private readonly logger: Logger,
  ) {}

  /** The scopes the schedule covers with the connections that exist now. */
  async scopes(): Promise<ScheduledScope[]> {
    const byRole = new Map<SystemRole, string[]>();
    for (const connection of await this.connections.list(this.db)) {
      if (!connection.enabled) continue;
      const role = roleOfProvider(connection.provider);
      byRole.set(role, [...(byRole.get(role) ?? []), connection.name]);
    }
    const scopes: ScheduledScope[] = [];
    for (const name of REPORT_KIND_NAMES) {
      const kind = REPORT_KINDS[name];
      const roles = new Set(kind.reads.map((r) => r.role));
      const others = [...roles].filter((role) => role !== 'marketplace').flatMap((role) => byRole.get(role) ?? []);
      const marketplaces = roles.has('marketplace') ? (byRole.get('marketplace') ?? []) : [];
      const candidates = marketplaces.length > 0 ? marketplaces.map((m) => [m, ...others]) : [others];
      for (const connections of candidates) {
        const covered = new Set(connections.map((c) => roleOfConnection(c, byRole)));
        if (connections.length > 0 && kind.requires.every((oneOf) => oneOf.some((role) => covered.has(role))))
          scopes.push({ kind: name, connections });
      }
    }
    return scopes;
  }

  /** Creates the runs that are due; answers their ids. */
  async createDueRuns(now: Date = new Date()): Promise<string[]> {
    const created: string[] = [];
    for (const scope of await this.scopes()) {
      const last = await this.runs.lastCreatedAt(this.db, scopeKeyOf([scope.kind], scope.connections), 'schedule');
      if (last !== undefined && now.getTime() - last.getTime() < this.schedule.everyMs) continue;
      const to = new Date(now.getTime() - this.schedule.settleMs);
      try {
        const run = await this.runs.create(this.db, {
          id: randomUUID(),
          kinds: [scope.kind],
          connections: scope.connections,
          from: new Date(to.getTime() - this.schedule.windowMs),
          to,
          options: {},
          trigger: 'schedule',
          requestedBy: 'schedule',
        });
        created.push(run.id);
      } catch (error) {
        if (!(error instanceof ScopeAlreadyRunning)) throw error;
      }
    }
    if (created.length > 0) this.logger.info({ runs: created.length }, 'scheduled reconciliations queued');
    return created;
  }
}

function roleOfConnection(name: string, byRole: ReadonlyMap<SystemRole, string[]>): SystemRole | undefined {
  for (const [role, names] of byRole) if (names.includes(name)) return role;
  return undefined;
}
