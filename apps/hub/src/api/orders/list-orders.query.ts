import { IsZonedDateTime } from '../../http/is-zoned-date-time';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ORDER_STATUSES } from '@serai/domain';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class ListOrdersQuery {
  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE_SIZE}`, default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value))
  @Max(MAX_PAGE_SIZE, { message: `must not be greater than ${MAX_PAGE_SIZE}` })
  @Min(1, { message: 'must not be less than 1' })
  @IsInt({ message: 'must be an integer' })
  limit = 50;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`page.nextCursor`)' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'is not a cursor this API issued' })
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated', enum: ORDER_STATUSES, isArray: true })
  @IsOptional()
  @Transform(toList)
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
