import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RETURN_STATUSES } from '@serai/domain';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { commaSeparatedList, PageQuery } from '../../http/page-query';

const booleanText = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class ListReturnsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated', enum: RETURN_STATUSES, isArray: true })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(RETURN_STATUSES.length)
  @IsIn(RETURN_STATUSES, { each: true, message: `must be one of ${RETURN_STATUSES.join(', ')}` })
  status?: string[];

  @ApiPropertyOptional({ description: 'The marketplace connection it came from' })
  @IsOptional()
  @MaxLength(63)
  @IsString()
  connection?: string;

  @ApiPropertyOptional({ description: 'The canonical order', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  orderId?: string;

  @ApiPropertyOptional({ description: 'The marketplace’s order number (Nengmao orderSn)' })
  @IsOptional()
  @MaxLength(128)
  @IsString()
  externalOrderNumber?: string;

  @ApiPropertyOptional({ description: 'The marketplace’s return number (Nengmao returnSn)' })
  @IsOptional()
  @MaxLength(128)
  @IsString()
  returnNumber?: string;

  @ApiPropertyOptional({ description: 'true: acknowledged to the marketplace; false: not yet' })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'must be true or false' })
  acknowledged?: boolean;

  @ApiPropertyOptional({ description: 'true: only returns whose order the hub does not know' })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'must be true or false' })
  orderUnknown?: boolean;
}

class MoneyJsonDto {
  @ApiProperty({ example: '100.00' }) amount!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
}

export class ReturnLineDto {
  @ApiProperty() sku!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ type: MoneyJsonDto }) refund!: MoneyJsonDto;
}

export class ReturnDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '182010102121' }) returnNumber!: string;
  @ApiProperty({ enum: RETURN_STATUSES }) status!: string;
  @ApiProperty({ example: { connection: 'nengmao-demo', externalOrderNumber: '1801101234' } })
  source!: { connection: string; externalOrderNumber: string | null };
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null while the hub does not know the order' })
  orderId!: string | null;
  @ApiProperty({ type: MoneyJsonDto }) refundTotal!: MoneyJsonDto;
  @ApiProperty({ type: MoneyJsonDto }) shippingRefund!: MoneyJsonDto;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, example: { carrierCode: 'sf', trackingNumber: 'SF1234' } })
  parcel!: { carrierCode: string; trackingNumber: string } | null;
  @ApiProperty({
    example: { acknowledged: true, at: '2026-11-25T08:00:00.000Z' },
    description: 'Whether the marketplace was told the return is stored',
  })
  acknowledgement!: { acknowledged: boolean; at: string | null };
  @ApiProperty({ type: [ReturnLineDto] }) lines!: ReturnLineDto[];
  @ApiProperty({ nullable: true, type: String }) requestedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ReturnPageDto {
  @ApiProperty({ type: [ReturnDto] }) data!: ReturnDto[];
  @ApiProperty({ example: { limit: 50, nextCursor: null } }) page!: { limit: number; nextCursor: string | null };
}
