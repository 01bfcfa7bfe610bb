import type { ProductPublished, SkuEnabledChanged } from '../events/domain-event';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Instant } from '../time/instant';
import { optionalText, requireText } from '../validation/field-guards';
import { createProductTitles, ProductTitles } from './product-titles';
import { createSku, Sku, SkuInput } from './sku';

export interface ProductInput {
  /** The brand's product (style) code, e.g. Nengmao `goodsSn`. */
  readonly id: string;
  readonly titles: { readonly zh?: string | null; readonly en?: string | null };
  readonly brand?: string | null;
  /** Category as the brand names it; a path is joined with " > " by the mapper. */
  readonly category?: string | null;
  readonly description?: string | null;
  readonly skus: readonly SkuInput[];
}

export interface ProductSnapshot extends ProductInput {
  readonly skus: readonly Sku[];
  readonly publishedAt?: Instant;
}

/** A product and its SKUs: the unit the catalogue publishes to every system that sells or stores it. */
export class Product {
  private events: (ProductPublished | SkuEnabledChanged)[] = [];

  private constructor(
    readonly id: string,
    readonly titles: ProductTitles,
    readonly brand: string | undefined,
    readonly category: string | undefined,
    readonly description: string | undefined,
    private skuList: readonly Sku[],
    private publishedAtValue: Instant | undefined,
  ) {}

  static create(input: ProductInput): Product {
    if (input.skus.length === 0) throw new InvariantViolation('skus', 'a product needs at least one SKU');
    const skus = input.skus.map((sku, index) => createSku(sku, `skus[${index}]`));
    skus.forEach((sku, index) => {
      if (skus.findIndex((other) => other.sku === sku.sku) !== index) {
        throw new InvariantViolation(`skus[${index}].sku`, `duplicates SKU ${sku.sku}`);
      }
    });
    return new Product(
      requireText(input.id, 'id'),
      createProductTitles(input.titles, 'titles'),
      optionalText(input.brand, 'brand'),
      optionalText(input.category, 'category'),
      optionalText(input.description, 'description'),
      Object.freeze(skus),
      undefined,
    );
  }

  /** Rebuilds a stored product, checking the same rules as `create`; records no event. */
  static restore(snapshot: ProductSnapshot): Product {
    const product = Product.create(snapshot);
    product.publishedAtValue = snapshot.publishedAt;
    return product;
  }

  get skus(): readonly Sku[] {
    return this.skuList;
  }

  get publishedAt(): Instant | undefined {
    return this.publishedAtValue;
  }

  sku(code: string): Sku | undefined {
    return this.skuList.find((sku) => sku.sku === code);
  }

  /**
   * Takes a SKU off sale (or back): the next publication carries it, and SkuEnabledChanged tells
   * the systems that switch SKUs on and off by themselves. No event when nothing changes.
   */
  setSkuEnabled(code: string, enabled: boolean, at: Instant = Instant.now()): void {
    const index = this.skuList.findIndex((sku) => sku.sku === code);
    if (index < 0) throw new InvariantViolation('sku', `product ${this.id} has no SKU ${code}`);
    if (this.skuList[index]?.enabled === enabled) return;
    this.skuList = Object.freeze(this.skuList.map((sku, i) => (i === index ? Object.freeze({ ...sku, enabled }) : sku)));
    this.events.push({
      type: 'SkuEnabledChanged',
      aggregateType: 'Product',
      aggregateId: this.id,
      occurredAt: at.toISOString(),
      payload: { productId: this.id, sku: code, enabled },
    });
  }

  /** Marks the current state as the one to send to every system; routes react to the event. */
  publish(at: Instant = Instant.now()): void {
    this.publishedAtValue = at;
    this.events.push({
      type: 'ProductPublished',
      aggregateType: 'Product',
      aggregateId: this.id,
      occurredAt: at.toISOString(),
      payload: { productId: this.id, skus: this.skuList.map((sku) => sku.sku) },
    });
  }

  pullEvents(): (ProductPublished | SkuEnabledChanged)[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): ProductSnapshot {
    return {
      id: this.id,
      titles: this.titles,
      ...(this.brand === undefined ? {} : { brand: this.brand }),
      ...(this.category === undefined ? {} : { category: this.category }),
      ...(this.description === undefined ? {} : { description: this.description }),
      skus: this.skuList,
      ...(this.publishedAtValue === undefined ? {} : { publishedAt: this.publishedAtValue }),
    };
  }
}
