import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainEvent, Instant, Money, Order, OrderCancellation, OrderSnapshot, Party, Payment } from '@serai/domain';
import { asUniqueViolation } from '../unique-violation';
import type { ExternalRef } from './external-ref.repository';
import { OrderStockRepository } from './order-stock.repository';
import { outboxInsertStatement, OutboxEventInput, OutboxRepository } from './outbox.repository';

/** The events after which an order holds a different amount of stock (ADR 0022). */
const STOCK_EVENTS: ReadonlySet<string> = new Set(['OrderShipped', 'OrderPartiallyShipped', 'OrderCancelled']);
const changesStock = (events: readonly DomainEvent[]): boolean => events.some((e) => STOCK_EVENTS.has(e.type));

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
 * An order's lines as a JSON array beside its row, so an order is read in one statement. Amounts
 * are sent as text: a JSON number would reach JavaScript as a float.
 */
const LINES_OF_ORDER = `coalesce((
  SELECT json_agg(json_build_object('order_id', l.order_id, 'line_no', l.line_no, 'line_id', l.line_id, 'sku', l.sku, 'title', l.title,
           'quantity', l.quantity, 'shipped_quantity', l.shipped_quantity, 'unit_price', l.unit_price::text,
           'discount_amount', l.discount_amount::text, 'tax_amount', l.tax_amount::text, 'sku_ref', l.sku_ref) ORDER BY l.line_no)
    FROM sales_order_line l WHERE l.order_id = o.id), '[]'::json)`;

type OrderWithLines = OrderRow & { lines: LineRow[] };

/** Every column of an order set from a row `v` of parallel arrays (shipment ids as a JSON array), for the statements that write many orders. */
const UPDATE_FROM_V = `source_connection_name = v.source_connection_name, external_order_number = v.external_order_number,
         status = v.status, status_changed_at = v.status_changed_at, on_hold = v.on_hold, hold_reason = v.hold_reason,
         hold_since = v.hold_since, cancellation = v.cancellation, shipment_ids = ARRAY(SELECT jsonb_array_elements_text(v.shipment_ids))::uuid[],
         currency = v.currency, items_amount = v.items_amount, shipping_amount = v.shipping_amount, discount_amount = v.discount_amount,
         tax_amount = v.tax_amount, total_paid = v.total_paid, buyer = v.buyer, consignee = v.consignee,
         buyer_phone_digest = v.buyer_phone_digest, consignee_phone_digest = v.consignee_phone_digest, payment = v.payment,
         placed_at = v.placed_at, paid_at = v.paid_at, source_updated_at = v.source_updated_at, version = o.version + 1, updated_at = now()`;

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
    /** Orders hold stock in the transaction that stores or changes them. */
    private readonly stock: OrderStockRepository = new OrderStockRepository(outbox),
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
    await this.insertLinesOf(tx, [s]);
    await this.outbox.append(tx, this.toOutboxEvents(order.pullEvents(), s.source.connectionName));
    await this.stock.applyOrders(tx, [s]);
  }

  /**
   * Stores a page of new orders in three statements (orders, their lines, their events), skipping
   * the ones already stored (same source and number). Answers the ids of the orders it stored;
   * the others are duplicates and changed nothing.
   */
  async insertMany(tx: EntityManager, incoming: readonly { readonly order: Order; readonly raw?: unknown }[]): Promise<Set<string>> {
    if (incoming.length === 0) return new Set();
    const values: unknown[] = [];
    const tuples = incoming.map(({ order, raw }, i) => {
      values.push(...this.orderColumns(order.toSnapshot()), raw === undefined ? null : JSON.stringify(raw));
      const o = i * 25;
      const n = (k: number): string => `$${o + k}`;
      return `(${n(1)}::uuid, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}::timestamptz, ${n(6)}::boolean, ${n(7)}, ${n(8)}::timestamptz, ${n(9)}::jsonb,
        ${n(10)}::uuid[], ${n(11)}, ${n(12)}::numeric, ${n(13)}::numeric, ${n(14)}::numeric, ${n(15)}::numeric, ${n(16)}::numeric, ${n(17)}::jsonb,
        ${n(18)}::jsonb, ${n(19)}, ${n(20)}, ${n(21)}::jsonb, ${n(22)}::timestamptz, ${n(23)}::timestamptz, ${n(24)}::timestamptz, ${n(25)}::jsonb)`;
    });
    const inserted = (await tx.query(
      `INSERT INTO sales_order (id, source_connection_name, external_order_number, status, status_changed_at, on_hold, hold_reason,
         hold_since, cancellation, shipment_ids, currency, items_amount, shipping_amount, discount_amount, tax_amount, total_paid,
         buyer, consignee, buyer_phone_digest, consignee_phone_digest, payment, placed_at, paid_at, source_updated_at, raw)
       VALUES ${tuples.join(', ')}
       ON CONFLICT ON CONSTRAINT sales_order_unique_source DO NOTHING
       RETURNING id`,
      values,
    )) as { id: string }[];
    const stored = new Set(inserted.map((row) => row.id));
    const fresh = incoming.filter(({ order }) => stored.has(order.id));
    const snapshots = fresh.map(({ order }) => order.toSnapshot());
    await this.insertLinesOf(tx, snapshots);
    const events = fresh.flatMap(({ order }) => this.toOutboxEvents(order.pullEvents(), order.source.connectionName));
    await this.outbox.append(tx, events);
    // Only the orders this page stored reserve: a page read again reserves nothing twice.
    await this.stock.applyOrders(tx, snapshots);
    return stored;
  }

  /**
   * Writes the order's new state if nobody else changed it since `expectedVersion`: the order row,
   * the shipped quantities of its lines and the events it recorded, in one statement (the lines and
   * events only if the order row was written).
   */
  async update(tx: EntityManager, order: Order, expectedVersion: number): Promise<number> {
    const s = order.toSnapshot();
    const [, ...columns] = this.orderColumns(s);
    const pulled = order.pullEvents();
    const events = this.toOutboxEvents(pulled, s.source.connectionName);
    const lineIds = s.lines.map((line) => line.lineId);
    const shipped = s.lines.map((line) => line.shippedQuantity ?? 0);
    const outbox = outboxInsertStatement(events, 28, 'EXISTS (SELECT 1 FROM updated)');
    const rows = (await tx.query(
      `WITH updated AS (
         UPDATE sales_order SET source_connection_name = $2, external_order_number = $3, status = $4, status_changed_at = $5, on_hold = $6,
           hold_reason = $7, hold_since = $8, cancellation = $9::jsonb, shipment_ids = $10::uuid[], currency = $11, items_amount = $12,
           shipping_amount = $13, discount_amount = $14, tax_amount = $15, total_paid = $16, buyer = $17::jsonb, consignee = $18::jsonb,
           buyer_phone_digest = $19, consignee_phone_digest = $20, payment = $21::jsonb, placed_at = $22, paid_at = $23,
           source_updated_at = $24, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $25
         RETURNING version),
       lines AS (
         UPDATE sales_order_line l SET shipped_quantity = v.shipped
           FROM unnest($26::text[], $27::int[]) AS v(line_id, shipped)
          WHERE l.order_id = $1 AND l.line_id = v.line_id AND l.shipped_quantity <> v.shipped AND EXISTS (SELECT 1 FROM updated))
       ${events.length > 0 ? `, events AS (${outbox.sql})` : ''}
       SELECT version FROM updated`,
      [s.id, ...columns, expectedVersion, lineIds, shipped, ...(events.length > 0 ? outbox.params : [])],
    )) as { version: number }[];
    const version = rows[0]?.version;
    if (version === undefined) throw new StaleOrder(s.id);
    if (changesStock(pulled)) await this.stock.applyOrders(tx, [s]);
    return version;
  }

  /**
   * {@link update} and the binding of an external id of the order, in one statement (one round trip,
   * no transaction of its own needed): the order is written only if the binding was made now or
   * was already there for this order. Answers `stale` when the order changed since
   * `expectedVersion` (the binding is kept: binding again is a no-op), and `unbound` when the
   * external id could not be shown bound to this order (bound elsewhere, or by a writer this
   * statement could not see): nothing was written, and the caller binds with
   * ExternalRefRepository.bind, which tells those apart.
   */
  async updateBinding(
    tx: EntityManager,
    order: Order,
    expectedVersion: number,
    ref: ExternalRef,
  ): Promise<'written' | 'stale' | 'unbound'> {
    const [outcome] = await this.updateBindingMany(tx, [{ order, expectedVersion, ref }]);
    return outcome ?? 'stale';
  }

  /**
   * {@link updateBinding} for many orders in one statement (a group of forwarded orders): each
   * order is written if nobody changed it since its `expectedVersion` and its external id was bound
   * now or already to it; answers each one's outcome, in order. An order named twice in one call is
   * written once: the later ones answer `stale`, so their caller reads the order again.
   */
  async updateBindingMany(
    tx: EntityManager,
    changes: readonly { readonly order: Order; readonly expectedVersion: number; readonly ref: ExternalRef }[],
  ): Promise<('written' | 'stale' | 'unbound')[]> {
    const seen = new Set<string>();
    const once = changes.filter((c) => !seen.has(c.order.id) && seen.add(c.order.id));
    if (once.length === 0) return changes.map(() => 'stale');
    const snapshots = once.map((c) => c.order.toSnapshot());
    const columns = snapshots.map((s) => this.orderColumns(s));
    const column = (k: number): unknown[] => columns.map((row) => row[k]);
    const pulled = once.map((c) => c.order.pullEvents());
    const events = once.flatMap((c, i) => this.toOutboxEvents(pulled[i] ?? [], c.order.source.connectionName));
    const lines = snapshots.flatMap((s) =>
      s.lines.map((line) => ({ orderId: s.id, lineId: line.lineId, shipped: line.shippedQuantity ?? 0 })),
    );
    const outbox = outboxInsertStatement(events, 33, 'e.aggregate_id IN (SELECT id::text FROM updated)');
    const rows = (await tx.query(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::boolean[], $7::text[], $8::timestamptz[],
           $9::jsonb[], $10::jsonb[], $11::text[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[],
           $17::jsonb[], $18::jsonb[], $19::text[], $20::text[], $21::jsonb[], $22::timestamptz[], $23::timestamptz[], $24::timestamptz[],
           $25::int[], $26::text[], $27::uuid[], $28::text[], $29::text[])
           AS v(id, source_connection_name, external_order_number, status, status_changed_at, on_hold, hold_reason, hold_since,
             cancellation, shipment_ids, currency, items_amount, shipping_amount, discount_amount, tax_amount, total_paid, buyer,
             consignee, buyer_phone_digest, consignee_phone_digest, payment, placed_at, paid_at, source_updated_at, expected_version,
             ref_entity_type, ref_connection_id, ref_external_id, ref_kind)),
       bound AS (
         INSERT INTO external_ref (entity_type, entity_id, connection_id, external_id, kind)
         SELECT ref_entity_type, id::text, ref_connection_id, ref_external_id, ref_kind FROM v
         ON CONFLICT ON CONSTRAINT external_ref_unique_per_connection DO NOTHING
         RETURNING entity_id),
       mine AS (
         SELECT e.entity_id FROM external_ref e JOIN v
           ON e.connection_id = v.ref_connection_id AND e.entity_type = v.ref_entity_type AND e.kind = v.ref_kind
          AND e.external_id = v.ref_external_id AND e.entity_id = v.id::text),
       ok AS (SELECT entity_id FROM bound UNION SELECT entity_id FROM mine),
       updated AS (
         UPDATE sales_order o SET ${UPDATE_FROM_V}
           FROM v
          WHERE o.id = v.id AND o.version = v.expected_version AND v.id::text IN (SELECT entity_id FROM ok)
          RETURNING o.id),
       lines AS (
         UPDATE sales_order_line l SET shipped_quantity = x.shipped
           FROM unnest($30::uuid[], $31::text[], $32::int[]) AS x(order_id, line_id, shipped)
          WHERE l.order_id = x.order_id AND l.line_id = x.line_id AND l.shipped_quantity <> x.shipped AND x.order_id IN (SELECT id FROM updated))
       ${events.length > 0 ? `, events AS (${outbox.sql})` : ''}
       SELECT v.id::text AS id, v.id IN (SELECT id FROM updated) AS written, v.id::text IN (SELECT entity_id FROM ok) AS bound FROM v`,
      [
        ...Array.from({ length: 24 }, (_, k) => (k === 9 ? column(k).map((ids) => JSON.stringify(ids)) : column(k))),
        once.map((c) => c.expectedVersion),
        once.map((c) => c.ref.entityType),
        once.map((c) => c.ref.connectionId),
        once.map((c) => c.ref.externalId),
        once.map((c) => c.ref.kind ?? 'primary'),
        lines.map((l) => l.orderId),
        lines.map((l) => l.lineId),
        lines.map((l) => l.shipped),
        ...(events.length > 0 ? outbox.params : []),
      ],
    )) as { id: string; written: boolean; bound: boolean }[];
    const outcome = new Map(rows.map((r) => [r.id, r.written ? 'written' : r.bound ? 'stale' : 'unbound'] as const));
    await this.stock.applyOrders(
      tx,
      snapshots.filter((s, i) => outcome.get(s.id) === 'written' && changesStock(pulled[i] ?? [])),
    );
    const first = new Set(once);
    return changes.map((c) => (first.has(c) ? (outcome.get(c.order.id) ?? 'stale') : 'stale'));
  }

  /**
   * Writes many orders' new states at once (e.g. a list of acknowledgements): the order rows in one
   * statement, the changed shipped quantities in one, their events in one. Call it inside a
   * transaction: if any order was changed by someone else since its `expectedVersion`, it throws
   * {@link StaleOrder} before the lines and events are written, and the transaction rolls back.
   */
  async updateMany(tx: EntityManager, changes: readonly { readonly order: Order; readonly expectedVersion: number }[]): Promise<void> {
    if (changes.length === 0) return;
    const snapshots = changes.map((c) => c.order.toSnapshot());
    const columns = snapshots.map((s) => this.orderColumns(s));
    const column = (k: number): unknown[] => columns.map((row) => row[k]);
    const updated = (await tx.query(
      `UPDATE sales_order o SET ${UPDATE_FROM_V}
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::boolean[], $7::text[], $8::timestamptz[],
         $9::jsonb[], $10::jsonb[], $11::text[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[],
         $17::jsonb[], $18::jsonb[], $19::text[], $20::text[], $21::jsonb[], $22::timestamptz[], $23::timestamptz[], $24::timestamptz[],
         $25::int[])
         AS v(id, source_connection_name, external_order_number, status, status_changed_at, on_hold, hold_reason, hold_since,
           cancellation, shipment_ids, currency, items_amount, shipping_amount, discount_amount, tax_amount, total_paid, buyer,
           consignee, buyer_phone_digest, consignee_phone_digest, payment, placed_at, paid_at, source_updated_at, expected_version)
       WHERE o.id = v.id AND o.version = v.expected_version
       RETURNING o.id`,
      [
        ...Array.from({ length: 24 }, (_, k) => (k === 9 ? column(k).map((ids) => JSON.stringify(ids)) : column(k))),
        changes.map((c) => c.expectedVersion),
      ],
    )) as [{ id: string }[], number];
    const written = new Set(updated[0].map((row) => row.id));
    const stale = snapshots.find((s) => !written.has(s.id));
    if (stale) throw new StaleOrder(stale.id);
    const pulled = changes.map((c) => c.order.pullEvents());
    const lines = snapshots.flatMap((s) =>
      s.lines.map((line) => ({ orderId: s.id, lineId: line.lineId, shipped: line.shippedQuantity ?? 0 })),
    );
    await tx.query(
      `UPDATE sales_order_line l SET shipped_quantity = v.shipped
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS v(order_id, line_id, shipped)
        WHERE l.order_id = v.order_id AND l.line_id = v.line_id AND l.shipped_quantity <> v.shipped`,
      [lines.map((l) => l.orderId), lines.map((l) => l.lineId), lines.map((l) => l.shipped)],
    );
    await this.outbox.append(
      tx,
      changes.flatMap((c, i) => this.toOutboxEvents(pulled[i] ?? [], c.order.source.connectionName)),
    );
    await this.stock.applyOrders(
      tx,
      snapshots.filter((_, i) => changesStock(pulled[i] ?? [])),
    );
  }

  async findById(db: EntityManager, id: string): Promise<{ order: Order; version: number } | undefined> {
    const rows = (await db.query(`SELECT o.*, ${LINES_OF_ORDER} AS lines FROM sales_order o WHERE o.id = $1`, [id])) as OrderWithLines[];
    const row = rows[0];
    return row ? { order: Order.restore(this.toSnapshot(row, row.lines)), version: row.version } : undefined;
  }

  /** The orders with these ids (those that do not exist are left out), one statement. */
  async findManyByIds(db: EntityManager, ids: readonly string[]): Promise<{ order: Order; version: number }[]> {
    if (ids.length === 0) return [];
    const rows = (await db.query(`SELECT o.*, ${LINES_OF_ORDER} AS lines FROM sales_order o WHERE o.id = ANY($1::uuid[])`, [
      ids,
    ])) as OrderWithLines[];
    return rows.map((row) => ({ order: Order.restore(this.toSnapshot(row, row.lines)), version: row.version }));
  }

  /** The stored orders of a source among these numbers (those not stored are left out), one statement. */
  async findManyBySource(
    db: EntityManager,
    connectionName: string,
    externalOrderNumbers: readonly string[],
  ): Promise<{ order: Order; version: number }[]> {
    if (externalOrderNumbers.length === 0) return [];
    const rows = (await db.query(
      `SELECT o.*, ${LINES_OF_ORDER} AS lines FROM sales_order o
        WHERE o.source_connection_name = $1 AND o.external_order_number = ANY($2::text[])`,
      [connectionName, externalOrderNumbers],
    )) as OrderWithLines[];
    return rows.map((row) => ({ order: Order.restore(this.toSnapshot(row, row.lines)), version: row.version }));
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

  /** The ids of the orders with each of these numbers, in any source, in one statement. */
  async findIdsByExternalOrderNumbers(db: EntityManager, externalOrderNumbers: readonly string[]): Promise<Map<string, string[]>> {
    const ids = new Map<string, string[]>();
    if (externalOrderNumbers.length === 0) return ids;
    const rows = (await db.query(`SELECT id, external_order_number FROM sales_order WHERE external_order_number = ANY($1::text[])`, [
      [...new Set(externalOrderNumbers)],
    ])) as { id: string; external_order_number: string }[];
    for (const row of rows) ids.set(row.external_order_number, [...(ids.get(row.external_order_number) ?? []), row.id]);
    return ids;
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

  /** The lines of these orders in one statement. */
  private async insertLinesOf(tx: EntityManager, orders: readonly OrderSnapshot[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = orders.flatMap((s) =>
      s.lines.map((line, i) => {
        const o = values.length;
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
        // The order's created_at, copied for the SKU filter's keyset index (a foreign key keeps it equal).
        return `(${Array.from({ length: 11 }, (_, k) => `$${o + k + 1}`).join(', ')}::jsonb, (SELECT created_at FROM sales_order WHERE id = $${o + 1}))`;
      }),
    );
    if (tuples.length === 0) return;
    await tx.query(
      `INSERT INTO sales_order_line (order_id, line_no, line_id, sku, title, quantity, shipped_quantity, unit_price, discount_amount, tax_amount, sku_ref,
         order_created_at)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  private toOutboxEvents(events: readonly DomainEvent[], sourceConnection: string): OutboxEventInput[] {
    return events.map((event) => ({
      eventId: randomUUID(),
      eventType: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      sourceConnection,
      payload: event.payload as unknown as Record<string, unknown>,
      occurredAt: event.occurredAt,
    }));
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
