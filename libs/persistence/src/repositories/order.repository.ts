import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainEvent, Instant, Money, Order, OrderCancellation, OrderSnapshot, Party, Payment } from '@serai/domain';
import { asUniqueViolation } from '../unique-violation';
import { OutboxRepository } from './outbox.repository';

export class DuplicateOrder extends Error {
  constructor(
    readonly connectionName: string,
    readonly externalOrderNumber: string,
    readonly existingId: string,
  ) {
    super(`Order ${externalOrderNumber} of ${connectionName} is already stored as ${existingId}`);
    this.name = 'DuplicateOrder';
  }
}

export class StaleOrder extends Error {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was changed by someone else since it was read`);
    this.name = 'StaleOrder';
  }
}

/** Digests personal data for lookup columns; supplied by the app, which holds the key. */
export interface PhoneDigester {
  phone(value: string): string;
}

interface OrderRow {
  id: string;
  source_connection_name: string;
  external_order_number: string;
  status: string;
  status_changed_at: Date;
  on_hold: boolean;
  hold_reason: string | null;
  hold_since: Date | null;
  cancellation: StoredCancellation | null;
  shipment_ids: string[];
  currency: string;
  items_amount: string;
  shipping_amount: string;
  discount_amount: string;
  tax_amount: string;
  total_paid: string;
  buyer: Party | null;
  consignee: Party;
  payment: StoredPayment | null;
  placed_at: Date;
  paid_at: Date | null;
  source_updated_at: Date | null;
  version: number;
}

interface LineRow {
  order_id: string;
  line_no: number;
  line_id: string;
  sku: string;
  title: string | null;
  quantity: number;
  shipped_quantity: number;
  unit_price: string;
  discount_amount: string;
  tax_amount: string;
  sku_ref: { barcodes?: string[]; itemNumbers?: Record<string, string> };
}

type StoredPayment = Omit<Payment, 'paidAt'> & { paidAt?: string };
type StoredCancellation = Omit<OrderCancellation, 'requestedAt' | 'decidedAt'> & { requestedAt: string; decidedAt?: string };

function toStoredCancellation(c: OrderCancellation | undefined): StoredCancellation | null {
  if (!c) return null;
  return { ...c, requestedAt: c.requestedAt.toISOString(), decidedAt: c.decidedAt?.toISOString() };
}

function fromStoredCancellation(c: StoredCancellation | null): OrderCancellation | undefined {
  if (!c) return undefined;
  return { ...c, requestedAt: Instant.parse(c.requestedAt), decidedAt: c.decidedAt === undefined ? undefined : Instant.parse(c.decidedAt) };
}

function instantOrUndefined(date: Date | null): Instant | undefined {
  return date === null ? undefined : Instant.fromDate(date);
}

/**
 * The Order aggregate in `sales_order` and `sales_order_line`. Saving an order also appends the
 * events it recorded to the outbox, in the caller's transaction: a change and its events commit
 * or roll back together. Updates are optimistic (`version`), so two writers never overwrite each
 * other silently.
 */
export class OrderRepository {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly digest: PhoneDigester,
  ) {}

  /** Stores a new order; the same source order twice is a {@link DuplicateOrder}. */
  async insert(tx: EntityManager, order: Order, raw?: unknown): Promise<void> {
    const s = order.toSnapshot();
    await tx.query('SAVEPOINT order_insert');
    try {
      await tx.query(
        `INSERT INTO sales_order (id, source_connection_name, external_order_number, status, status_changed_at, on_hold, hold_reason,
           hold_since, cancellation, shipment_ids, currency, items_amount, shipping_amount, discount_amount, tax_amount, total_paid,
           buyer, consignee, buyer_phone_digest, consignee_phone_digest, payment, placed_at, paid_at, source_updated_at, raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::uuid[], $11, $12, $13, $14, $15, $16, $17::jsonb, $18::jsonb, $19, $20,
           $21::jsonb, $22, $23, $24, $25::jsonb)`,
        [...this.orderColumns(s), raw === undefined ? null : JSON.stringify(raw)],
      );
    } catch (error) {
      const unique = asUniqueViolation(error);
      if (unique?.constraint !== 'sales_order_unique_source') throw unique ?? error;
      await tx.query('ROLLBACK TO SAVEPOINT order_insert');
      const existing = await this.findIdBySource(tx, s.source.connectionName, s.source.externalOrderNumber);
      throw new DuplicateOrder(s.source.connectionName, s.source.externalOrderNumber, existing ?? 'unknown');
    }
    await tx.query('RELEASE SAVEPOINT order_insert');
    await this.insertLines(tx, s);
    await this.appendEvents(tx, order.pullEvents(), s.source.connectionName);
  }

  /** Writes the order's new state if nobody else changed it since `expectedVersion`. */
  async update(tx: EntityManager, order: Order, expectedVersion: number): Promise<number> {
    const s = order.toSnapshot();
    const [, ...columns] = this.orderColumns(s);
    const updated = (await tx.query(
      `UPDATE sales_order SET source_connection_name = $2, external_order_number = $3, status = $4, status_changed_at = $5, on_hold = $6,
         hold_reason = $7, hold_since = $8, cancellation = $9::jsonb, shipment_ids = $10::uuid[], currency = $11, items_amount = $12,
         shipping_amount = $13, discount_amount = $14, tax_amount = $15, total_paid = $16, buyer = $17::jsonb, consignee = $18::jsonb,
         buyer_phone_digest = $19, consignee_phone_digest = $20, payment = $21::jsonb, placed_at = $22, paid_at = $23,
         source_updated_at = $24, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $25
       RETURNING version`,
      [s.id, ...columns, expectedVersion],
    )) as [{ version: number }[], number];
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const version = updated[0][0]?.version;
    if (version === undefined) throw new StaleOrder(s.id);
    for (const line of s.lines) {
      await tx.query(`UPDATE sales_order_line SET shipped_quantity = $3 WHERE order_id = $1 AND line_id = $2`, [
        s.id,
        line.lineId,
        line.shippedQuantity ?? 0,
      ]);
    }
    await this.appendEvents(tx, order.pullEvents(), s.source.connectionName);
    return version;
  }

  async findById(db: EntityManager, id: string): Promise<{ order: Order; version: number } | undefined> {
    const rows = (await db.query(`SELECT * FROM sales_order WHERE id = $1`, [id])) as OrderRow[];
    const row = rows[0];
    if (!row) return undefined;
    const lines = (await db.query(`SELECT * FROM sales_order_line WHERE order_id = $1 ORDER BY line_no`, [id])) as LineRow[];
    return { order: Order.restore(this.toSnapshot(row, lines)), version: row.version };
  }

  async findBySource(
    db: EntityManager,
    connectionName: string,
    externalOrderNumber: string,
  ): Promise<{ order: Order; version: number } | undefined> {
    const id = await this.findIdBySource(db, connectionName, externalOrderNumber);
    return id === undefined ? undefined : this.findById(db, id);
  }

  async findIdBySource(db: EntityManager, connectionName: string, externalOrderNumber: string): Promise<string | undefined> {
    const rows = (await db.query(`SELECT id FROM sales_order WHERE source_connection_name = $1 AND external_order_number = $2`, [
      connectionName,
      externalOrderNumber,
    ])) as { id: string }[];
    return rows[0]?.id;
  }

  /** External numbers of a source's orders in one status, oldest first (e.g. stored but not yet acknowledged). */
  async findExternalNumbersByStatus(db: EntityManager, connectionName: string, status: string, limit: number): Promise<string[]> {
    const rows = (await db.query(
      `SELECT external_order_number FROM sales_order WHERE source_connection_name = $1 AND status = $2 ORDER BY created_at LIMIT $3`,
      [connectionName, status, limit],
    )) as { external_order_number: string }[];
    return rows.map((r) => r.external_order_number);
  }

  /** Orders with this number in any source (logistics systems know orders by the marketplace number only). */
  async findIdsByExternalOrderNumber(db: EntityManager, externalOrderNumber: string): Promise<string[]> {
    const rows = (await db.query(`SELECT id FROM sales_order WHERE external_order_number = $1`, [externalOrderNumber])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  private orderColumns(s: OrderSnapshot): unknown[] {
    const a = s.amounts;
    const currency = a.totalPaid.currency;
    const zero = Money.zero(currency);
    const phoneOf = (p: Party | undefined): string | null => {
      const phone = p?.mobile ?? p?.phone;
      return phone === undefined ? null : this.digest.phone(phone);
    };
    const payment: StoredPayment | null = s.payment ? { ...s.payment, paidAt: s.payment.paidAt?.toISOString() } : null;
    return [
      s.id,
      s.source.connectionName,
      s.source.externalOrderNumber,
      s.status,
      s.statusChangedAt.toDate(),
      s.hold !== undefined,
      s.hold?.reason ?? null,
      s.hold?.since.toDate() ?? null,
      JSON.stringify(toStoredCancellation(s.cancellation)),
      s.shipmentIds,
      currency,
      a.items.amount,
      (a.shipping ?? zero).amount,
      (a.discount ?? zero).amount,
      (a.tax ?? zero).amount,
      a.totalPaid.amount,
      s.buyer ? JSON.stringify(s.buyer) : null,
      JSON.stringify(s.consignee),
      phoneOf(s.buyer),
      phoneOf(s.consignee),
      payment ? JSON.stringify(payment) : null,
      s.createdAt.toDate(),
      s.paidAt?.toDate() ?? null,
      s.updatedAt?.toDate() ?? null,
    ];
  }

  private async insertLines(tx: EntityManager, s: OrderSnapshot): Promise<void> {
    const values: unknown[] = [];
    const tuples = s.lines.map((line, i) => {
      values.push(
        s.id,
        i + 1,
        line.lineId,
        line.sku.sku,
        line.title ?? null,
        line.quantity,
        line.shippedQuantity ?? 0,
        line.unitPrice.amount,
        line.discount?.amount ?? '0',
        line.tax?.amount ?? '0',
        JSON.stringify({ barcodes: line.sku.barcodes ?? [], itemNumbers: line.sku.itemNumbers ?? {} }),
      );
      const o = i * 11;
      return `(${Array.from({ length: 11 }, (_, k) => `$${o + k + 1}`).join(', ')}::jsonb)`;
    });
    await tx.query(
      `INSERT INTO sales_order_line (order_id, line_no, line_id, sku, title, quantity, shipped_quantity, unit_price, discount_amount, tax_amount, sku_ref)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  private async appendEvents(tx: EntityManager, events: readonly DomainEvent[], sourceConnection: string): Promise<void> {
    await this.outbox.append(
      tx,
      events.map((event) => ({
        eventId: randomUUID(),
        eventType: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        sourceConnection,
        payload: event.payload as unknown as Record<string, unknown>,
        occurredAt: event.occurredAt,
      })),
    );
  }

  private toSnapshot(row: OrderRow, lines: LineRow[]): OrderSnapshot {
    const currency = row.currency.trim();
    const money = (amount: string): Money => Money.of(amount, currency);
    return {
      id: row.id,
      source: { connectionName: row.source_connection_name, externalOrderNumber: row.external_order_number },
      status: row.status as OrderSnapshot['status'],
      statusChangedAt: Instant.fromDate(row.status_changed_at),
      hold: row.on_hold && row.hold_since ? { reason: row.hold_reason ?? '', since: Instant.fromDate(row.hold_since) } : undefined,
      cancellation: fromStoredCancellation(row.cancellation),
      shipmentIds: row.shipment_ids,
      amounts: {
        items: money(row.items_amount),
        shipping: money(row.shipping_amount),
        discount: money(row.discount_amount),
        tax: money(row.tax_amount),
        totalPaid: money(row.total_paid),
      },
      buyer: row.buyer ?? undefined,
      consignee: row.consignee,
      payment: row.payment
        ? { ...row.payment, paidAt: row.payment.paidAt === undefined ? undefined : Instant.parse(row.payment.paidAt) }
        : undefined,
      createdAt: Instant.fromDate(row.placed_at),
      paidAt: instantOrUndefined(row.paid_at),
      updatedAt: instantOrUndefined(row.source_updated_at),
      lines: lines.map((line) => ({
        lineId: line.line_id,
        sku: { sku: line.sku, barcodes: line.sku_ref.barcodes, itemNumbers: line.sku_ref.itemNumbers },
        title: line.title,
        quantity: line.quantity,
        shippedQuantity: line.shipped_quantity,
        unitPrice: money(line.unit_price),
        discount: money(line.discount_amount),
        tax: money(line.tax_amount),
      })),
    };
  }
}
