import { RequestValidationError } from '@serai/common';
import { CurrencyMismatch, Dimensions, InvariantViolation, Money, Product, ProductInput, ProductSnapshot, Weight } from '@serai/domain';
import type { PublicationRow, StoredProduct } from '@serai/persistence';
import type { ProductBody, ProductDto, PublicationDto, SkuBody } from './product.dto';

/** The domain names the product code `id`; the API calls it `code`. */
function apiField(field: string): string {
  return field === 'id' ? 'code' : field;
}

function skuInput(body: SkuBody, path: string): ProductInput['skus'][number] {
  const currency = body.prices.currency;
  return {
    sku: body.sku,
    barcodes: body.barcodes ?? [],
    itemNumbers: body.itemNumbers ?? {},
    titles: body.titles,
    attributes: body.attributes ?? {},
    ...(body.grossWeight === undefined
      ? {}
      : { grossWeight: Weight.of(body.grossWeight.value, body.grossWeight.unit, `${path}.grossWeight`) }),
    ...(body.netWeight === undefined ? {} : { netWeight: Weight.of(body.netWeight.value, body.netWeight.unit, `${path}.netWeight`) }),
    ...(body.dimensions === undefined ? {} : { dimensions: Dimensions.of(body.dimensions, body.dimensions.unit, `${path}.dimensions`) }),
    ...(body.customs === undefined ? {} : { customs: body.customs }),
    prices: {
      sale: Money.of(body.prices.sale, currency),
      ...(body.prices.market === undefined ? {} : { market: Money.of(body.prices.market, currency) }),
    },
    enabled: body.enabled ?? true,
  };
}

/**
 * The request body as a canonical product, checked by the domain's rules; a rule broken is a 400
 * naming the field (nothing has been stored or sent yet).
 */
export function toCheckedProduct(body: ProductBody): { input: ProductInput; snapshot: ProductSnapshot } {
  try {
    const input: ProductInput = {
      id: body.code,
      titles: body.titles,
      brand: body.brand ?? null,
      category: body.category ?? null,
      description: body.description ?? null,
      skus: body.skus.map((sku, index) => skuInput(sku, `skus[${index}]`)),
    };
    return { input, snapshot: Product.create(input).toSnapshot() };
  } catch (error) {
    if (error instanceof InvariantViolation) throw new RequestValidationError([{ field: apiField(error.field), reason: error.reason }]);
    if (error instanceof CurrencyMismatch)
      throw new RequestValidationError([{ field: error.operation ?? 'currency', reason: error.message }]);
    throw error;
  }
}

export function toProductDto(stored: StoredProduct): ProductDto {
  const s = stored.product.toSnapshot();
  return {
    id: stored.id,
    code: s.id,
    version: stored.version,
    titles: stored.product.titles,
    brand: s.brand ?? null,
    category: s.category ?? null,
    description: s.description ?? null,
    skus: s.skus.map((sku) => ({
      sku: sku.sku,
      barcodes: [...sku.barcodes],
      itemNumbers: { ...sku.itemNumbers },
      titles: sku.titles,
      attributes: { ...sku.attributes },
      ...(sku.grossWeight === undefined ? {} : { grossWeight: sku.grossWeight.toJSON() }),
      ...(sku.netWeight === undefined ? {} : { netWeight: sku.netWeight.toJSON() }),
      ...(sku.dimensions === undefined ? {} : { dimensions: sku.dimensions.toJSON() }),
      ...(sku.customs === undefined ? {} : { customs: { ...sku.customs } }),
      prices: {
        sale: sku.prices.sale.amount,
        ...(sku.prices.market === undefined ? {} : { market: sku.prices.market.amount }),
        currency: sku.prices.sale.currency,
      },
      enabled: sku.enabled,
    })),
    publishedAt: s.publishedAt?.toISOString() ?? null,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
  };
}

export function toPublicationDto(row: PublicationRow): PublicationDto {
  return {
    connection: row.connectionName,
    provider: row.provider,
    state: row.state,
    reason: row.reason,
    providerIds: row.providerIds,
    productVersion: row.productVersion,
    attempts: row.attempts,
    requestedAt: row.requestedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    delivery: row.deliveryId === null ? null : { id: row.deliveryId, state: row.deliveryState ?? 'unknown' },
  };
}
