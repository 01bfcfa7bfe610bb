import { ConflictException, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { checkProductForTargets, CatalogueTarget } from '@serai/connectors';
import type { ProductSnapshot } from '@serai/domain';
import { ProductNotFound, PublishedProduct, PublishProduct, RouteTarget } from '@serai/engine';
import { ConnectionRepository, ProductCodeTaken, ProductKeyset, ProductRepository, SkuTaken, StaleProduct } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { decodeDateCursor as decodeCursor, encodeDateCursor as encodeCursor } from '../../http/date-keyset-cursor';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { toCheckedProduct, toProductDto, toPublicationDto } from './product-input.mapper';
import { ListProductsQuery, ProductBody, ProductDto, ProductPageDto, PublicationListDto, PublishedDto, SkuSwitchDto } from './product.dto';

const EXPORT_PAGE_SIZE = 1000;

export const PRODUCT_EXPORT_COLUMNS: readonly ExportColumn<ProductDto>[] = [
  { header: 'id', value: (p) => p.id },
  { header: 'code', value: (p) => p.code },
  { header: 'titleZh', value: (p) => p.titles.zh },
  { header: 'titleEn', value: (p) => p.titles.en },
  { header: 'brand', value: (p) => p.brand },
  { header: 'category', value: (p) => p.category },
  { header: 'skus', value: (p) => p.skus.map((s) => s.sku).join('; ') },
  { header: 'barcodes', value: (p) => p.skus.flatMap((s) => s.barcodes).join('; ') },
  { header: 'version', value: (p) => p.version },
  { header: 'publishedAt', value: (p) => p.publishedAt },
  { header: 'createdAt', value: (p) => p.createdAt },
  { header: 'updatedAt', value: (p) => p.updatedAt },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class StaleProductTag extends HttpException {
  constructor(id: string, current: number) {
    super(`Product ${id} changed since it was read (now W/"${current}"); read it again and retry.`, HttpStatus.PRECONDITION_FAILED);
  }
}

/** Products and SKUs through the engine: store, publish to every routed system, switch SKUs. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductRepository,
    private readonly connections: ConnectionRepository,
    private readonly publisher: PublishProduct,
  ) {}

  async create(body: ProductBody): Promise<PublishedDto> {
    const { input, snapshot } = toCheckedProduct(body);
    await this.checkForProviders(snapshot);
    try {
      return this.published(await this.publisher.create(input));
    } catch (error) {
      throw this.asHttp(error);
    }
  }

  async replace(id: string, body: ProductBody, expectedVersion: number | undefined): Promise<PublishedDto> {
    const current = await this.require(id);
    if (current.product.id !== body.code) {
      throw new RequestValidationError([
        { field: 'code', reason: `cannot change (is ${current.product.id}); a new code is a new product: POST /api/v1/products` },
      ]);
    }
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new StaleProductTag(id, current.version);
    const { input, snapshot } = toCheckedProduct(body);
    await this.checkForProviders(snapshot);
    try {
      return this.published(await this.publisher.replace(id, input, expectedVersion ?? current.version));
    } catch (error) {
      throw this.asHttp(error);
    }
  }

  async get(id: string): Promise<ProductDto> {
    return toProductDto(await this.require(id));
  }

  async list(query: ListProductsQuery): Promise<ProductPageDto> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const { rows, next } = await this.page(query, query.limit, after);
    return { data: rows.map(toProductDto), page: { limit: query.limit, nextCursor: next ? encodeCursor(next) : null } };
  }

  /** Every matching product from `cursor` on, as the list shows them (the cursor is checked before the file starts). */
  exportProducts(query: ListProductsQuery): ListExport<ProductDto> {
    const start = query.cursor ? decodeCursor(query.cursor) : undefined;
    const pages = walkPages<ProductDto, ProductKeyset>(async (after) => {
      const { rows, next } = await this.page(query, EXPORT_PAGE_SIZE, after ?? start);
      return { rows: rows.map(toProductDto), ...(next ? { next } : {}) };
    });
    return { name: 'products', columns: PRODUCT_EXPORT_COLUMNS, pages };
  }

  private page(query: ListProductsQuery, limit: number, after: ProductKeyset | undefined) {
    return this.products.page(
      this.dataSource.manager,
      { code: query.code, brand: query.brand, category: query.category, sku: query.sku, barcode: query.barcode },
      limit,
      after,
    );
  }

  async publications(id: string): Promise<PublicationListDto> {
    const stored = await this.require(id);
    return { productId: stored.id, data: (await this.products.listPublications(this.dataSource.manager, stored.id)).map(toPublicationDto) };
  }

  async switchSku(id: string, sku: string, enabled: boolean): Promise<SkuSwitchDto> {
    const stored = await this.require(id);
    if (!stored.product.sku(sku)) throw new NotFoundException(`Product ${id} has no SKU ${sku}`);
    try {
      const result = await this.publisher.setSkuEnabled(id, sku, enabled);
      const targets = result.changed ? await this.publisher.skuSwitchTargets() : [];
      return {
        productId: id,
        sku,
        enabled,
        changed: result.changed,
        targets: targets.map((t) => t.connectionName),
        version: result.stored.version,
      };
    } catch (error) {
      throw this.asHttp(error);
    }
  }

  /** Every field the routed providers require, checked before anything is stored or sent. */
  private async checkForProviders(snapshot: ProductSnapshot): Promise<void> {
    const targets = await this.catalogueTargets(await this.publisher.targets());
    const problems = checkProductForTargets(snapshot, targets);
    if (problems.length > 0) throw new RequestValidationError(problems);
  }

  private async catalogueTargets(targets: readonly RouteTarget[]): Promise<CatalogueTarget[]> {
    const found: CatalogueTarget[] = [];
    for (const target of targets) {
      const connection = await this.connections.findById(this.dataSource.manager, target.connectionId);
      if (connection?.enabled) found.push({ name: connection.name, provider: connection.provider, options: connection.options });
    }
    return found;
  }

  private async require(id: string) {
    const stored = UUID.test(id) ? await this.products.findById(this.dataSource.manager, id) : undefined;
    if (!stored) throw new NotFoundException(`No product has id ${id}`);
    return stored;
  }

  private published(result: PublishedProduct): PublishedDto {
    return {
      productId: result.stored.id,
      code: result.stored.product.id,
      version: result.stored.version,
      eventId: result.eventId,
      publications: result.publications.map(toPublicationDto),
    };
  }

  private asHttp(error: unknown): unknown {
    if (error instanceof ProductCodeTaken)
      return new ConflictException(`A product with code ${error.code} exists; change it with PUT /api/v1/products/{id}`);
    if (error instanceof SkuTaken) return new ConflictException(`${error.field}: SKU ${error.sku} belongs to another product`);
    if (error instanceof StaleProduct) return new StaleProductTag(error.id, error.currentVersion);
    if (error instanceof ProductNotFound) return new NotFoundException(error.message);
    return error;
  }
}
