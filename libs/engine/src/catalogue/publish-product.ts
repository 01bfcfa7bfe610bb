import { randomUUID } from 'node:crypto';
import { Instant, Product, ProductInput } from '@serai/domain';
import type { ProductRepository, PublicationRow, RouteRepository, StoredProduct, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { PUBLISH_PRODUCT, RouteTarget, routeTargets, SET_SKU_ENABLED } from './capabilities-in-routes';

export class ProductNotFound extends Error {
  constructor(readonly id: string) {
    super(`No product has id ${id}`);
    this.name = 'ProductNotFound';
  }
}

export interface PublishedProduct {
  readonly stored: StoredProduct;
  /** The outbox event the publication travels with. */
  readonly eventId: string;
  readonly publications: readonly PublicationRow[];
}

/**
 * Catalogue, canonical side: a product is stored with its SKUs and published in one transaction —
 * the ProductPublished event in the outbox and a pending publication for every connection the
 * routes send products to. Delivery then reaches each system on its own (PublishProductHandler).
 */
export class PublishProduct {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly products: ProductRepository,
    private readonly routes: RouteRepository,
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  /** The connections a published product goes to now. */
  targets(): Promise<RouteTarget[]> {
    return routeTargets(this.db, this.routes, 'ProductPublished', PUBLISH_PRODUCT);
  }

  /** Stores a new product and publishes it. */
  async create(input: ProductInput): Promise<PublishedProduct> {
    const product = Product.create(input);
    product.publish(this.now());
    const id = randomUUID();
    return this.tx.run(async (m) => {
      const [eventId = ''] = await this.products.insert(m, id, product);
      return this.startPublications(m, id, 1, eventId);
    });
  }

  /**
   * Replaces a product (its SKUs included) and publishes it again. With `expectedVersion` the
   * change is refused (StaleProduct) if someone changed the product since that version.
   */
  async replace(id: string, input: ProductInput, expectedVersion?: number): Promise<PublishedProduct> {
    const product = Product.create(input);
    product.publish(this.now());
    return this.tx.run(async (m) => {
      const current = await this.products.findById(m, id);
      if (!current) throw new ProductNotFound(id);
      const { version, eventIds } = await this.products.update(m, id, product, expectedVersion ?? current.version);
      return this.startPublications(m, id, version, eventIds[0] ?? '');
    });
  }

  /**
   * Switches one SKU off sale or back on: stored, and SkuEnabledChanged goes to the systems the
   * routes name (the WMS's UPDATE_SKU_STATUS). Switching it to the state it has changes nothing.
   */
  async setSkuEnabled(id: string, sku: string, enabled: boolean): Promise<{ stored: StoredProduct; changed: boolean }> {
    return this.tx.run(async (m) => {
      const current = await this.products.findById(m, id);
      if (!current) throw new ProductNotFound(id);
      if (current.product.sku(sku)?.enabled === enabled) return { stored: current, changed: false };
      current.product.setSkuEnabled(sku, enabled, this.now());
      await this.products.update(m, id, current.product, current.version);
      const stored = await this.products.findById(m, id);
      if (!stored) throw new ProductNotFound(id);
      return { stored, changed: true };
    });
  }

  /** Whether any route switches SKUs on and off by themselves. */
  async skuSwitchTargets(): Promise<RouteTarget[]> {
    return routeTargets(this.db, this.routes, 'SkuEnabledChanged', SET_SKU_ENABLED);
  }

  private async startPublications(m: EntityManager, id: string, version: number, eventId: string): Promise<PublishedProduct> {
    const targets = await routeTargets(m, this.routes, 'ProductPublished', PUBLISH_PRODUCT);
    await this.products.startPublications(
      m,
      id,
      eventId,
      version,
      targets.map((t) => t.connectionId),
    );
    const stored = await this.products.findById(m, id);
    if (!stored) throw new ProductNotFound(id);
    return { stored, eventId, publications: await this.products.listPublications(m, id) };
  }
}
