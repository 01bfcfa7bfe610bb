import { randomUUID } from 'node:crypto';
import { Instant, Money, Price, PriceChanged, PriceKind } from '@serai/domain';
import { EntityManager } from 'typeorm';
import { OutboxRepository } from './outbox.repository';

/** The canonical price's scope in `price`; any other scope is the connection that confirmed it. */
export const CANONICAL_SCOPE = 'canonical';

export interface PriceRow {
  readonly sku: string;
  readonly kind: PriceKind;
  /** `canonical`, or the name of the connection that last confirmed this price. */
  readonly scope: string;
  readonly amount: Money;
  readonly asOf: Instant;
  readonly updatedAt: Date;
}

export type PricePushState = 'pending' | 'in_flight' | 'done' | 'failed';

export interface PricePushRow {
  readonly connectionId: string;
  readonly connectionName: string;
  readonly sku: string;
  readonly kind: PriceKind;
  readonly amount: Money;
  readonly asOf: Instant;
  readonly state: PricePushState;
  readonly reason: string | null;
  readonly updatedAt: Date;
}

export interface ClaimedPrice {
  readonly sku: string;
  readonly kind: PriceKind;
  readonly amount: Money;
}

interface RawPrice {
  sku: string;
  kind: PriceKind;
  scope: string;
  amount: string;
  currency: string;
  as_of: Date;
  updated_at: Date;
}

/**
 * Prices: the canonical price of each SKU and kind, the price each connection last confirmed
 * (same table, scoped by connection name), and the queue of prices on their way to each
 * connection (`price_push`), coalesced per SKU and kind.
 */
export class PriceRepository {
  constructor(private readonly outbox: OutboxRepository) {}

  /** Current canonical prices of these SKU/kind pairs, locked for the caller's transaction. */
  async lockCanonical(tx: EntityManager, keys: readonly { sku: string; kind: string }[]): Promise<Map<string, Price>> {
    if (keys.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT p.sku, p.kind, p.scope, p.amount::text AS amount, p.currency, p.as_of, p.updated_at
         FROM price p JOIN unnest($1::text[], $2::text[]) AS k(sku, kind) ON p.sku = k.sku AND p.kind = k.kind
        WHERE p.scope = '${CANONICAL_SCOPE}'
        ORDER BY p.sku, p.kind
        FOR UPDATE OF p`,
      [keys.map((k) => k.sku), keys.map((k) => k.kind)],
    )) as RawPrice[];
    return new Map(rows.map((r) => [`${r.sku}:${r.kind}`, toPrice(r)]));
  }

  /** Writes canonical prices and their PriceChanged events in the caller's transaction; answers each event's outbox id. */
  async saveCanonical(tx: EntityManager, changes: readonly { readonly price: Price; readonly event: PriceChanged }[]): Promise<string[]> {
    if (changes.length === 0) return [];
    await tx.query(
      `INSERT INTO price (sku, kind, scope, amount, currency, as_of)
       SELECT sku, kind, '${CANONICAL_SCOPE}', amount::numeric, currency, as_of::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(sku, kind, amount, currency, as_of)
       ON CONFLICT (sku, kind, scope) DO UPDATE
         SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, as_of = EXCLUDED.as_of, version = price.version + 1, updated_at = now()`,
      [
        changes.map((c) => c.price.sku),
        changes.map((c) => c.price.kind),
        changes.map((c) => c.price.amount.amount),
        changes.map((c) => c.price.amount.currency),
        changes.map((c) => c.price.asOf.toISOString()),
      ],
    );
    const eventIds = changes.map(() => randomUUID());
    await this.outbox.appendBulk(
      tx,
      changes.map(({ event }, i) => ({
        eventId: eventIds[i] ?? randomUUID(),
        eventType: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        payload: event.payload as unknown as Record<string, unknown>,
        occurredAt: event.occurredAt,
      })),
    );
    return eventIds;
  }

  /** Every scope of the given SKUs: the canonical price and what each system last confirmed. */
  async listForSkus(db: EntityManager, skus: readonly string[]): Promise<PriceRow[]> {
    const rows = (await db.query(
      `SELECT sku, kind, scope, amount::text AS amount, currency, as_of, updated_at FROM price
        WHERE sku = ANY($1::text[]) ORDER BY sku, kind, scope = '${CANONICAL_SCOPE}' DESC, scope`,
      [skus],
    )) as RawPrice[];
    return rows.map((r) => ({
      sku: r.sku,
      kind: r.kind,
      scope: r.scope,
      amount: moneyOf(r),
      asOf: Instant.fromDate(r.as_of),
      updatedAt: r.updated_at,
    }));
  }

  /**
   * Queues prices for connections, coalesced: a SKU and kind already waiting takes the newer
   * amount (a push in flight finds it changed and leaves it pending); one already confirmed at
   * this amount stays done.
   */
  async enqueuePushes(
    tx: EntityManager,
    connectionIds: readonly string[],
    prices: readonly { readonly sku: string; readonly kind: string; readonly amount: Money; readonly asOf: Instant }[],
  ): Promise<void> {
    if (connectionIds.length === 0 || prices.length === 0) return;
    for (const connectionId of connectionIds) {
      await tx.query(
        `INSERT INTO price_push (connection_id, sku, kind, amount, currency, as_of, state)
         SELECT $1, sku, kind, amount::numeric, currency, as_of::timestamptz, 'pending'
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(sku, kind, amount, currency, as_of)
         ON CONFLICT (connection_id, sku, kind) DO UPDATE
           SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, as_of = EXCLUDED.as_of, reason = NULL, updated_at = now(),
               state = CASE WHEN price_push.state = 'in_flight' THEN 'in_flight' ELSE 'pending' END
           WHERE price_push.as_of <= EXCLUDED.as_of
             AND NOT (price_push.state = 'done' AND price_push.amount = EXCLUDED.amount AND price_push.currency = EXCLUDED.currency)`,
        [
          connectionId,
          prices.map((p) => p.sku),
          prices.map((p) => p.kind),
          prices.map((p) => p.amount.amount),
          prices.map((p) => p.amount.currency),
          prices.map((p) => p.asOf.toISOString()),
        ],
      );
    }
  }

  async pushStateOf(db: EntityManager, connectionId: string, sku: string, kind: string): Promise<PricePushState | undefined> {
    const rows = (await db.query(`SELECT state FROM price_push WHERE connection_id = $1 AND sku = $2 AND kind = $3`, [
      connectionId,
      sku,
      kind,
    ])) as { state: PricePushState }[];
    return rows[0]?.state;
  }

  /**
   * Takes up to `limit` waiting prices of one connection (and those whose push was abandoned when
   * its lease ran out), oldest first, for one push. Call it in a transaction: claims of one
   * connection are serialised by an advisory lock held until that transaction ends.
   */
  async claimPushes(tx: EntityManager, connectionId: string, limit: number, leaseMs: number): Promise<ClaimedPrice[]> {
    // Claims of one connection take turns (for the claiming transaction only, never across a push):
    // two workers claiming at once would split the queue into half-full batches.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('price_push:' || $1::text))`, [connectionId]);
    const rows = (await tx.query(
      `UPDATE price_push SET state = 'in_flight', lease_until = now() + ($3::integer * interval '1 millisecond'), updated_at = now()
        WHERE (connection_id, sku, kind) IN (
          SELECT connection_id, sku, kind FROM price_push
           WHERE connection_id = $1 AND (state = 'pending' OR (state = 'in_flight' AND lease_until < now()))
           ORDER BY updated_at, sku, kind
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING sku, kind, amount::text AS amount, currency`,
      [connectionId, limit, leaseMs],
    )) as [{ sku: string; kind: PriceKind; amount: string; currency: string }[], number];
    return rows[0].map((r) => ({ sku: r.sku, kind: r.kind, amount: Money.of(r.amount, r.currency.trim()) }));
  }

  /**
   * Records a push's outcome. Confirmed prices become the connection's price in `price` (scope =
   * connection name) and their queue rows done — unless the canonical price moved on meanwhile,
   * which leaves the row pending for the next push. Refused ones are failed with the reason;
   * ones to try again go back to pending.
   */
  async completePushes(
    tx: EntityManager,
    connection: { readonly id: string; readonly name: string },
    outcome: {
      readonly confirmed: readonly ClaimedPrice[];
      readonly refused: readonly (ClaimedPrice & { readonly reason: string })[];
      readonly retry: readonly (ClaimedPrice & { readonly reason: string })[];
    },
  ): Promise<void> {
    if (outcome.confirmed.length > 0) {
      const c = outcome.confirmed;
      await tx.query(
        `INSERT INTO price (sku, kind, scope, amount, currency, as_of)
         SELECT sku, kind, $1, amount::numeric, currency, now()
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(sku, kind, amount, currency)
         ON CONFLICT (sku, kind, scope) DO UPDATE
           SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, as_of = EXCLUDED.as_of, version = price.version + 1, updated_at = now()`,
        [connection.name, c.map((p) => p.sku), c.map((p) => p.kind), c.map((p) => p.amount.amount), c.map((p) => p.amount.currency)],
      );
      await this.settle(
        tx,
        connection.id,
        c.map((p) => ({ ...p, reason: null })),
        'done',
      );
    }
    await this.settle(tx, connection.id, outcome.refused, 'failed');
    await this.settle(tx, connection.id, outcome.retry, 'pending');
  }

  /** What waits for, or was last done at, each connection for these SKUs. */
  async listPushes(db: EntityManager, skus: readonly string[]): Promise<PricePushRow[]> {
    const rows = (await db.query(
      `SELECT q.connection_id, c.name AS connection_name, q.sku, q.kind, q.amount::text AS amount, q.currency, q.as_of, q.state, q.reason,
              q.updated_at
         FROM price_push q JOIN connection c ON c.id = q.connection_id
        WHERE q.sku = ANY($1::text[]) ORDER BY q.sku, q.kind, c.name`,
      [skus],
    )) as (RawPrice & { connection_id: string; connection_name: string; state: PricePushState; reason: string | null })[];
    return rows.map((r) => ({
      connectionId: r.connection_id,
      connectionName: r.connection_name,
      sku: r.sku,
      kind: r.kind,
      amount: moneyOf(r),
      asOf: Instant.fromDate(r.as_of),
      state: r.state,
      reason: r.reason,
      updatedAt: r.updated_at,
    }));
  }

  /** Moves rows to `state` only if their amount is still the one pushed (a newer price stays pending). */
  private async settle(
    tx: EntityManager,
    connectionId: string,
    prices: readonly (ClaimedPrice & { readonly reason: string | null })[],
    state: PricePushState,
  ): Promise<void> {
    if (prices.length === 0) return;
    await tx.query(
      `UPDATE price_push q
          SET state = CASE WHEN q.amount = t.amount::numeric AND q.currency = t.currency THEN $5 ELSE 'pending' END,
              reason = CASE WHEN q.amount = t.amount::numeric AND q.currency = t.currency THEN t.reason ELSE NULL END,
              lease_until = NULL, updated_at = now()
         FROM unnest($2::text[], $3::text[], $4::text[], $7::text[], $6::text[]) AS t(sku, kind, amount, currency, reason)
        WHERE q.connection_id = $1 AND q.sku = t.sku AND q.kind = t.kind AND q.state = 'in_flight'`,
      [
        connectionId,
        prices.map((p) => p.sku),
        prices.map((p) => p.kind),
        prices.map((p) => p.amount.amount),
        state,
        prices.map((p) => p.reason),
        prices.map((p) => p.amount.currency),
      ],
    );
  }
}

function moneyOf(row: { amount: string; currency: string }): Money {
  return Money.of(row.amount, row.currency.trim());
}

function toPrice(row: RawPrice): Price {
  return Price.of({ sku: row.sku, kind: row.kind, amount: moneyOf(row), asOf: Instant.fromDate(row.as_of) });
}
