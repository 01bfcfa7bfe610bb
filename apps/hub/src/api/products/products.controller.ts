import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { entityTagOf, versionFromIfMatch } from '../connections/entity-tag';
import { ListProductsQuery, ProductBody, ProductDto, ProductPageDto, PublicationListDto, PublishedDto, SkuSwitchDto } from './product.dto';
import { ProductsService } from './products.service';

const VALIDATION =
  'A field is invalid, or a provider the routes publish to requires it or limits it (problem+json naming the field, the provider and its limit)';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @HttpCode(202)
  @RequireScope('write')
  @ApiOperation({
    summary: 'Create a product with its SKUs and publish it to every system its routes name (scope: write)',
    description:
      'Answers 202 with one publication per target system, `pending` until delivered; follow it at GET /products/{id}/publications.',
  })
  @ApiAcceptedResponse({ type: PublishedDto })
  @ApiBadRequestResponse({ description: VALIDATION })
  @ApiConflictResponse({ description: 'The code, or a SKU, belongs to another product (problem+json)' })
  async create(@Body() body: ProductBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<PublishedDto> {
    const published = await this.products.create(body);
    void reply.header('etag', entityTagOf(published.version)).header('location', `/api/v1/products/${published.productId}`);
    return published;
  }

  @Put(':id')
  @HttpCode(202)
  @RequireScope('write')
  @ApiOperation({ summary: 'Replace a product (its SKUs included) and publish it again (scope: write)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of a previous read; when stale the change is refused with 412' })
  @ApiAcceptedResponse({ type: PublishedDto })
  @ApiBadRequestResponse({ description: VALIDATION })
  @ApiNotFoundResponse({ description: 'No product has this id (problem+json)' })
  @ApiConflictResponse({ description: 'A SKU belongs to another product (problem+json)' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale: the product changed since it was read (problem+json)' })
  async replace(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ProductBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublishedDto> {
    const published = await this.products.replace(id, body, versionFromIfMatch(ifMatch));
    void reply.header('etag', entityTagOf(published.version));
    return published;
  }

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'List products, newest first, with keyset pagination; or export them as CSV / JSON lines (scope: read)' })
  @ApiListExport()
  @ApiOkResponse({ type: ProductPageDto })
  @ApiBadRequestResponse({ description: 'A filter or the cursor is invalid (problem+json naming the field)' })
  async list(@Query() query: ListProductsQuery, @Headers('accept') accept?: string): Promise<ProductPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.products.list(query);
    return streamListExport(format, this.products.exportProducts(query));
  }

  @Get(':id')
  @RequireScope('read')
  @ApiOperation({ summary: 'One product with its SKUs and its ETag (scope: read)' })
  @ApiOkResponse({ type: ProductDto, headers: { ETag: { description: 'W/"<version>"', schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No product has this id (problem+json)' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProductDto> {
    const product = await this.products.get(id);
    void reply.header('etag', entityTagOf(product.version));
    return product;
  }

  @Get(':id/publications')
  @RequireScope('read')
  @ApiOperation({
    summary: 'Where the product’s last publication stands in each system: pending, done, or failed with the reason (scope: read)',
  })
  @ApiOkResponse({ type: PublicationListDto })
  @ApiNotFoundResponse({ description: 'No product has this id (problem+json)' })
  publications(@Param('id') id: string): Promise<PublicationListDto> {
    return this.products.publications(id);
  }

  @Post(':id/skus/:sku/enable')
  @HttpCode(202)
  @RequireScope('write')
  @ApiOperation({ summary: 'Put a SKU back on sale; the systems its routes name are told (WMS UPDATE_SKU_STATUS) (scope: write)' })
  @ApiAcceptedResponse({ type: SkuSwitchDto })
  @ApiNotFoundResponse({ description: 'No such product, or it has no such SKU (problem+json)' })
  enable(@Param('id') id: string, @Param('sku') sku: string): Promise<SkuSwitchDto> {
    return this.products.switchSku(id, sku, true);
  }

  @Post(':id/skus/:sku/disable')
  @HttpCode(202)
  @RequireScope('write')
  @ApiOperation({ summary: 'Take a SKU off sale; the systems its routes name are told (WMS UPDATE_SKU_STATUS) (scope: write)' })
  @ApiAcceptedResponse({ type: SkuSwitchDto })
  @ApiNotFoundResponse({ description: 'No such product, or it has no such SKU (problem+json)' })
  disable(@Param('id') id: string, @Param('sku') sku: string): Promise<SkuSwitchDto> {
    return this.products.switchSku(id, sku, false);
  }
}
