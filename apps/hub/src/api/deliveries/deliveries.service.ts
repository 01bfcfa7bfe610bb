import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { ConnectionRepository, DeliveryRepository, DeliveryRow, DeliveryState } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { DeliveryDto, DeliveryPageDto, ListDeliveriesQuery, ReplayDeliveriesBody, ReplayResultDto } from './delivery.dto';

/** Deliveries per page of an export (the list's own maximum); `limit` does not cut an export. */
const EXPORT_PAGE_SIZE = 200;

export const DELIVERY_EXPORT_COLUMNS: readonly ExportColumn<DeliveryDto>[] = [
  { header: 'id', value: (d) => d.id },
  { header: 'eventId', value: (d) => d.eventId },
  { header: 'route', value: (d) => d.route },
  { header: 'connection', value: (d) => d.connection },
  { header: 'capability', value: (d) => d.capability },
  { header: 'state', value: (d) => d.state },
  { header: 'attempts', value: (d) => d.attempts },
  { header: 'nextAttemptAt', value: (d) => d.nextAttemptAt },
  { header: 'lastErrorCode', value: (d) => d.lastErrorCode },
  { header: 'lastError', value: (d) => d.lastError },
  { header: 'createdAt', value: (d) => d.createdAt },
  { header: 'completedAt', value: (d) => d.completedAt },
];

const DELIVERY_ID = /^[1-9]\d{0,17}$/;

/** Cursors are opaque to clients: base64url of the last row's id (the list walks ids downwards). */
function encodeCursor(id: string): string {
  return Buffer.from(`d:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('d:') ? decoded.slice(2) : '';
  if (!DELIVERY_ID.test(id)) throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return id;
}

@Injectable()
export class DeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly connections: ConnectionRepository,
  ) {}

  async listDeliveries(query: ListDeliveriesQuery): Promise<DeliveryPageDto> {
    const db = this.dataSource.manager;
    const names = new Map((await this.connections.list(db)).map((c) => [c.id, c.name]));
    let connectionId: string | undefined;
    if (query.connection !== undefined) {
      connectionId = [...names].find(([, name]) => name === query.connection)?.[0];
      // An unknown connection has no deliveries: an empty page, as any filter matching nothing.
      if (connectionId === undefined) return { data: [], page: { limit: query.limit, nextCursor: null } };
    }
    const rows = await this.deliveries.list(db, {
      states: query.state as DeliveryState[] | undefined,
      connectionId,
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map((row) => toDto(row, names.get(row.connectionId) ?? row.connectionId)),
      page: { limit: query.limit, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null },
    };
  }

  /** Every matching delivery from `cursor` on, as the list shows them (the cursor is checked before the file starts). */
  exportDeliveries(query: ListDeliveriesQuery): ListExport<DeliveryDto> {
    if (query.cursor !== undefined) decodeCursor(query.cursor);
    const pages = walkPages<DeliveryDto, string>(async (after) => {
      const page = await this.listDeliveries({ ...query, limit: EXPORT_PAGE_SIZE, ...(after === undefined ? {} : { cursor: after }) });
      return { rows: page.data, ...(page.page.nextCursor === null ? {} : { next: page.page.nextCursor }) };
    });
    return { name: 'deliveries', columns: DELIVERY_EXPORT_COLUMNS, pages };
  }

  /** dead or failed -> pending now, with a fresh attempt budget; any other state is a conflict. */
  async retryDelivery(id: string): Promise<DeliveryDto> {
    if (!DELIVERY_ID.test(id)) throw new RequestValidationError([{ field: 'id', reason: 'must be a delivery id (a positive integer)' }]);
    const db = this.dataSource.manager;
    const [requeued] = await this.deliveries.requeue(db, [id]);
    const row = requeued ?? (await this.deliveries.findById(db, id));
    if (!row) throw new NotFoundException(`No delivery has id ${id}`);
    if (!requeued) throw new ConflictException(`Delivery ${id} is ${row.state}; only dead or failed deliveries can be retried.`);
    const connection = await this.connections.findById(db, row.connectionId);
    return toDto(row, connection?.name ?? row.connectionId);
  }

  /**
   * Every dead (or failed) delivery matching the filter -> pending, in one statement. Filters that
   * cannot match anything by mistake (an unknown connection, an empty time window) are refused
   * before anything changes, so an operator's typo is not mistaken for "nothing to replay".
   */
  async replayDeliveries(body: ReplayDeliveriesBody): Promise<ReplayResultDto> {
    const createdFrom = body.createdFrom === undefined ? undefined : new Date(body.createdFrom);
    const createdTo = body.createdTo === undefined ? undefined : new Date(body.createdTo);
    if (createdFrom && createdTo && createdFrom >= createdTo) {
      throw new RequestValidationError([{ field: 'createdTo', reason: 'must be later than createdFrom' }]);
    }
    const db = this.dataSource.manager;
    let connectionId: string | undefined;
    if (body.connection !== undefined) {
      connectionId = (await this.connections.findByName(db, body.connection))?.id;
      if (connectionId === undefined) throw new RequestValidationError([{ field: 'connection', reason: 'names no connection' }]);
    }
    const ids = await this.deliveries.requeueMatching(db, {
      state: body.state,
      connectionId,
      capability: body.capability,
      route: body.route,
      createdFrom,
      createdTo,
      limit: body.limit,
    });
    return { requeued: ids.length, ids };
  }
}

function toDto(row: DeliveryRow, connection: string): DeliveryDto {
  return {
    id: row.id,
    eventId: row.eventId,
    route: row.route,
    connection,
    capability: row.capability,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    lastErrorCode: row.lastErrorCode,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
