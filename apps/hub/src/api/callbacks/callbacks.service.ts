import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { RequestValidationError, redactSecrets } from '@serai/common';
import { InboxProcessor } from '@serai/engine';
import { ConnectionRepository, InboxRow, InboxState, WebhookInboxProcessingRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { CallbackDetailDto, CallbackDto, CallbackPageDto, ListCallbacksQuery } from './callback.dto';

/** Callbacks per page of an export (the list's own maximum); `limit` does not cut an export. */
const EXPORT_PAGE_SIZE = 200;

/** The list's fields, one per column; headers (already masked) and the outcome as JSON text. The raw body is in neither. */
export const CALLBACK_EXPORT_COLUMNS: readonly ExportColumn<CallbackDto>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'store', value: (c) => c.store },
  { header: 'connection', value: (c) => c.connection },
  { header: 'dedupeKey', value: (c) => c.dedupeKey },
  { header: 'contentType', value: (c) => c.contentType },
  { header: 'bodyFormat', value: (c) => c.bodyFormat },
  { header: 'state', value: (c) => c.state },
  { header: 'attempts', value: (c) => c.attempts },
  { header: 'failures', value: (c) => c.failures },
  { header: 'lastError', value: (c) => c.lastError },
  { header: 'externalOrderNumber', value: (c) => c.externalOrderNumber },
  { header: 'receivedAt', value: (c) => c.receivedAt },
  { header: 'processedAt', value: (c) => c.processedAt },
  { header: 'nextAttemptAt', value: (c) => c.nextAttemptAt },
  { header: 'sourceAddress', value: (c) => c.sourceAddress },
  { header: 'headers', value: (c) => c.headers },
  { header: 'outcome', value: (c) => c.outcome },
];

const INBOX_ID = /^[1-9]\d{0,17}$/;

/** Cursors are opaque to clients: base64url of the last row's id (the list walks ids downwards). */
function encodeCursor(id: string): string {
  return Buffer.from(`c:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('c:') ? decoded.slice(2) : '';
  if (!INBOX_ID.test(id)) throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return id;
}

function requireId(id: string): void {
  if (!INBOX_ID.test(id)) throw new RequestValidationError([{ field: 'id', reason: 'must be a callback id (a positive integer)' }]);
}

@Injectable()
export class CallbacksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: WebhookInboxProcessingRepository,
    private readonly connections: ConnectionRepository,
    private readonly processor: InboxProcessor,
  ) {}

  async listCallbacks(query: ListCallbacksQuery): Promise<CallbackPageDto> {
    const db = this.dataSource.manager;
    const rows = await this.inbox.list(db, {
      states: query.state as InboxState[] | undefined,
      stores: query.store,
      beforeId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const names = await this.connectionNames();
    const last = page[page.length - 1];
    return {
      data: page.map((row) => toDto(row, names)),
      page: { limit: query.limit, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null },
    };
  }

  /** Every matching callback from `cursor` on, as the list shows them (the cursor is checked before the file starts). */
  exportCallbacks(query: ListCallbacksQuery): ListExport<CallbackDto> {
    if (query.cursor !== undefined) decodeCursor(query.cursor);
    const pages = walkPages<CallbackDto, string>(async (after) => {
      const page = await this.listCallbacks({ ...query, limit: EXPORT_PAGE_SIZE, ...(after === undefined ? {} : { cursor: after }) });
      return { rows: page.data, ...(page.page.nextCursor === null ? {} : { next: page.page.nextCursor }) };
    });
    return { name: 'callbacks', columns: CALLBACK_EXPORT_COLUMNS, pages };
  }

  async getCallback(id: string): Promise<CallbackDetailDto> {
    requireId(id);
    const row = await this.inbox.findById(this.dataSource.manager, id);
    if (!row) throw new NotFoundException(`No callback has id ${id}`);
    return { ...toDto(row, await this.connectionNames()), body: row.body };
  }

  /** Processes the callback again now, whatever its state; applying it again changes nothing already applied. */
  async reprocessCallback(id: string): Promise<CallbackDetailDto> {
    requireId(id);
    const result = await this.processor.reprocess(id);
    if (result.kind === 'missing') throw new NotFoundException(`No callback has id ${id}`);
    if (result.kind === 'busy') throw new ConflictException(`Callback ${id} is being processed right now; try again when it finishes`);
    return { ...toDto(result.row, await this.connectionNames()), body: result.row.body };
  }

  private async connectionNames(): Promise<Map<string, string>> {
    return new Map((await this.connections.list(this.dataSource.manager)).map((c) => [c.id, c.name]));
  }
}

function toDto(row: InboxRow, names: ReadonlyMap<string, string>): CallbackDto {
  return {
    id: row.id,
    store: row.store,
    connection: row.connectionId === null ? null : (names.get(row.connectionId) ?? row.connectionId),
    dedupeKey: row.dedupeKey,
    contentType: row.contentType,
    bodyFormat: row.bodyFormat,
    state: row.state,
    attempts: row.attempts,
    failures: row.failures,
    lastError: row.lastError,
    externalOrderNumber: row.externalOrderNumber,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    // The receiver masks secrets before storing; masked again here so no stored value can leak.
    headers: redactSecrets(row.headers),
    sourceAddress: row.sourceAddress,
    outcome: row.outcome,
  };
}
