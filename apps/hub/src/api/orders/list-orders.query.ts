import { commaSeparatedList, PageQuery } from '../../http/page-query';
import { IsZonedDateTime } from '../../http/is-zoned-date-time';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ORDER_STATUSES } from '@serai/domain';
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export { MAX_PAGE_SIZE } from '../../http/page-query';

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated', enum: ORDER_STATUSES, isArray: true })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(ORDER_STATUSES.length)
  @IsIn(ORDER_STATUSES, { each: true, message: `must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: string[];

  @ApiPropertyOptional({ description: 'Connection the order came from, e.g. nengmao-demo' })
  @IsOptional()
  @MaxLength(63)
  @IsString()
  connection?: string;

  @ApiPropertyOptional({ description: 'External order number in the source system (e.g. Nengmao orderSn)' })
  @IsOptional()
  @MaxLength(128)
  @IsString()
  externalOrderNumber?: string;

  @ApiPropertyOptional({ description: 'Created at or after, ISO-8601 with zone', example: '2026-11-11T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'Created before, ISO-8601 with zone', example: '2026-11-12T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  createdTo?: string;
}
