import { commaSeparatedList, PageQuery } from '../../http/page-query';
import { IsZonedDateTime } from '../../http/is-zoned-date-time';
import { IsRangeEnd } from '../../http/time-range';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ORDER_STATUSES } from '@serai/domain';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export { MAX_PAGE_SIZE } from '../../http/page-query';

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'One or more statuses, comma-separated',
    enum: ORDER_STATUSES,
    isArray: true,
    example: 'received,acknowledged',
  })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(ORDER_STATUSES.length)
  @IsIn(ORDER_STATUSES, { each: true, message: `must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: string[];

  @ApiPropertyOptional({ description: 'Connection the order came from', example: 'nengmao-demo' })
  @IsOptional()
  @MaxLength(63)
  @IsString()
  connection?: string;

  @ApiPropertyOptional({
    description: "The order's number in any system: its source's (Nengmao orderSn) or the id another system gave it (Envoy order id)",
    example: '2026111100001',
  })
  @IsOptional()
  @MaxLength(128)
  @IsString()
  externalOrderNumber?: string;

  @ApiPropertyOptional({ description: 'Orders with a line of this SKU', example: 'SKU-000001' })
  @IsOptional()
  @MaxLength(128)
  @IsString()
  sku?: string;

  @ApiPropertyOptional({
    description:
      'Buyer or consignee phone (digits; +86/0086 ignored). Matched on a keyed digest: the phone is never stored or searched in clear, and never logged.',
    example: '13912345678',
  })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,24}$/, { message: 'must be a phone number (5 to 24 digits, spaces, ( ) - and a leading +)' })
  @IsString()
  phone?: string;

  @ApiPropertyOptional({ description: 'Stored at or after, ISO-8601 with zone', example: '2026-11-11T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  createdFrom?: string;

  @ApiPropertyOptional({
    description: 'Stored before, ISO-8601 with zone; at most 366 days after createdFrom',
    example: '2026-11-12T00:00:00+08:00',
  })
  @IsOptional()
  @IsRangeEnd('createdFrom')
  @IsZonedDateTime()
  createdTo?: string;

  @ApiPropertyOptional({ description: 'Paid at or after, ISO-8601 with zone', example: '2026-11-11T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  paidFrom?: string;

  @ApiPropertyOptional({
    description: 'Paid before, ISO-8601 with zone; at most 366 days after paidFrom',
    example: '2026-11-12T00:00:00+08:00',
  })
  @IsOptional()
  @IsRangeEnd('paidFrom')
  @IsZonedDateTime()
  paidTo?: string;

  @ApiPropertyOptional({ description: 'Last changed in the hub at or after, ISO-8601 with zone', example: '2026-11-11T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  updatedFrom?: string;

  @ApiPropertyOptional({
    description: 'Last changed before, ISO-8601 with zone; at most 366 days after updatedFrom',
    example: '2026-11-12T00:00:00+08:00',
  })
  @IsOptional()
  @IsRangeEnd('updatedFrom')
  @IsZonedDateTime()
  updatedTo?: string;
}
