import { Injectable, NotFoundException } from '@nestjs/common';
import { maskParty, Money, Party } from '@serai/domain';
import { OrderDetailLineStock, OrderDetailRepository, poolSqlRunner, SqlRunner } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { LineStockDto, OrderDetailDto, OrderCancellationDto, PartyDto, PaymentDto } from './order-detail.dto';
import { parseOrderId } from './order-id';

const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

const lineStockDto = (held: OrderDetailLineStock | null): LineStockDto | null =>
  held ? { location: held.location, reserved: held.covered, backordered: held.backordered, consumed: held.consumed } : null;

@Injectable()
export class OrderDetailService {
  /** The detail statement is prepared once per connection (its plan does not depend on the id). */
  private readonly reads: SqlRunner;

  constructor(
    dataSource: DataSource,
    private readonly details: OrderDetailRepository,
  ) {
    this.reads = poolSqlRunner(dataSource);
  }

  /** One order with its lines, amounts, parties (masked unless `withPii`), references in every system, shipments and returns. */
  async orderDetail(rawId: string, withPii: boolean): Promise<OrderDetailDto> {
    const id = parseOrderId(rawId);
    const row = await this.details.find(this.reads, id);
    if (!row) throw new NotFoundException(`No order has id ${id}`);
    const money = (amount: string, currency = row.currency): { amount: string; currency: string } =>
      Money.of(amount, currency.trim()).toJSON();
    const party = (p: Party): PartyDto => (withPii ? p : maskParty(p));
    const cancellation = row.cancellation as (Omit<OrderCancellationDto, 'decidedAt'> & { decidedAt?: string }) | null;
    const payment = row.payment as (PaymentDto & { paidAt?: string }) | null;
    return {
      id: row.id,
      status: row.status,
      statusChangedAt: row.statusChangedAt.toISOString(),
      hold: row.onHold && row.holdSince ? { reason: row.holdReason ?? '', since: row.holdSince.toISOString() } : null,
      cancellation: cancellation
        ? {
            reason: cancellation.reason,
            initiatedBy: cancellation.initiatedBy,
            requestedAt: iso(cancellation.requestedAt) ?? '',
            outcome: cancellation.outcome,
            decidedAt: iso(cancellation.decidedAt),
          }
        : null,
      source: { connection: row.sourceConnectionName, externalOrderNumber: row.externalOrderNumber },
      externalReferences: [
        { connection: row.sourceConnectionName, externalId: row.externalOrderNumber, kind: 'source' },
        ...row.refs.map((r) => ({ connection: r.connection, externalId: r.externalId, kind: r.kind })),
      ],
      amounts: {
        items: money(row.amounts.items),
        shipping: money(row.amounts.shipping),
        discount: money(row.amounts.discount),
        tax: money(row.amounts.tax),
        totalPaid: money(row.amounts.totalPaid),
      },
      lines: row.lines.map((l) => ({
        lineNo: l.lineNo,
        lineId: l.lineId,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
        shippedQuantity: l.shippedQuantity,
        unitPrice: money(l.unitPrice),
        discount: money(l.discount),
        tax: money(l.tax),
        stock: lineStockDto(l.stock),
      })),
      backordered: row.lines.some((l) => (l.stock?.backordered ?? 0) > 0),
      buyer: row.buyer ? party(row.buyer) : null,
      consignee: party(row.consignee),
      personalDataMasked: !withPii,
      payment: payment
        ? {
            method: payment.method,
            ...(payment.paymentNumber === undefined ? {} : { paymentNumber: payment.paymentNumber }),
            ...(payment.paidAt === undefined ? {} : { paidAt: iso(payment.paidAt) ?? undefined }),
          }
        : null,
      placedAt: row.placedAt.toISOString(),
      paidAt: iso(row.paidAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
      shipments: row.shipments.map((s) => ({
        id: s.id,
        carrierCode: s.carrierCode,
        trackingNumber: s.trackingNumber,
        status: s.status,
        shippedAt: iso(s.shippedAt),
        createdAt: iso(s.createdAt) ?? '',
        lines: [...s.lines],
      })),
      returns: row.returns.map((r) => ({
        id: r.id,
        returnNumber: r.returnNumber,
        connection: r.connection,
        status: r.status,
        refund: money(r.refund, r.currency),
        acknowledgedAt: iso(r.acknowledgedAt),
        createdAt: iso(r.createdAt) ?? '',
      })),
    };
  }
}
