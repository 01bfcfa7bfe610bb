import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LENGTH_UNITS, WEIGHT_UNITS } from '@serai/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
  buildMessage,
} from 'class-validator';
import { PageQuery } from '../../http/page-query';

/** Decimal text, never a JSON number: "0.25", "158.40". */
export const DECIMAL = /^\d{1,12}(\.\d{1,8})?$/;
const DECIMAL_MESSAGE = { message: 'must be a decimal string such as "0.25" (no exponent, no sign)' };
/** Codes the providers key on: no whitespace (Nengmao goodsSn/sku, WMS sku, Pilot skuNumber). */
const CODE = /^\S+$/;
const CODE_MESSAGE = { message: 'must not be empty or contain whitespace' };
export const MAX_SKUS_PER_PRODUCT = 500;

/** A flat object of short string values (attributes, item numbers). */
function IsStringMap(maxEntries: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value: unknown) =>
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.keys(value).length <= maxEntries &&
          Object.entries(value).every(
            ([key, inner]) => key.length > 0 && key.length <= 64 && typeof inner === 'string' && inner.length <= 255,
          ),
        defaultMessage: buildMessage(
          () => `must be an object of at most ${maxEntries} string values (names up to 64, values up to 255 characters)`,
          options,
        ),
      },
    },
    options,
  );
}

export class TitlesBody {
  @ApiPropertyOptional({ example: '干洗喷雾' })
  @IsOptional()
  @MaxLength(500)
  @IsString()
  zh?: string;

  @ApiPropertyOptional({ example: 'Dry Shampoo' })
  @IsOptional()
  @MaxLength(500)
  @IsString()
  en?: string;
}

export class WeightBody {
  @ApiProperty({ example: '0.25' })
  @Matches(DECIMAL, DECIMAL_MESSAGE)
  @IsString()
  value!: string;

  @ApiProperty({ enum: WEIGHT_UNITS, example: 'kg' })
  @IsIn(WEIGHT_UNITS, { message: `must be one of ${WEIGHT_UNITS.join(', ')}` })
  unit!: (typeof WEIGHT_UNITS)[number];
}

export class DimensionsBody {
  @ApiProperty({ example: '20' }) @Matches(DECIMAL, DECIMAL_MESSAGE) @IsString() length!: string;
  @ApiProperty({ example: '5' }) @Matches(DECIMAL, DECIMAL_MESSAGE) @IsString() width!: string;
  @ApiProperty({ example: '5' }) @Matches(DECIMAL, DECIMAL_MESSAGE) @IsString() height!: string;

  @ApiProperty({ enum: LENGTH_UNITS, example: 'cm' })
  @IsIn(LENGTH_UNITS, { message: `must be one of ${LENGTH_UNITS.join(', ')}` })
  unit!: (typeof LENGTH_UNITS)[number];
}

export class CustomsBody {
  @ApiPropertyOptional({ example: '3305900000', description: 'HS code, 6 to 10 digits (dots allowed)' })
  @IsOptional()
  @MaxLength(20)
  @IsString()
  hsCode?: string;

  @ApiPropertyOptional({ example: 'GB', description: 'ISO 3166-1 alpha-2 (alpha-3 is accepted and normalised)' })
  @IsOptional()
  @MaxLength(3)
  @IsString()
  originCountry?: string;

  @ApiPropertyOptional({ example: '142', description: 'Customs unit of measure code (Pilot customsUnitCodePackage)' })
  @IsOptional()
  @MaxLength(10)
  @IsString()
  customsUnit?: string;

  @ApiPropertyOptional({ example: 'CF-2024-0001', description: 'Customs filing / record number' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  filingId?: string;

  @ApiPropertyOptional({ example: '0.091', description: 'Cross-border tax rate as a fraction, 0 to 1' })
  @IsOptional()
  @Matches(DECIMAL, DECIMAL_MESSAGE)
  @IsString()
  taxRate?: string;
}

export class SkuPricesBody {
  @ApiProperty({ example: '158.40', description: 'What the marketplace charges' })
  @Matches(DECIMAL, DECIMAL_MESSAGE)
  @IsString()
  sale!: string;

  @ApiPropertyOptional({ example: '198.00', description: 'RRP / tag price' })
  @IsOptional()
  @Matches(DECIMAL, DECIMAL_MESSAGE)
  @IsString()
  market?: string;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as CNY' })
  @IsString()
  currency!: string;
}

export class SkuBody {
  @ApiProperty({ example: 'SMK123', description: 'The brand’s SKU code, 1 to 128 characters without whitespace' })
  @Matches(CODE, CODE_MESSAGE)
  @MaxLength(128)
  @IsString()
  sku!: string;

  @ApiPropertyOptional({ example: ['5060000000017'], description: 'UPC/EAN codes' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(255, { each: true })
  @Matches(CODE, { each: true, ...CODE_MESSAGE })
  @IsString({ each: true })
  @IsArray()
  barcodes?: string[];

  @ApiPropertyOptional({ example: { internalId: 'A-1' }, description: 'The SKU’s numbers in other systems' })
  @IsOptional()
  @IsStringMap(20)
  itemNumbers?: Record<string, string>;

  @ApiProperty({ type: TitlesBody })
  @ValidateNested()
  @Type(() => TitlesBody)
  titles!: TitlesBody;

  @ApiPropertyOptional({ example: { color: 'green', size: '250ml' } })
  @IsOptional()
  @IsStringMap(20)
  attributes?: Record<string, string>;

  @ApiPropertyOptional({ type: WeightBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightBody)
  grossWeight?: WeightBody;

  @ApiPropertyOptional({ type: WeightBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightBody)
  netWeight?: WeightBody;

  @ApiPropertyOptional({ type: DimensionsBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => DimensionsBody)
  dimensions?: DimensionsBody;

  @ApiPropertyOptional({ type: CustomsBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomsBody)
  customs?: CustomsBody;

  @ApiProperty({ type: SkuPricesBody })
  @ValidateNested()
  @Type(() => SkuPricesBody)
  prices!: SkuPricesBody;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ProductBody {
  @ApiProperty({ example: 'PR-DRY-250', description: 'The brand’s product (style) code, Nengmao goodsSn; 1 to 128 characters' })
  @Matches(CODE, CODE_MESSAGE)
  @MaxLength(128)
  @IsString()
  code!: string;

  @ApiProperty({ type: TitlesBody })
  @ValidateNested()
  @Type(() => TitlesBody)
  titles!: TitlesBody;

  @ApiPropertyOptional({ example: 'Percy & Reed' })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  brand?: string;

  @ApiPropertyOptional({ example: 'Beauty > Hair care', description: 'A path is joined with " > "' })
  @IsOptional()
  @MaxLength(500)
  @IsString()
  category?: string;

  @ApiPropertyOptional({ example: 'No-rinse dry shampoo' })
  @IsOptional()
  @MaxLength(10_000)
  @IsString()
  description?: string;

  @ApiProperty({ type: [SkuBody], description: `1 to ${MAX_SKUS_PER_PRODUCT} SKUs` })
  @ArrayMinSize(1, { message: 'must list at least one SKU' })
  @ArrayMaxSize(MAX_SKUS_PER_PRODUCT)
  @ValidateNested({ each: true })
  @Type(() => SkuBody)
  @IsArray()
  skus!: SkuBody[];
}

export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The brand’s product code' })
  @IsOptional()
  @MaxLength(128)
  @IsString()
  code?: string;

  @ApiPropertyOptional({ description: 'Brand, exactly' })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  brand?: string;

  @ApiPropertyOptional({ description: 'Category, exactly' })
  @IsOptional()
  @MaxLength(500)
  @IsString()
  category?: string;

  @ApiPropertyOptional({ description: 'Products having this SKU' })
  @IsOptional()
  @MaxLength(128)
  @IsString()
  sku?: string;

  @ApiPropertyOptional({ description: 'Products having this barcode on a SKU' })
  @IsOptional()
  @MaxLength(255)
  @IsString()
  barcode?: string;
}

export class PublicationDto {
  @ApiProperty({ example: 'wms-demo' }) connection!: string;
  @ApiProperty({ example: 'wms' }) provider!: string;
  @ApiProperty({ enum: ['pending', 'done', 'failed'] }) state!: string;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Why it failed (the provider’s code and message)' })
  reason!: string | null;
  @ApiProperty({ example: { SMK123: 'accepted' }, description: 'What the provider answered per SKU' })
  providerIds!: Record<string, string>;
  @ApiProperty({ example: 1 }) productVersion!: number;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({
    nullable: true,
    example: { id: '42', state: 'succeeded' },
    description: 'The delivery carrying it (retries, dead letters: /api/v1/deliveries)',
  })
  delivery!: { id: string; state: string } | null;
}

export class PublicationListDto {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ type: [PublicationDto] }) data!: PublicationDto[];
}

export class PublishedDto {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ example: 'PR-DRY-250' }) code!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ format: 'uuid', description: 'The ProductPublished event (see /api/v1/deliveries)' }) eventId!: string;
  @ApiProperty({ type: [PublicationDto], description: 'One per system the routes publish products to' })
  publications!: PublicationDto[];
}

export class SkuDto {
  @ApiProperty() sku!: string;
  @ApiProperty({ type: [String] }) barcodes!: string[];
  @ApiProperty() itemNumbers!: Record<string, string>;
  @ApiProperty({ type: TitlesBody }) titles!: TitlesBody;
  @ApiProperty() attributes!: Record<string, string>;
  @ApiPropertyOptional({ type: WeightBody }) grossWeight?: WeightBody;
  @ApiPropertyOptional({ type: WeightBody }) netWeight?: WeightBody;
  @ApiPropertyOptional({ type: DimensionsBody }) dimensions?: DimensionsBody;
  @ApiPropertyOptional({ type: CustomsBody }) customs?: CustomsBody;
  @ApiProperty({ type: SkuPricesBody }) prices!: SkuPricesBody;
  @ApiProperty() enabled!: boolean;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'Also the ETag, as W/"<version>"' }) version!: number;
  @ApiProperty({ type: TitlesBody }) titles!: TitlesBody;
  @ApiProperty({ nullable: true, type: String }) brand!: string | null;
  @ApiProperty({ nullable: true, type: String }) category!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [SkuDto] }) skus!: SkuDto[];
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] }) data!: ProductDto[];
  @ApiProperty({ example: { limit: 50, nextCursor: null } }) page!: { limit: number; nextCursor: string | null };
}

export class SkuSwitchDto {
  @ApiProperty({ format: 'uuid', example: '0b5c7a52-3f0e-4d5e-9a43-6f1d2c9e8a10' }) productId!: string;
  @ApiProperty({ example: 'SKU-000001' }) sku!: string;
  @ApiProperty({ example: false }) enabled!: boolean;
  @ApiProperty({ description: 'False when the SKU already was in that state (nothing sent)', example: true }) changed!: boolean;
  @ApiProperty({ type: [String], description: 'Connections told (routes of SkuEnabledChanged)', example: ['wms-demo'] }) targets!: string[];
  @ApiProperty({ example: 3 }) version!: number;
}
