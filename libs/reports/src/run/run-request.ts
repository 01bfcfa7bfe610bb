import { randomUUID } from 'node:crypto';
import type { ConnectionRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { REPORT_KINDS } from '../kinds/all-kinds';
import { REPORT_KIND_NAMES, ReportKindName } from '../kinds/report-kind';
import { roleOfProvider } from '../kinds/system-role';
import type { ReconciliationRunRepository, RunOptions, RunRow } from './reconciliation-run.repository';

/** The longest window one run may cover: longer ones are split by the caller (a run reads every order in it). */
export const MAX_WINDOW_DAYS = 31;

export interface RunRequest {
  readonly kinds?: readonly string[];
  readonly connections: readonly string[];
  readonly from: Date;
  readonly to: Date;
  readonly options?: RunOptions;
  readonly requestedBy: string;
}

/** A request that cannot run, naming the field and the reason (the API answers 400). */
export class InvalidRunRequest extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidRunRequest';
  }
}

/**
 * Validates a run request against what exists (kinds, connections, the roles each kind needs,
 * the window) and queues it. Nothing is written when it is refused.
 */
export async function queueRun(
  db: EntityManager,
  runs: ReconciliationRunRepository,
  connections: ConnectionRepository,
  request: RunRequest,
): Promise<RunRow> {
  const kinds = [...new Set(request.kinds ?? REPORT_KIND_NAMES)];
  const unknown = kinds.filter((kind) => !(REPORT_KIND_NAMES as readonly string[]).includes(kind));
  if (unknown.length > 0)
    throw new InvalidRunRequest('kinds', `unknown kind ${unknown.join(', ')}; known: ${REPORT_KIND_NAMES.join(', ')}`);
  if (kinds.length === 0) throw new InvalidRunRequest('kinds', 'name at least one kind');
  const names = [...new Set(request.connections)];
  if (names.length === 0) throw new InvalidRunRequest('connections', 'name at least one connection');
  if (!(request.from < request.to)) throw new InvalidRunRequest('from', 'must be before to');
  if (request.to.getTime() - request.from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new InvalidRunRequest('to', `the window may cover at most ${MAX_WINDOW_DAYS} days`);
  const roles = new Set<string>();
  for (const name of names) {
    const connection = await connections.findByName(db, name);
    if (!connection) throw new InvalidRunRequest('connections', `no connection named ${name}`);
    if (!connection.enabled) throw new InvalidRunRequest('connections', `connection ${name} is disabled`);
    roles.add(roleOfProvider(connection.provider));
  }
  for (const kind of kinds as ReportKindName[]) {
    const missing = REPORT_KINDS[kind].requires.find((oneOf) => !oneOf.some((role) => roles.has(role)));
    if (missing) throw new InvalidRunRequest('connections', `kind ${kind} needs a connection of role ${missing.join(' or ')}`);
  }
  const tolerance = request.options?.stockTolerance;
  if (tolerance !== undefined && (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 1_000_000))
    throw new InvalidRunRequest('options.stockTolerance', 'must be a whole number of units from 0 to 1000000');
  const pace = request.options?.readPagesPerSecond;
  if (pace !== undefined && (!Number.isFinite(pace) || pace <= 0 || pace > 100))
    throw new InvalidRunRequest('options.readPagesPerSecond', 'must be above 0 and at most 100');
  return runs.create(db, {
    id: randomUUID(),
    kinds: kinds as ReportKindName[],
    connections: names,
    from: request.from,
    to: request.to,
    options: request.options ?? {},
    trigger: 'api',
    requestedBy: request.requestedBy,
  });
}
