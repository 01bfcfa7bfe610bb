import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHIPMENT_STATUSES } from '@serai/domain';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsZonedDateTime } from '../../http/is-zoned-date-time';
import { commaSeparatedList, PageQuery } from '../../http/page-query';
import { IsRangeEnd } from '../../http/time-range';
import { PageInfoDto } from '../orders/order-summary.dto';
import { ShipmentLineDto } from '../orders/order-detail.dto';

export class ListShipmentsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'One or more statuses, comma-separated',
    enum: SHIPMENT_STATUSES,
    isArray: true,
    example: 'shipped,in_transit',
  })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(SHIPMENT_STATUSES.length)
  @IsIn(SHIPMENT_STATUSES, { each: true, message: `must be one of ${SHIPMENT_STATUSES.join(', ')}` })
  status?: string[];

  @ApiPropertyOptional({ description: 'Shipments of this order', format: 'uuid', example: '8a0d3c1e-6f1b-4b7a-9c3e-2d5f7a9b1c3d' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'must be a UUID' })
  @IsString()
  orderId?: string;

  @ApiPropertyOptional({ description: 'Canonical carrier code', example: 'sf' })
  @IsOptional()
  @MaxLength(32)
  @IsString()
  carrierCode?: string;

  @ApiPropertyOptional({ description: 'Waybill number', example: 'SF1234567890' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  trackingNumber?: string;

  @ApiPropertyOptional({ description: 'Recorded at or after, ISO-8601 with zone', example: '2026-11-11T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  createdFrom?: string;

  @ApiPropertyOptional({
    description: 'Recorded before, ISO-8601 with zone; at most 366 days after createdFrom',
    example: '2026-11-12T00:00:00+08:00',
  })
  @IsOptional()
  @IsRangeEnd('createdFrom')
  @IsZonedDateTime()
  createdTo?: string;

  @ApiPropertyOptional({ description: 'Shipped at or after, ISO-8601 with zone', example: '2026-11-11T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  shippedFrom?: string;

  @ApiPropertyOptional({
    description: 'Shipped before, ISO-8601 with zone; at most 366 days after shippedFrom',
    example: '2026-11-12T00:00:00+08:00',
  })
  @IsOptional()
  @IsRangeEnd('shippedFrom')
  @IsZonedDateTime()
  shippedTo?: string;
}

export class ShipmentDto {
  @ApiProperty({ format: 'uuid', example: '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '8a0d3c1e-6f1b-4b7a-9c3e-2d5f7a9b1c3d' }) orderId!: string;
  @ApiProperty({ example: { connection: 'nengmao-demo', externalOrderNumber: '2026111100001' } })
  order!: { connection: string; externalOrderNumber: string };
  @ApiProperty({ example: 'sf' }) carrierCode!: string;
  @ApiProperty({ example: 'SF1234567890' }) trackingNumber!: string;
  @ApiProperty({ enum: SHIPMENT_STATUSES, example: 'shipped' }) status!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2026-11-12T02:30:00.000Z' }) shippedAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'pilot-demo',
    description: 'The connection that reported it; null when entered by hand',
  })
  reportedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [ShipmentLineDto] }) lines!: ShipmentLineDto[];
}

export class ShipmentPageDto {
  @ApiProperty({ type: [ShipmentDto] }) data!: ShipmentDto[];
  @ApiProperty({ type: PageInfoDto }) page!: PageInfoDto;
}
