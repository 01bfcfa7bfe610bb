import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

/** `?state=dead,failed` → ['dead', 'failed']: list filters are comma-separated in the query string. */
export const commaSeparatedList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** The keyset-pagination parameters every list of the API takes. */
export class PageQuery {
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
}
