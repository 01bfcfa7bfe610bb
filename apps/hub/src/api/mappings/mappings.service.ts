import { ConflictException, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { InvalidMappingEntry, isMappingTable, MappingService } from '@serai/engine';
import type { MappingTableName } from '@serai/engine/ports';
import { MAPPING_TABLES } from '@serai/engine/ports';
import { MappingActor, MappingValueTaken, StaleMappingTable } from '@serai/persistence';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { entityTagOf } from '../connections/entity-tag';
import {
  MappingChangeDto,
  MappingEntryDto,
  MappingEntryPageDto,
  MappingHistoryDto,
  MappingHistoryPageDto,
  MappingTableDto,
} from './mapping.dto';

/** Rows per page of an export (the lists' own maximum); `limit` does not cut an export. */
const EXPORT_PAGE_SIZE = 200;

/** An entry's value is an object: one JSON text cell, so every table exports with the same columns. */
export const MAPPING_ENTRY_EXPORT_COLUMNS: readonly ExportColumn<MappingEntryDto>[] = [
  { header: 'key', value: (e) => e.key },
  { header: 'value', value: (e) => e.value },
  { header: 'updatedAt', value: (e) => e.updatedAt },
];

export const MAPPING_HISTORY_EXPORT_COLUMNS: readonly ExportColumn<MappingHistoryDto>[] = [
  { header: 'id', value: (h) => h.id },
  { header: 'key', value: (h) => h.key },
  { header: 'oldValue', value: (h) => h.oldValue },
  { header: 'newValue', value: (h) => h.newValue },
  { header: 'tableVersion', value: (h) => h.tableVersion },
  { header: 'changedByKeyId', value: (h) => h.changedBy.keyId },
  { header: 'changedByName', value: (h) => h.changedBy.name },
  { header: 'changedAt', value: (h) => h.changedAt },
];

const TAG = /^(?:W\/)?"(\d{1,9})"$/;

/** `If-Match` is required on mapping changes: a blind write could undo a colleague's edit. */
export function requiredVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new HttpException(
      {
        message: 'Changes to a mapping table need If-Match with the ETag of the table as last read (GET /mappings/{table}).',
        errors: [{ field: 'If-Match', reason: 'is required' }],
      },
      HttpStatus.PRECONDITION_REQUIRED,
    );
  }
  const match = TAG.exec(ifMatch.trim());
  if (!match?.[1]) throw new RequestValidationError([{ field: 'If-Match', reason: 'must be an ETag this API issued, e.g. W/"3"' }]);
  return Number(match[1]);
}

const encodeCursor = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (text === '' || encodeCursor(text) !== cursor)
    throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return text;
}

/** A history cursor is the last change's id. */
function historyCursor(cursor: string | undefined): string | undefined {
  const before = decodeCursor(cursor);
  if (before !== undefined && !/^\d{1,18}$/.test(before))
    throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return before;
}

/** The mapping tables as the API reads and changes them; every change goes through the engine's MappingService. */
@Injectable()
export class MappingsApiService {
  constructor(private readonly mappings: MappingService) {}

  table(name: string): MappingTableName {
    if (!isMappingTable(name)) throw new NotFoundException(`No mapping table ${name}; the tables are ${MAPPING_TABLES.join(', ')}`);
    return name;
  }

  async tables(): Promise<MappingTableDto[]> {
    return (await this.mappings.tables()).map((t) => ({
      name: t.name,
      version: t.version,
      entries: t.entries,
      etag: entityTagOf(t.version),
      seededAt: t.seededAt?.toISOString() ?? null,
      updatedAt: t.updatedAt.toISOString(),
    }));
  }

  async entries(name: string, limit: number, cursor: string | undefined): Promise<MappingEntryPageDto> {
    const table = this.table(name);
    const after = decodeCursor(cursor);
    // One more than asked: whether a next page exists, without a count.
    const { version, entries } = await this.mappings.entries(table, {
      ...(after === undefined ? {} : { afterKey: after }),
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    const last = page[page.length - 1];
    const more = entries.length > limit;
    return {
      table,
      version,
      items: page.map((e) => ({ key: e.key, value: e.value, updatedAt: e.updatedAt.toISOString() })),
      page: { nextCursor: more && last ? encodeCursor(last.key) : null },
    };
  }

  async put(
    name: string,
    key: string,
    value: unknown,
    ifMatch: string | undefined,
    actor: MappingActor,
  ): Promise<MappingChangeDto & { created: boolean }> {
    const table = this.table(name);
    const expected = requiredVersion(ifMatch);
    try {
      const result = await this.mappings.put(table, key, value, expected, actor);
      return { table, key, value: result.value, version: result.version, created: result.created };
    } catch (error) {
      throw this.translate(error);
    }
  }

  async remove(name: string, key: string, ifMatch: string | undefined, actor: MappingActor): Promise<number> {
    const table = this.table(name);
    const expected = requiredVersion(ifMatch);
    let removed: { version: number } | undefined;
    try {
      removed = await this.mappings.remove(table, key, expected, actor);
    } catch (error) {
      throw this.translate(error);
    }
    if (!removed) throw new NotFoundException(`The mapping table ${table} has no entry ${key}`);
    return removed.version;
  }

  /**
   * Every entry of a table from `cursor` on, in key order (the table and cursor are checked before the
   * file starts). Pages are read one after another, so an entry changed meanwhile may show either value.
   */
  exportEntries(name: string, cursor: string | undefined): ListExport<MappingEntryDto> {
    const table = this.table(name);
    decodeCursor(cursor);
    const pages = walkPages<MappingEntryDto, string>(async (after) => {
      const page = await this.entries(table, EXPORT_PAGE_SIZE, after ?? cursor);
      return { rows: page.items, ...(page.page.nextCursor === null ? {} : { next: page.page.nextCursor }) };
    });
    return { name: `mappings-${table}`, columns: MAPPING_ENTRY_EXPORT_COLUMNS, pages };
  }

  /** Every change of a table from `cursor` on, newest first (the table and cursor are checked before the file starts). */
  exportHistory(name: string, cursor: string | undefined): ListExport<MappingHistoryDto> {
    const table = this.table(name);
    historyCursor(cursor);
    const pages = walkPages<MappingHistoryDto, string>(async (after) => {
      const page = await this.history(table, EXPORT_PAGE_SIZE, after ?? cursor);
      return { rows: page.items, ...(page.page.nextCursor === null ? {} : { next: page.page.nextCursor }) };
    });
    return { name: `mappings-${table}-history`, columns: MAPPING_HISTORY_EXPORT_COLUMNS, pages };
  }

  async history(name: string, limit: number, cursor: string | undefined): Promise<MappingHistoryPageDto> {
    const table = this.table(name);
    const before = historyCursor(cursor);
    const rows = await this.mappings.history(table, limit + 1, before);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        key: r.key,
        oldValue: r.oldValue,
        newValue: r.newValue,
        tableVersion: r.tableVersion,
        changedBy: { keyId: r.actorKeyId, name: r.actorName },
        changedAt: r.changedAt.toISOString(),
      })),
      page: { nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null },
    };
  }

  private translate(error: unknown): unknown {
    if (error instanceof InvalidMappingEntry) return new RequestValidationError(error.problems);
    if (error instanceof StaleMappingTable) {
      return new HttpException(
        `The mapping table ${error.table} changed since it was read (now ${entityTagOf(error.currentVersion)}); read it again and retry.`,
        HttpStatus.PRECONDITION_FAILED,
      );
    }
    if (error instanceof MappingValueTaken) {
      return new ConflictException({
        message: error.message,
        errors: [{ field: `value.${error.field}`, reason: 'is already used by another entry' }],
      });
    }
    return error;
  }
}
