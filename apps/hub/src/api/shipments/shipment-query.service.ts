import { Injectable, NotFoundException } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { ShipmentKeyset, ShipmentListFilter, ShipmentListRepository, ShipmentRow } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { decodeCursor, encodeCursor } from '../orders/page-cursor';
import { ListShipmentsQuery, ShipmentDto, ShipmentPageDto } from './shipment.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_PAGE_SIZE = 1000;

function toDto(row: ShipmentRow): ShipmentDto {
  return {
    id: row.id,
    orderId: row.orderId,
    order: row.orderSource,
    carrierCode: row.carrierCode,
    trackingNumber: row.trackingNumber,
    status: row.status,
    shippedAt: row.shippedAt?.toISOString() ?? null,
    reportedBy: row.reportedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lines: [...row.lines],
  };
}

export const SHIPMENT_EXPORT_COLUMNS: readonly ExportColumn<ShipmentDto>[] = [
  { header: 'id', value: (s) => s.id },
  { header: 'order_id', value: (s) => s.orderId },
  { header: 'order_connection', value: (s) => s.order.connection },
  { header: 'external_order_number', value: (s) => s.order.externalOrderNumber },
  { header: 'carrier_code', value: (s) => s.carrierCode },
  { header: 'tracking_number', value: (s) => s.trackingNumber },
  { header: 'status', value: (s) => s.status },
  { header: 'shipped_at', value: (s) => s.shippedAt },
  { header: 'reported_by', value: (s) => s.reportedBy },
  { header: 'lines', value: (s) => s.lines.map((l) => `${l.sku}x${l.quantity}`).join(' ') },
  { header: 'created_at', value: (s) => s.createdAt },
];

@Injectable()
export class ShipmentQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shipments: ShipmentListRepository,
  ) {}

  async list(query: ListShipmentsQuery): Promise<ShipmentPageDto> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const { rows, next } = await this.shipments.page(this.dataSource.manager, this.filterOf(query), query.limit, after);
    return { data: rows.map(toDto), page: { limit: query.limit, nextCursor: next ? encodeCursor(next) : null } };
  }

  exportShipments(query: ListShipmentsQuery): ListExport<ShipmentDto> {
    const filter = this.filterOf(query);
    const start = query.cursor ? decodeCursor(query.cursor) : undefined;
    const pages = walkPages<ShipmentDto, ShipmentKeyset>(async (after) => {
      const { rows, next } = await this.shipments.page(this.dataSource.manager, filter, EXPORT_PAGE_SIZE, after ?? start);
      return { rows: rows.map(toDto), next };
    });
    return { name: 'shipments', columns: SHIPMENT_EXPORT_COLUMNS, pages };
  }

  async detail(id: string): Promise<ShipmentDto> {
    if (!UUID.test(id)) throw new RequestValidationError([{ field: 'id', reason: 'must be a UUID' }]);
    const row = await this.shipments.findById(this.dataSource.manager, id.toLowerCase());
    if (!row) throw new NotFoundException(`No shipment has id ${id}`);
    return toDto(row);
  }

  private filterOf(query: ListShipmentsQuery): ShipmentListFilter {
    const date = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));
    return {
      status: query.status,
      orderId: query.orderId?.toLowerCase(),
      carrierCode: query.carrierCode,
      trackingNumber: query.trackingNumber,
      createdFrom: date(query.createdFrom),
      createdTo: date(query.createdTo),
      shippedFrom: date(query.shippedFrom),
      shippedTo: date(query.shippedTo),
    };
  }
}
