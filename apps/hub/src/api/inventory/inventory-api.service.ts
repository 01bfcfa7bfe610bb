import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { InsufficientStock } from '@serai/domain';
import { channelQuantity, inventoryChangedEvent, InvalidStockOptions, PUSH_STOCK, readChannelStockPolicy } from '@serai/engine';
import {
  availableOf,
  ConnectionRepository,
  InventoryLedgerRepository,
  InventoryRepository,
  LevelCounts,
  OutboxRepository,
  RouteRepository,
  StockLevelRow,
  TransactionRunner,
} from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { AdjustmentBody, AdjustmentDto, ChannelStockDto, InventoryPageDto, SkuStockDto } from './inventory.dto';

const encodeCursor = (sku: string): string => Buffer.from(sku, 'utf8').toString('base64url');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const sku = Buffer.from(cursor, 'base64url').toString('utf8');
  if (sku === '' || encodeCursor(sku) !== cursor)
    throw new RequestValidationError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return sku;
}

/** SKUs per page of an export: the page query's own maximum; `limit` does not cut an export. */
const EXPORT_PAGE_SIZE = 200;

export const INVENTORY_EXPORT_COLUMNS: readonly ExportColumn<SkuStockDto>[] = [
  { header: 'sku', value: (s) => s.sku },
  { header: 'onHand', value: (s) => s.onHand },
  { header: 'reserved', value: (s) => s.reserved },
  { header: 'inFlight', value: (s) => s.inFlight },
  { header: 'backordered', value: (s) => s.backordered },
  { header: 'oversold', value: (s) => s.oversold },
  { header: 'available', value: (s) => s.available },
  { header: 'locations', value: (s) => s.locations.map((l) => `${l.location}=${l.onHand}`).join('; ') },
  {
    header: 'channels',
    value: (s) =>
      s.channels.map((c) => `${c.connection}=${c.availableToPromise === null ? 'invalid options' : c.availableToPromise}`).join('; '),
  },
];

interface Channel {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Stock as ops see it: per SKU and location, and the figure every channel (each marketplace a
 * stock route targets) receives, computed by the same policy the pushes use. Adjustments go
 * through the ledger (serialised per SKU, audited) with their InventoryChanged events, so routes
 * push them like any other change.
 */
@Injectable()
export class InventoryApiService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly inventory: InventoryRepository,
    private readonly ledger: InventoryLedgerRepository,
    private readonly outbox: OutboxRepository,
    private readonly routes: RouteRepository,
    private readonly connections: ConnectionRepository,
  ) {}

  async list(query: { sku?: string; location?: string; limit: number; cursor?: string }): Promise<InventoryPageDto> {
    const db = this.dataSource.manager;
    const afterSku = decodeCursor(query.cursor);
    const rows = await this.inventory.skuPage(
      db,
      {
        ...(query.sku === undefined ? {} : { sku: query.sku }),
        ...(query.location === undefined ? {} : { location: query.location }),
        ...(afterSku === undefined ? {} : { afterSku }),
      },
      query.limit + 1,
    );
    const bySku = new Map<string, StockLevelRow[]>();
    for (const row of rows) bySku.set(row.sku, [...(bySku.get(row.sku) ?? []), row]);
    const skus = [...bySku.keys()];
    const page = skus.slice(0, query.limit);
    const totals = await this.inventory.totals(db, page);
    const channels = await this.channels();
    const items: SkuStockDto[] = page.map((sku) => {
      const total = totals.get(sku) ?? { onHand: 0, reserved: 0, inFlight: 0, backordered: 0 };
      return {
        sku,
        ...total,
        oversold: total.backordered > 0,
        available: availableOf(total),
        locations: (bySku.get(sku) ?? []).map((l) => ({
          location: l.location,
          onHand: l.onHand,
          reserved: l.reserved,
          inFlight: l.inFlight,
          backordered: l.backordered,
          available: availableOf(l),
          asOf: l.asOf.toISOString(),
        })),
        channels: channels.map((channel) => this.channelFigure(channel, total)),
      };
    });
    const last = page[page.length - 1];
    return { items, page: { nextCursor: skus.length > query.limit && last !== undefined ? encodeCursor(last) : null } };
  }

  /** Every matching SKU from `cursor` on, as the list shows them, for CSV / JSON-lines exports. */
  exportInventory(query: { sku?: string; location?: string; cursor?: string }): ListExport<SkuStockDto> {
    // A bad cursor is a 400 before the file starts, not a broken file.
    decodeCursor(query.cursor);
    const pages = walkPages<SkuStockDto, string>(async (after) => {
      const page = await this.list({ ...query, limit: EXPORT_PAGE_SIZE, ...(after === undefined ? {} : { cursor: after }) });
      return { rows: page.items, ...(page.page.nextCursor === null ? {} : { next: page.page.nextCursor }) };
    });
    return { name: 'inventory', columns: INVENTORY_EXPORT_COLUMNS, pages };
  }

  async adjust(body: AdjustmentBody, actor: { keyId?: string; name: string }): Promise<AdjustmentDto> {
    if (body.mode === 'delta' && body.quantity === 0)
      throw new RequestValidationError([{ field: 'quantity', reason: 'must not be 0 for a delta' }]);
    if (body.mode === 'absolute' && body.quantity < 0) {
      throw new RequestValidationError([{ field: 'quantity', reason: 'must not be less than 0 for an absolute figure' }]);
    }
    try {
      const result = await this.tx.run(async (m) => {
        const adjusted = await this.ledger.adjust(m, { ...body, reason: body.reason.trim(), actor });
        await this.outbox.append(m, [
          inventoryChangedEvent(
            { sku: body.sku, location: body.location, before: adjusted.before, after: adjusted.after },
            'adjustment',
            new Date(),
          ),
        ]);
        return adjusted;
      });
      return {
        adjustmentId: result.adjustmentId,
        sku: body.sku,
        location: body.location,
        mode: body.mode,
        quantity: body.quantity,
        reason: body.reason.trim(),
        before: result.before,
        after: result.after,
      };
    } catch (error) {
      if (error instanceof InsufficientStock) {
        throw new HttpException(
          {
            message: `${error.message}: the rest is reserved or promised to orders`,
            errors: [
              { field: 'quantity', reason: `would leave less on hand than is reserved and in flight (${error.available} may still leave)` },
            ],
          },
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
      throw error;
    }
  }

  /** The marketplaces an enabled stock route sends to: routes decide which channels get stock. */
  private async channels(): Promise<Channel[]> {
    const db = this.dataSource.manager;
    const targets = new Set((await this.routes.list(db, true)).filter((r) => r.capability === PUSH_STOCK).map((r) => r.connectionId));
    if (targets.size === 0) return [];
    return (await this.connections.list(db)).filter((c) => targets.has(c.id)).map((c) => ({ name: c.name, options: c.options }));
  }

  private channelFigure(channel: Channel, total: LevelCounts): ChannelStockDto {
    try {
      const policy = readChannelStockPolicy(channel.name, channel.options);
      return {
        connection: channel.name,
        safetyStock: policy.safetyStock,
        sharePercent: policy.sharePercent,
        maximum: policy.maximum ?? null,
        availableToPromise: channelQuantity(total, policy),
      };
    } catch (error) {
      if (!(error instanceof InvalidStockOptions)) throw error;
      return { connection: channel.name, safetyStock: 0, sharePercent: 100, maximum: null, availableToPromise: null, error: error.message };
    }
  }
}
