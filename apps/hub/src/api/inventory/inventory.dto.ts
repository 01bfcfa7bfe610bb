import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../http/page-query';

const CODE = /^[^\s\p{Cc}]{1,128}$/u;
const CODE_MESSAGE = { message: 'must be 1 to 128 characters without spaces' };
export const MAX_STOCK_QUANTITY = 1_000_000_000;

export class InventoryQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'SKU-000001', description: 'Only this SKU' })
  @IsOptional()
  @Matches(CODE, CODE_MESSAGE)
  @IsString()
  sku?: string;

  @ApiPropertyOptional({
    example: 'samarkand.sfexpress.test',
    description: 'Only levels at this location (channel figures still count every location)',
  })
  @IsOptional()
  @Matches(CODE, CODE_MESSAGE)
  @IsString()
  location?: string;
}

export class StockLocationDto {
  @ApiProperty({ example: 'samarkand.sfexpress.test' }) location!: string;
  @ApiProperty({ example: 120 }) onHand!: number;
  @ApiProperty({ example: 3, description: 'Held by the warehouse (packed, locked)' }) reserved!: number;
  @ApiProperty({ example: 2, description: "Promised to Serai's orders, not yet taken by the warehouse" }) inFlight!: number;
  @ApiProperty({ example: 0, description: 'Oversold: units orders are owed beyond stock, filled first when stock arrives' })
  backordered!: number;
  @ApiProperty({ example: 115 }) available!: number;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) asOf!: string;
}

export class ChannelStockDto {
  @ApiProperty({ example: 'nengmao-demo', description: 'A marketplace connection an enabled stock route targets' }) connection!: string;
  @ApiProperty({ example: 5 }) safetyStock!: number;
  @ApiProperty({ example: 100 }) sharePercent!: number;
  @ApiProperty({ example: null, nullable: true, type: Number }) maximum!: number | null;
  @ApiProperty({
    example: 110,
    nullable: true,
    type: Number,
    description: 'on hand − reserved − in flight − safety stock, then the share and the maximum; null when the options are invalid',
  })
  availableToPromise!: number | null;
  @ApiPropertyOptional({ description: 'Why the figure cannot be computed (invalid stock options of the connection)' }) error?: string;
}

export class SkuStockDto {
  @ApiProperty({ example: 'SKU-000001' }) sku!: string;
  @ApiProperty({ example: 120, description: 'Over every location of the SKU' }) onHand!: number;
  @ApiProperty({ example: 3 }) reserved!: number;
  @ApiProperty({ example: 2 }) inFlight!: number;
  @ApiProperty({ example: 0, description: 'Oversold units owed to orders; more than 0 means the SKU is oversold' }) backordered!: number;
  @ApiProperty({ example: false, description: 'True while any order is owed units of the SKU beyond stock' }) oversold!: boolean;
  @ApiProperty({ example: 115, description: 'on hand − reserved − in flight − backordered, never below 0' }) available!: number;
  @ApiProperty({ type: [StockLocationDto] }) locations!: StockLocationDto[];
  @ApiProperty({ type: [ChannelStockDto] }) channels!: ChannelStockDto[];
}

export class InventoryPageDto {
  @ApiProperty({ type: [SkuStockDto] }) items!: SkuStockDto[];
  @ApiProperty({ example: { nextCursor: null } }) page!: { nextCursor: string | null };
}

export class AdjustmentBody {
  @ApiProperty({ example: 'SKU-000001' })
  @Matches(CODE, CODE_MESSAGE)
  @IsString()
  sku!: string;

  @ApiProperty({ example: 'samarkand.sfexpress.test' })
  @Matches(CODE, CODE_MESSAGE)
  @IsString()
  location!: string;

  @ApiProperty({ enum: ['absolute', 'delta'], description: '`absolute`: the counted on-hand figure; `delta`: goods in (+) or out (−)' })
  @IsIn(['absolute', 'delta'], { message: 'must be absolute or delta' })
  mode!: 'absolute' | 'delta';

  @ApiProperty({
    example: -3,
    description: `absolute: 0 to ${MAX_STOCK_QUANTITY}; delta: a non-zero whole number within ±${MAX_STOCK_QUANTITY}`,
  })
  @Max(MAX_STOCK_QUANTITY, { message: `must not be greater than ${MAX_STOCK_QUANTITY}` })
  @Min(-MAX_STOCK_QUANTITY, { message: `must not be less than -${MAX_STOCK_QUANTITY}` })
  @IsInt({ message: 'must be a whole number' })
  quantity!: number;

  @ApiProperty({ example: 'cycle count 2026-11-25: 3 damaged' })
  @MaxLength(500)
  @MinLength(1, { message: 'must not be empty' })
  @Matches(/\S/, { message: 'must not be blank' })
  @IsString()
  reason!: string;
}

export class StockCountsDto {
  @ApiProperty() onHand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() inFlight!: number;
  @ApiProperty() backordered!: number;
}

export class AdjustmentDto {
  @ApiProperty({ example: '17' }) adjustmentId!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ enum: ['absolute', 'delta'] }) mode!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: StockCountsDto }) before!: StockCountsDto;
  @ApiProperty({ type: StockCountsDto }) after!: StockCountsDto;
}
