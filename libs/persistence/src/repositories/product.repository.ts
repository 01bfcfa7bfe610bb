import { randomUUID } from 'node:crypto';
import { Dimensions, DimensionsJson, Instant, Money, MoneyJson, Product, Sku, SkuInput, Weight, WeightJson } from '@serai/domain';
import { EntityManager } from 'typeorm';
import { asUniqueViolation } from '../unique-violation';
import { OutboxRepository } from './outbox.repository';

/** The canonical SKU as stored in `sku.spec`: every value in its own unit, money as decimal text. */
interface SkuSpec {
  readonly sku: string;
  readonly barcodes: readonly string[];
  readonly itemNumbers: Readonly<Record<string, string>>;
  readonly titles: { readonly zh?: string; readonly en?: string };
  readonly attributes: Readonly<Record<string, string>>;
  readonly netWeight?: WeightJson;
  readonly grossWeight?: WeightJson;
  readonly dimensions?: DimensionsJson;
  readonly customs?: Readonly<Record<string, string>>;
  readonly prices: { readonly sale: MoneyJson; readonly market?: MoneyJson };
  readonly enabled: boolean;
  /** Place in the product's list: the first SKU stands for the product where a provider wants one value (Nengmao goods weight). */
  readonly position?: number;
}

function toSpec(sku: Sku, position: number): SkuSpec {
  return {
    sku: sku.sku,
    barcodes: sku.barcodes,
    itemNumbers: sku.itemNumbers,
    titles: sku.titles,
    attributes: sku.attributes,
    ...(sku.netWeight === undefined ? {} : { netWeight: sku.netWeight.toJSON() }),
    ...(sku.grossWeight === undefined ? {} : { grossWeight: sku.grossWeight.toJSON() }),
    ...(sku.dimensions === undefined ? {} : { dimensions: sku.dimensions.toJSON() }),
    ...(sku.customs === undefined ? {} : { customs: { ...sku.customs } }),
    prices: { sale: sku.prices.sale.toJSON(), ...(sku.prices.market === undefined ? {} : { market: sku.prices.market.toJSON() }) },
    enabled: sku.enabled,
    position,
  };
}

function fromSpec(spec: SkuSpec): SkuInput {
  return {
    sku: spec.sku,
    barcodes: spec.barcodes,
    itemNumbers: spec.itemNumbers,
    titles: spec.titles,
    attributes: spec.attributes,
    ...(spec.netWeight === undefined ? {} : { netWeight: Weight.fromJSON(spec.netWeight) }),
    ...(spec.grossWeight === undefined ? {} : { grossWeight: Weight.fromJSON(spec.grossWeight) }),
    ...(spec.dimensions === undefined ? {} : { dimensions: Dimensions.fromJSON(spec.dimensions) }),
    ...(spec.customs === undefined ? {} : { customs: spec.customs }),
    prices: {
      sale: Money.fromJSON(spec.prices.sale),
      ...(spec.prices.market === undefined ? {} : { market: Money.fromJSON(spec.prices.market) }),
    },
    enabled: spec.enabled,
  };
}

export interface StoredProduct {
  /** The hub's id (the API's `{id}`); the product's own `id` is the brand's code. */
  readonly id: string;
  readonly version: number;
  readonly product: Product;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ProductListFilter {
  readonly code?: string;
  readonly brand?: string;
  readonly category?: string;
  /** Products having this SKU. */
  readonly sku?: string;
  /** Products having this barcode on any SKU. */
  readonly barcode?: string;
}

export interface ProductKeyset {
  readonly createdAt: Date;
  readonly id: string;
}

export type PublicationState = 'pending' | 'done' | 'failed';

export interface PublicationRow {
  readonly productId: string;
  readonly connectionId: string;
  readonly connectionName: string;
  readonly provider: string;
  readonly eventId: string;
  readonly productVersion: number;
  readonly state: PublicationState;
  readonly reason: string | null;
  readonly providerIds: Record<string, string>;
  readonly attempts: number;
  readonly requestedAt: Date;
  readonly completedAt: Date | null;
  /** The delivery carrying this publication, if the dispatcher has made it yet. */
  readonly deliveryId: string | null;
  readonly deliveryState: string | null;
}

/** A SKU code already belongs to another product. */
export class SkuTaken extends Error {
  constructor(
    readonly sku: string,
    readonly field: string,
  ) {
    super(`SKU ${sku} belongs to another product`);
    this.name = 'SkuTaken';
  }
}

export class ProductCodeTaken extends Error {
  constructor(readonly code: string) {
    super(`A product with code ${code} exists`);
    this.name = 'ProductCodeTaken';
  }
}

export class StaleProduct extends Error {
  constructor(
    readonly id: string,
    readonly currentVersion: number,
  ) {
    super(`Product ${id} changed since it was read (now version ${currentVersion})`);
    this.name = 'StaleProduct';
  }
}

interface ProductRow {
  id: string;
  code: string;
  title_zh: string | null;
  title_en: string | null;
  brand: string | null;
  category: string | null;
  description: string | null;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const PRODUCT_COLUMNS = `id, code, title_zh, title_en, brand, category, description, published_at, version, created_at, updated_at`;

/**
 * Canonical products in `product` and `sku`, and their publication state per target connection.
 * Saving a product appends the events it recorded to the outbox in the caller's transaction.
 */
export class ProductRepository {
  constructor(private readonly outbox: OutboxRepository) {}

  async findById(db: EntityManager, id: string): Promise<StoredProduct | undefined> {
    const rows = (await db.query(`SELECT ${PRODUCT_COLUMNS} FROM product WHERE id = $1 AND code IS NOT NULL`, [id])) as ProductRow[];
    return rows[0] === undefined ? undefined : (await this.hydrate(db, rows))[0];
  }

  async findByCode(db: EntityManager, code: string): Promise<StoredProduct | undefined> {
    const rows = (await db.query(`SELECT ${PRODUCT_COLUMNS} FROM product WHERE code = $1`, [code])) as ProductRow[];
    return rows[0] === undefined ? undefined : (await this.hydrate(db, rows))[0];
  }

  /** The product a SKU belongs to, if any. */
  async findIdBySku(db: EntityManager, sku: string): Promise<string | undefined> {
    const rows = (await db.query(`SELECT product_id FROM sku WHERE sku = $1`, [sku])) as { product_id: string }[];
    return rows[0]?.product_id;
  }

  /** Newest first, keyset-paginated (the page after a cursor costs the same at any depth). */
  async page(
    db: EntityManager,
    filter: ProductListFilter,
    limit: number,
    after?: ProductKeyset,
  ): Promise<{ rows: StoredProduct[]; next?: ProductKeyset }> {
    const where: string[] = ['code IS NOT NULL'];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.code) where.push(`code = ${param(filter.code)}`);
    if (filter.brand) where.push(`brand = ${param(filter.brand)}`);
    if (filter.category) where.push(`category = ${param(filter.category)}`);
    if (filter.sku) where.push(`id IN (SELECT product_id FROM sku WHERE sku = ${param(filter.sku)})`);
    if (filter.barcode) where.push(`id IN (SELECT product_id FROM sku WHERE barcodes @> ARRAY[${param(filter.barcode)}]::text[])`);
    if (after) where.push(`(created_at, id) < (${param(after.createdAt)}, ${param(after.id)}::uuid)`);
    const rows = (await db.query(
      `SELECT ${PRODUCT_COLUMNS} FROM product WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`,
      params,
    )) as ProductRow[];
    const page = await this.hydrate(db, rows.slice(0, limit));
    const last = page[page.length - 1];
    return { rows: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : undefined };
  }

  /**
   * Stores a new product with its SKUs and appends its events; answers the outbox event id of each
   * event, in order. A code or SKU already taken is refused ({@link ProductCodeTaken}, {@link SkuTaken}).
   */
  async insert(tx: EntityManager, id: string, product: Product): Promise<string[]> {
    const s = product.toSnapshot();
    await tx.query('SAVEPOINT product_insert');
    try {
      await tx.query(
        `INSERT INTO product (id, code, title_zh, title_en, brand, category, description, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          s.id,
          s.titles.zh ?? null,
          s.titles.en ?? null,
          s.brand ?? null,
          s.category ?? null,
          s.description ?? null,
          publishedAt(product),
        ],
      );
      await this.upsertSkus(tx, id, product.skus);
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT product_insert');
      throw this.asConflict(error, product);
    }
    await tx.query('RELEASE SAVEPOINT product_insert');
    return this.appendEvents(tx, product);
  }

  /** Writes the product's new state if nobody changed it since `expectedVersion`; SKUs no longer listed are removed. */
  async update(tx: EntityManager, id: string, product: Product, expectedVersion: number): Promise<{ version: number; eventIds: string[] }> {
    const s = product.toSnapshot();
    const updated = (await tx.query(
      `UPDATE product SET code = $2, title_zh = $3, title_en = $4, brand = $5, category = $6, description = $7, published_at = $8,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $9
        RETURNING version`,
      [
        id,
        s.id,
        s.titles.zh ?? null,
        s.titles.en ?? null,
        s.brand ?? null,
        s.category ?? null,
        s.description ?? null,
        publishedAt(product),
        expectedVersion,
      ],
    )) as [{ version: number }[], number];
    const version = updated[0][0]?.version;
    if (version === undefined) {
      const current = (await tx.query(`SELECT version FROM product WHERE id = $1`, [id])) as { version: number }[];
      throw new StaleProduct(id, current[0]?.version ?? 0);
    }
    await tx.query(`DELETE FROM sku WHERE product_id = $1 AND NOT (sku = ANY($2::text[]))`, [id, product.skus.map((sku) => sku.sku)]);
    await tx.query('SAVEPOINT product_skus');
    try {
      await this.upsertSkus(tx, id, product.skus);
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT product_skus');
      throw this.asConflict(error, product);
    }
    await tx.query('RELEASE SAVEPOINT product_skus');
    return { version, eventIds: await this.appendEvents(tx, product) };
  }

  /**
   * Marks the publication of one event pending at each target connection, replacing whatever an
   * earlier publication of the product left there.
   */
  async startPublications(tx: EntityManager, productId: string, eventId: string, version: number, connectionIds: readonly string[]) {
    if (connectionIds.length === 0) return;
    await tx.query(
      `INSERT INTO publication (product_id, connection_id, event_id, product_version, state, requested_at, updated_at)
       SELECT $1, c, $2, $3, 'pending', now(), now() FROM unnest($4::uuid[]) AS c
       ON CONFLICT (product_id, connection_id) DO UPDATE
         SET event_id = EXCLUDED.event_id, product_version = EXCLUDED.product_version, state = 'pending', reason = NULL,
             provider_ids = '{}'::jsonb, attempts = 0, requested_at = now(), completed_at = NULL, updated_at = now()`,
      [productId, eventId, version, connectionIds],
    );
  }

  /**
   * Records what a delivery of `eventId` achieved at one connection. A delivery of an older
   * publication changes nothing (a newer one has replaced it); a row missing (a route added after
   * the publication) is created. Answers whether the state was recorded.
   */
  async recordPublication(
    db: EntityManager,
    outcome: {
      readonly productId: string;
      readonly connectionId: string;
      readonly eventId: string;
      readonly productVersion: number;
      readonly state: PublicationState;
      readonly reason?: string;
      readonly providerIds: Record<string, string>;
    },
  ): Promise<boolean> {
    const rows = (await db.query(
      `INSERT INTO publication (product_id, connection_id, event_id, product_version, state, reason, provider_ids, attempts, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 1, CASE WHEN $5 = 'pending' THEN NULL ELSE now() END)
       ON CONFLICT (product_id, connection_id) DO UPDATE
         SET state = EXCLUDED.state, reason = EXCLUDED.reason, provider_ids = EXCLUDED.provider_ids,
             attempts = publication.attempts + 1, completed_at = EXCLUDED.completed_at, updated_at = now()
       WHERE publication.event_id = EXCLUDED.event_id OR publication.product_version < EXCLUDED.product_version
       RETURNING product_id`,
      [
        outcome.productId,
        outcome.connectionId,
        outcome.eventId,
        outcome.productVersion,
        outcome.state,
        outcome.reason ?? null,
        JSON.stringify(outcome.providerIds),
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  async listPublications(db: EntityManager, productId: string): Promise<PublicationRow[]> {
    const rows = (await db.query(
      `SELECT p.product_id, p.connection_id, c.name AS connection_name, c.provider, p.event_id, p.product_version, p.state, p.reason,
              p.provider_ids, p.attempts, p.requested_at, p.completed_at, d.id AS delivery_id, d.state AS delivery_state
         FROM publication p
         JOIN connection c ON c.id = p.connection_id
         LEFT JOIN delivery d ON d.event_id = p.event_id AND d.connection_id = p.connection_id AND d.capability = 'catalogSink.publishProduct'
        WHERE p.product_id = $1
        ORDER BY c.name`,
      [productId],
    )) as {
      product_id: string;
      connection_id: string;
      connection_name: string;
      provider: string;
      event_id: string;
      product_version: number;
      state: PublicationState;
      reason: string | null;
      provider_ids: Record<string, string>;
      attempts: number;
      requested_at: Date;
      completed_at: Date | null;
      delivery_id: string | null;
      delivery_state: string | null;
    }[];
    return rows.map((r) => ({
      productId: r.product_id,
      connectionId: r.connection_id,
      connectionName: r.connection_name,
      provider: r.provider,
      eventId: r.event_id,
      productVersion: r.product_version,
      state: r.state,
      reason: r.reason,
      providerIds: r.provider_ids,
      attempts: r.attempts,
      requestedAt: r.requested_at,
      completedAt: r.completed_at,
      deliveryId: r.delivery_id,
      deliveryState: r.delivery_state,
    }));
  }

  private async upsertSkus(tx: EntityManager, productId: string, skus: readonly Sku[]): Promise<void> {
    for (const sku of skus) {
      const box = sku.dimensions?.toCentimetres();
      // A SKU moves between products only by being removed from one first: the WHERE keeps it put.
      const written = (await tx.query(
        `INSERT INTO sku (sku, product_id, barcodes, title_zh, title_en, weight_kg, net_weight_kg, length_cm, width_cm, height_cm,
                          hs_code, origin_country, customs_unit, filing_id, tax_rate, currency, sale_price, market_price, item_numbers,
                          enabled, spec)
         VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb, $20, $21::jsonb)
         ON CONFLICT (sku) DO UPDATE
           SET barcodes = EXCLUDED.barcodes, title_zh = EXCLUDED.title_zh, title_en = EXCLUDED.title_en, weight_kg = EXCLUDED.weight_kg,
               net_weight_kg = EXCLUDED.net_weight_kg, length_cm = EXCLUDED.length_cm, width_cm = EXCLUDED.width_cm,
               height_cm = EXCLUDED.height_cm, hs_code = EXCLUDED.hs_code, origin_country = EXCLUDED.origin_country,
               customs_unit = EXCLUDED.customs_unit, filing_id = EXCLUDED.filing_id, tax_rate = EXCLUDED.tax_rate,
               currency = EXCLUDED.currency, sale_price = EXCLUDED.sale_price, market_price = EXCLUDED.market_price,
               item_numbers = EXCLUDED.item_numbers, enabled = EXCLUDED.enabled, spec = EXCLUDED.spec,
               version = sku.version + 1, updated_at = now()
           WHERE sku.product_id = EXCLUDED.product_id
         RETURNING sku`,
        [
          sku.sku,
          productId,
          sku.barcodes,
          sku.titles.zh ?? null,
          sku.titles.en ?? null,
          sku.grossWeight?.toKilograms().value ?? null,
          sku.netWeight?.toKilograms().value ?? null,
          box?.length ?? null,
          box?.width ?? null,
          box?.height ?? null,
          sku.customs?.hsCode ?? null,
          sku.customs?.originCountry ?? null,
          sku.customs?.customsUnit ?? null,
          sku.customs?.filingId ?? null,
          sku.customs?.taxRate ?? null,
          sku.prices.sale.currency,
          sku.prices.sale.amount,
          sku.prices.market?.amount ?? null,
          JSON.stringify(sku.itemNumbers),
          sku.enabled,
          JSON.stringify(toSpec(sku, skus.indexOf(sku))),
        ],
      )) as unknown[];
      if (written.length === 0) throw new SkuTaken(sku.sku, `skus[${skus.indexOf(sku)}].sku`);
    }
  }

  private asConflict(error: unknown, product: Product): unknown {
    if (error instanceof SkuTaken) return error;
    const unique = asUniqueViolation(error);
    if (unique?.constraint === 'product_unique_code') return new ProductCodeTaken(product.id);
    return unique ?? error;
  }

  private async appendEvents(tx: EntityManager, product: Product): Promise<string[]> {
    const events = product.pullEvents().map((event) => ({
      eventId: randomUUID(),
      eventType: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload as unknown as Record<string, unknown>,
      occurredAt: event.occurredAt,
    }));
    await this.outbox.append(tx, events);
    return events.map((event) => event.eventId);
  }

  private async hydrate(db: EntityManager, rows: readonly ProductRow[]): Promise<StoredProduct[]> {
    if (rows.length === 0) return [];
    const skuRows = (await db.query(
      `SELECT product_id, spec FROM sku WHERE product_id = ANY($1::uuid[]) ORDER BY (spec->>'position')::integer, sku`,
      [rows.map((r) => r.id)],
    )) as { product_id: string; spec: SkuSpec }[];
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      product: Product.restore({
        id: row.code,
        titles: { zh: row.title_zh, en: row.title_en },
        brand: row.brand,
        category: row.category,
        description: row.description,
        skus: skuRows.filter((s) => s.product_id === row.id).map((s) => fromSpec(s.spec)) as unknown as readonly Sku[],
        ...(row.published_at === null ? {} : { publishedAt: Instant.fromDate(row.published_at) }),
      }),
    }));
  }
}

function publishedAt(product: Product): Date | null {
  return product.publishedAt?.toDate() ?? null;
}
