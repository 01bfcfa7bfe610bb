import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRICE_KINDS } from '@serai/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { commaSeparatedList } from '../../http/page-query';
import { IsZonedDateTime } from '../../http/is-zoned-date-time';

/** One call carries at most this many prices (issue 8); the engine batches them to each provider's maximum. */
export const MAX_PRICES_PER_CALL = 10_000;
export const MAX_SKUS_PER_QUERY = 100;

export class PriceChangeBody {
  @ApiProperty({ example: 'SMK123' })
  @Matches(/^\S+$/, { message: 'must not be empty or contain whitespace' })
  @MaxLength(128)
  @IsString()
  sku!: string;

  @ApiPropertyOptional({ enum: PRICE_KINDS, default: 'sale' })
  @IsOptional()
  @IsIn(PRICE_KINDS, { message: `must be one of ${PRICE_KINDS.join(', ')}` })
  kind?: (typeof PRICE_KINDS)[number];

  @ApiProperty({ example: '79.90', description: 'Decimal text, never a JSON number' })
  @Matches(/^\d{1,14}(\.\d{1,4})?$/, { message: 'must be a decimal string such as "79.90" (up to 4 decimals, no sign)' })
  @IsString()
  amount!: string;

  @ApiProperty({ example: 'CNY' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as CNY' })
  @IsString()
  currency!: string;

  @ApiPropertyOptional({
    example: '2026-11-25T10:00:00+08:00',
    description: 'When the price became true (ISO-8601 with zone); now when absent',
  })
  @IsOptional()
  @IsZonedDateTime()
  asOf?: string;
}

export class PutPricesBody {
  @ApiProperty({ type: [PriceChangeBody], description: `1 to ${MAX_PRICES_PER_CALL} prices; the last one of a SKU and kind wins` })
  @ArrayMinSize(1, { message: 'must list at least one price' })
  @ArrayMaxSize(MAX_PRICES_PER_CALL, { message: `must list at most ${MAX_PRICES_PER_CALL} prices a call; split larger changes` })
  @ValidateNested({ each: true })
  @Type(() => PriceChangeBody)
  @IsArray()
  prices!: PriceChangeBody[];
}

export class PricesQuery {
  @ApiProperty({ description: `One or more SKUs, comma-separated (at most ${MAX_SKUS_PER_QUERY})`, example: 'SMK123,SMK124' })
  @Transform(commaSeparatedList)
  @ArrayMinSize(1, { message: 'must name at least one SKU' })
  @ArrayMaxSize(MAX_SKUS_PER_QUERY, { message: `must name at most ${MAX_SKUS_PER_QUERY} SKUs` })
  @MaxLength(128, { each: true })
  @IsString({ each: true })
  @IsArray()
  sku!: string[];
}

export class PricesAcceptedDto {
  @ApiProperty({ example: 2, description: 'Prices that changed (each queued for every target system)' }) changed!: number;
  @ApiProperty({ example: 0, description: 'Prices already at that amount: nothing to send' }) unchanged!: number;
  @ApiProperty({ example: ['nengmao-demo'], description: 'Systems the price routes send to' }) targets!: string[];
}

export class MoneyDto {
  @ApiProperty({ example: '79.90' }) amount!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
}

export class SystemPriceDto {
  @ApiProperty({ example: 'nengmao-demo' }) connection!: string;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'The price this system last confirmed' }) confirmed!: MoneyDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it confirmed it' }) confirmedAt!: string | null;
  @ApiProperty({ enum: ['pending', 'in_flight', 'done', 'failed'], nullable: true, description: 'The push of the canonical price there' })
  push!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last push failed' }) reason!: string | null;
}

export class KindPriceDto {
  @ApiProperty({ enum: PRICE_KINDS }) kind!: string;
  @ApiProperty({ type: MoneyDto, nullable: true }) canonical!: MoneyDto | null;
  @ApiProperty({ nullable: true, type: String }) asOf!: string | null;
  @ApiProperty({ type: [SystemPriceDto] }) systems!: SystemPriceDto[];
}

export class SkuPricesDto {
  @ApiProperty() sku!: string;
  @ApiProperty({ type: [KindPriceDto] }) prices!: KindPriceDto[];
}

export class PriceListDto {
  @ApiProperty({ type: [SkuPricesDto] }) data!: SkuPricesDto[];
}
