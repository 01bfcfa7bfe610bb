import { randomUUID } from 'node:crypto';
import { Money, Return } from '@serai/domain';
import { EntityManager } from 'typeorm';
import { asUniqueViolation } from '../unique-violation';
import { OutboxRepository } from './outbox.repository';

export interface ReturnListFilter {
  readonly status?: readonly string[];
  readonly connectionName?: string;
  readonly orderId?: string;
  readonly externalOrderNumber?: string;
  readonly returnNumber?: string;
  readonly acknowledged?: boolean;
  /** Only returns whose order the hub does not know (yet). */
  readonly orderUnknown?: boolean;
}

export interface ReturnKeyset {
  readonly createdAt: Date;
  readonly id: string;
}

export interface ReturnLineRow {
  readonly sku: string;
  readonly quantity: number;
  readonly refund: Money;
}

export interface ReturnRow {
  readonly id: string;
  readonly returnNumber: string;
  readonly orderId: string | null;
  readonly externalOrderNumber: string | null;
  readonly sourceConnectionName: string;
  readonly status: string;
  readonly refundTotal: Money;
  readonly shippingRefund: Money;
  readonly reason: string | null;
  readonly parcel: { readonly carrierCode: string; readonly trackingNumber: string } | null;
  readonly requestedAt: Date | null;
  readonly acknowledgedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lines: readonly ReturnLineRow[];
}

interface RawReturn {
  id: string;
  return_number: string;
  order_id: string | null;
  external_order_number: string | null;
  source_connection_name: string;
  status: string;
  currency: string;
  refund_amount: string;
  detail: { reason?: string; parcel?: { carrierCode: string; trackingNumber: string }; shippingRefund?: string };
  requested_at: Date | null;
  acknowledged_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, return_number, order_id, external_order_number, source_connection_name, status, currency, refund_amount::text AS refund_amount,
  detail, requested_at, acknowledged_at, created_at, updated_at`;

/**
 * Canonical return requests in `return_request` and `return_line`, one per marketplace return
 * number and source connection. Storing one appends its ReturnReceived event in the same transaction.
 */
export class ReturnRepository {
  constructor(private readonly outbox: OutboxRepository) {}

  /**
   * Stores a return taken in from `connectionName`; answers false (and changes nothing) when that
   * source's return number is already stored, so reading a return twice never stores it twice.
   */
  async insertIfNew(
    tx: EntityManager,
    returned: Return,
    source: { readonly connectionName: string; readonly externalOrderNumber: string },
    raw: unknown,
  ): Promise<boolean> {
    const s = returned.toSnapshot();
    await tx.query('SAVEPOINT return_insert');
    try {
      await tx.query(
        `INSERT INTO return_request (id, return_number, order_id, external_order_number, source_connection_id, source_connection_name, status,
                                     currency, refund_amount, requested_at, detail, raw)
         VALUES ($1, $2, $3, $4, (SELECT id FROM connection WHERE name = $5), $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)`,
        [
          s.id,
          s.returnNumber,
          s.orderId ?? null,
          source.externalOrderNumber,
          source.connectionName,
          s.status,
          returned.currency,
          returned.refundTotal.amount,
          s.requestedAt.toDate(),
          JSON.stringify({
            ...(s.reason === undefined ? {} : { reason: s.reason }),
            ...(s.parcel === undefined ? {} : { parcel: s.parcel }),
            shippingRefund: returned.shippingRefund.amount,
          }),
          raw === undefined ? null : JSON.stringify(raw),
        ],
      );
    } catch (error) {
      const unique = asUniqueViolation(error);
      if (unique?.constraint !== 'return_request_unique_source') throw unique ?? error;
      await tx.query('ROLLBACK TO SAVEPOINT return_insert');
      return false;
    }
    await tx.query('RELEASE SAVEPOINT return_insert');
    await tx.query(
      `INSERT INTO return_line (return_id, line_no, sku, quantity, refund_amount)
       SELECT $1, n, sku, quantity, refund::numeric
         FROM unnest($2::text[], $3::integer[], $4::text[]) WITH ORDINALITY AS t(sku, quantity, refund, n)`,
      [s.id, s.lines.map((l) => l.sku), s.lines.map((l) => l.quantity), s.lines.map((l) => l.refund.amount)],
    );
    await this.outbox.append(
      tx,
      returned.pullEvents().map((event) => ({
        eventId: randomUUID(),
        eventType: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        sourceConnection: source.connectionName,
        payload: event.payload as unknown as Record<string, unknown>,
        occurredAt: event.occurredAt,
      })),
    );
    return true;
  }

  /** Stamps the marketplace's acknowledgement (once); answers how many returns it stamped now. */
  async markAcknowledged(tx: EntityManager, connectionName: string, returnNumbers: readonly string[]): Promise<number> {
    if (returnNumbers.length === 0) return 0;
    const updated = (await tx.query(
      `UPDATE return_request SET acknowledged_at = now(), updated_at = now(), version = version + 1
        WHERE source_connection_name = $1 AND return_number = ANY($2::text[]) AND acknowledged_at IS NULL
        RETURNING id`,
      [connectionName, returnNumbers],
    )) as [unknown[], number];
    return updated[0].length;
  }

  /** Stored returns the marketplace has not yet been told about (a crash between commit and acknowledgement). */
  async findUnacknowledged(db: EntityManager, connectionName: string, limit: number): Promise<string[]> {
    const rows = (await db.query(
      `SELECT return_number FROM return_request WHERE source_connection_name = $1 AND acknowledged_at IS NULL ORDER BY created_at LIMIT $2`,
      [connectionName, limit],
    )) as { return_number: string }[];
    return rows.map((r) => r.return_number);
  }

  async findById(db: EntityManager, id: string): Promise<ReturnRow | undefined> {
    const rows = (await db.query(`SELECT ${COLUMNS} FROM return_request WHERE id = $1`, [id])) as RawReturn[];
    return (await this.withLines(db, rows))[0];
  }

  async listForOrder(db: EntityManager, orderId: string): Promise<ReturnRow[]> {
    const rows = (await db.query(`SELECT ${COLUMNS} FROM return_request WHERE order_id = $1 ORDER BY created_at`, [
      orderId,
    ])) as RawReturn[];
    return this.withLines(db, rows);
  }

  /** Newest first, keyset-paginated. */
  async page(
    db: EntityManager,
    filter: ReturnListFilter,
    limit: number,
    after?: ReturnKeyset,
  ): Promise<{ rows: ReturnRow[]; next?: ReturnKeyset }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status && filter.status.length > 0) where.push(`status = ANY(${param(filter.status)}::text[])`);
    if (filter.connectionName) where.push(`source_connection_name = ${param(filter.connectionName)}`);
    if (filter.orderId) where.push(`order_id = ${param(filter.orderId)}::uuid`);
    if (filter.externalOrderNumber) where.push(`external_order_number = ${param(filter.externalOrderNumber)}`);
    if (filter.returnNumber) where.push(`return_number = ${param(filter.returnNumber)}`);
    if (filter.acknowledged !== undefined) where.push(filter.acknowledged ? `acknowledged_at IS NOT NULL` : `acknowledged_at IS NULL`);
    if (filter.orderUnknown !== undefined) where.push(filter.orderUnknown ? `order_id IS NULL` : `order_id IS NOT NULL`);
    if (after) where.push(`(created_at, id) < (${param(after.createdAt)}, ${param(after.id)}::uuid)`);
    const raw = (await db.query(
      `SELECT ${COLUMNS} FROM return_request ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`,
      params,
    )) as RawReturn[];
    const rows = await this.withLines(db, raw.slice(0, limit));
    const last = rows[rows.length - 1];
    return { rows, next: raw.length > limit && last ? { createdAt: last.createdAt, id: last.id } : undefined };
  }

  private async withLines(db: EntityManager, rows: readonly RawReturn[]): Promise<ReturnRow[]> {
    if (rows.length === 0) return [];
    const lines = (await db.query(
      `SELECT return_id, sku, quantity, refund_amount::text AS refund_amount FROM return_line WHERE return_id = ANY($1::uuid[]) ORDER BY return_id, line_no`,
      [rows.map((r) => r.id)],
    )) as { return_id: string; sku: string; quantity: number; refund_amount: string }[];
    return rows.map((r) => {
      const currency = r.currency.trim();
      return {
        id: r.id,
        returnNumber: r.return_number,
        orderId: r.order_id,
        externalOrderNumber: r.external_order_number,
        sourceConnectionName: r.source_connection_name,
        status: r.status,
        refundTotal: Money.of(r.refund_amount, currency),
        shippingRefund: Money.of(r.detail.shippingRefund ?? '0', currency),
        reason: r.detail.reason ?? null,
        parcel: r.detail.parcel ?? null,
        requestedAt: r.requested_at,
        acknowledgedAt: r.acknowledged_at,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        lines: lines
          .filter((l) => l.return_id === r.id)
          .map((l) => ({ sku: l.sku, quantity: l.quantity, refund: Money.of(l.refund_amount, currency) })),
      };
    });
  }
}
