import { PassThrough } from 'node:stream';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { ConnectionRepository } from '@serai/persistence';
import {
  DiscrepancyFilter,
  DiscrepancyRepairer,
  DiscrepancyRepository,
  DiscrepancyRow,
  DiscrepancyState,
  EXPORT_CONTENT_TYPES,
  ExportFormat,
  InvalidRunRequest,
  queueRun,
  ReconciliationRunRepository,
  RepairRefused,
  RunRow,
  RunState,
  ScopeAlreadyRunning,
  writeDiscrepanciesCsv,
  writeDiscrepanciesJsonl,
  writeDiscrepanciesXlsx,
} from '@serai/reports';
import { DataSource } from 'typeorm';
import { decodeDateCursor as decodeCursor, encodeDateCursor as encodeCursor } from '../../http/date-keyset-cursor';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import {
  BulkRepairBody,
  BulkRepairResultDto,
  CreateReconciliationBody,
  DiscrepancyDto,
  DiscrepancyPageDto,
  ExportDiscrepanciesQuery,
  ListDiscrepanciesQuery,
  ListReconciliationsQuery,
  ReconciliationRunDto,
  ReconciliationRunPageDto,
  SummariesDto,
  SummariesQuery,
} from './reconciliation.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DISCREPANCY_ID = /^[1-9]\d{0,17}$/;

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function toRunDto(run: RunRow): ReconciliationRunDto {
  const percentage = run.stepsTotal === 0 ? 0 : Math.min(100, Math.round((run.stepsDone / run.stepsTotal) * 1000) / 10);
  return {
    id: run.id,
    state: run.state,
    kinds: run.kinds,
    connections: run.connections,
    from: run.from.toISOString(),
    to: run.to.toISOString(),
    options: run.options as Record<string, unknown>,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    progress: {
      phase: run.phase,
      itemsRead: run.itemsRead,
      stepsDone: run.stepsDone,
      stepsTotal: run.stepsTotal,
      percentage: run.state === 'completed' ? 100 : percentage,
      etaAt: iso(run.etaAt),
    },
    cancelRequested: run.cancelRequested,
    discrepancies: run.discrepancies,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

export function toDiscrepancyDto(row: DiscrepancyRow): DiscrepancyDto {
  return {
    ...row,
    entityTime: iso(row.entityTime),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    repairedAt: iso(row.repairedAt),
    acceptedAt: iso(row.acceptedAt),
    closedAt: iso(row.closedAt),
  };
}

/** Runs per page of an export (the list's own maximum); `limit` does not cut an export. */
const RUN_EXPORT_PAGE_SIZE = 200;

/** The list's fields, one per column: lists joined with `|`, progress flattened, options as JSON text. */
export const RUN_EXPORT_COLUMNS: readonly ExportColumn<ReconciliationRunDto>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'state', value: (r) => r.state },
  { header: 'kinds', value: (r) => r.kinds.join('|') },
  { header: 'connections', value: (r) => r.connections.join('|') },
  { header: 'from', value: (r) => r.from },
  { header: 'to', value: (r) => r.to },
  { header: 'options', value: (r) => r.options },
  { header: 'trigger', value: (r) => r.trigger },
  { header: 'requestedBy', value: (r) => r.requestedBy },
  { header: 'phase', value: (r) => r.progress.phase },
  { header: 'itemsRead', value: (r) => r.progress.itemsRead },
  { header: 'stepsDone', value: (r) => r.progress.stepsDone },
  { header: 'stepsTotal', value: (r) => r.progress.stepsTotal },
  { header: 'percentage', value: (r) => r.progress.percentage },
  { header: 'etaAt', value: (r) => r.progress.etaAt },
  { header: 'cancelRequested', value: (r) => r.cancelRequested },
  { header: 'discrepancies', value: (r) => r.discrepancies },
  { header: 'error', value: (r) => r.error },
  { header: 'createdAt', value: (r) => r.createdAt },
  { header: 'startedAt', value: (r) => r.startedAt },
  { header: 'finishedAt', value: (r) => r.finishedAt },
];

function discrepancyCursor(id: string): string {
  return Buffer.from(`x:${id}`).toString('base64url');
}

function decodeDiscrepancyCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('x:') ? decoded.slice(2) : '';
  if (!DISCREPANCY_ID.test(id)) throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return id;
}

function filterOf(query: { kind?: string; state?: string[]; connection?: string; code?: string }): DiscrepancyFilter {
  return { kind: query.kind, states: query.state as DiscrepancyState[] | undefined, connection: query.connection, code: query.code };
}

function refusal(error: RepairRefused): Error {
  return error.reason === 'not_found' ? new NotFoundException(error.message) : new ConflictException(error.message);
}

/** The reconciliation API's use cases: queue, read, cancel runs; list, export, repair and accept discrepancies; daily summaries. */
@Injectable()
export class ReconciliationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: ReconciliationRunRepository,
    private readonly discrepancies: DiscrepancyRepository,
    private readonly repairer: DiscrepancyRepairer,
    private readonly connections: ConnectionRepository,
  ) {}

  async create(body: CreateReconciliationBody, actor: string): Promise<ReconciliationRunDto> {
    try {
      const run = await queueRun(this.dataSource.manager, this.runs, this.connections, {
        kinds: body.kinds,
        connections: body.connections,
        from: new Date(body.from),
        to: new Date(body.to),
        options: body.options === undefined ? undefined : { ...body.options },
        requestedBy: actor,
      });
      return toRunDto(run);
    } catch (error) {
      if (error instanceof InvalidRunRequest) throw new RequestValidationError([{ field: error.field, reason: error.reason }]);
      if (error instanceof ScopeAlreadyRunning) throw new ConflictException(error.message);
      throw error;
    }
  }

  async list(query: ListReconciliationsQuery): Promise<ReconciliationRunPageDto> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.runs.list(
      this.dataSource.manager,
      query.limit + 1,
      after && { createdAt: after.createdAt.toISOString(), id: after.id },
      query.state as RunState | undefined,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toRunDto),
      page: {
        limit: query.limit,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      },
    };
  }

  /** Every matching run from `cursor` on, as the list shows them (the cursor is checked before the file starts). */
  exportRuns(query: ListReconciliationsQuery): ListExport<ReconciliationRunDto> {
    if (query.cursor !== undefined) decodeCursor(query.cursor);
    const pages = walkPages<ReconciliationRunDto, string>(async (after) => {
      const page = await this.list({ ...query, limit: RUN_EXPORT_PAGE_SIZE, ...(after === undefined ? {} : { cursor: after }) });
      return { rows: page.data, ...(page.page.nextCursor === null ? {} : { next: page.page.nextCursor }) };
    });
    return { name: 'reconciliations', columns: RUN_EXPORT_COLUMNS, pages };
  }

  async get(id: string): Promise<ReconciliationRunDto> {
    return toRunDto(await this.findRun(id));
  }

  async cancel(id: string): Promise<ReconciliationRunDto> {
    const run = await this.findRun(id);
    if (run.state !== 'queued' && run.state !== 'running')
      throw new ConflictException(`Reconciliation ${id} is ${run.state}; only queued or running ones can be cancelled.`);
    const after = await this.runs.requestCancel(this.dataSource.manager, id);
    return toRunDto(after ?? run);
  }

  async listDiscrepancies(id: string, query: ListDiscrepanciesQuery): Promise<DiscrepancyPageDto> {
    await this.findRun(id);
    const afterId = query.cursor ? decodeDiscrepancyCursor(query.cursor) : undefined;
    const rows = await this.discrepancies.list(this.dataSource.manager, id, filterOf(query), query.limit + 1, afterId);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toDiscrepancyDto),
      page: { limit: query.limit, nextCursor: rows.length > query.limit && last ? discrepancyCursor(last.id) : null },
    };
  }

  async repair(id: string, discrepancyId: string, actor: string): Promise<DiscrepancyDto> {
    this.checkIds(id, discrepancyId);
    try {
      const outcome = await this.repairer.repair(id, discrepancyId, actor);
      const row = await this.discrepancies.findById(this.dataSource.manager, id, outcome.discrepancy.id);
      return toDiscrepancyDto(row ?? outcome.discrepancy);
    } catch (error) {
      if (error instanceof RepairRefused) throw refusal(error);
      throw error;
    }
  }

  async accept(id: string, discrepancyId: string, actor: string): Promise<DiscrepancyDto> {
    this.checkIds(id, discrepancyId);
    try {
      await this.repairer.accept(id, discrepancyId, actor);
      const row = await this.discrepancies.findById(this.dataSource.manager, id, discrepancyId);
      if (!row) throw new NotFoundException(`run ${id} has no discrepancy ${discrepancyId}`);
      return toDiscrepancyDto(row);
    } catch (error) {
      if (error instanceof RepairRefused) throw refusal(error);
      throw error;
    }
  }

  /** Repairs every repairable discrepancy of the filter (at most `limit`), each in its own transaction; refusals are reported, not fatal. */
  async repairMatching(id: string, body: BulkRepairBody, actor: string): Promise<BulkRepairResultDto> {
    await this.findRun(id);
    const ids = await this.discrepancies.repairableIds(this.dataSource.manager, id, filterOf(body), body.limit);
    const result: BulkRepairResultDto = { repaired: [], refused: [] };
    for (const discrepancyId of ids) {
      try {
        await this.repairer.repair(id, discrepancyId, actor);
        result.repaired.push(discrepancyId);
      } catch (error) {
        if (!(error instanceof RepairRefused)) throw error;
        result.refused.push({ id: discrepancyId, reason: error.message });
      }
    }
    return result;
  }

  /** The export as a stream (with its content type and file name); rows are read and written in batches as the client takes them. */
  async export(id: string, query: ExportDiscrepanciesQuery): Promise<{ stream: PassThrough; contentType: string; fileName: string }> {
    await this.findRun(id);
    const format: ExportFormat = query.format;
    const stream = new PassThrough({ highWaterMark: 256 * 1024 });
    const batches = this.discrepancies.stream(this.dataSource.manager, id, filterOf(query));
    const writer = format === 'csv' ? writeDiscrepanciesCsv : format === 'xlsx' ? writeDiscrepanciesXlsx : writeDiscrepanciesJsonl;
    writer(batches, stream).catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
    return { stream, contentType: EXPORT_CONTENT_TYPES[format], fileName: `reconciliation-${id}-discrepancies.${format}` };
  }

  async summaries(query: SummariesQuery): Promise<SummariesDto> {
    const data = await this.discrepancies.summaries(
      this.dataSource.manager,
      { kind: query.kind, connection: query.connection, fromDay: query.from, toDay: query.to },
      query.limit,
    );
    return { data };
  }

  private async findRun(id: string): Promise<RunRow> {
    if (!UUID.test(id)) throw new RequestValidationError([{ field: 'id', reason: 'must be a reconciliation id (a UUID)' }]);
    const run = await this.runs.findById(this.dataSource.manager, id);
    if (!run) throw new NotFoundException(`No reconciliation has id ${id}`);
    return run;
  }

  private checkIds(id: string, discrepancyId: string): void {
    if (!UUID.test(id)) throw new RequestValidationError([{ field: 'id', reason: 'must be a reconciliation id (a UUID)' }]);
    if (!DISCREPANCY_ID.test(discrepancyId))
      throw new RequestValidationError([{ field: 'discrepancyId', reason: 'must be a discrepancy id (a positive integer)' }]);
  }
}
