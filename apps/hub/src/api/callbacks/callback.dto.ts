import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { INBOX_STATES } from '@serai/persistence';
import { commaSeparatedList, PageQuery } from '../../http/page-query';

export class ListCallbacksQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One or more processing states, comma-separated', enum: INBOX_STATES, isArray: true })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(INBOX_STATES.length)
  @IsIn(INBOX_STATES, { each: true, message: `must be one of ${INBOX_STATES.join(', ')}` })
  state?: string[];

  @ApiPropertyOptional({ description: 'One or more stores (the `{store}` of /callback/{store}), comma-separated', example: 'haiku' })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  @Matches(/^[A-Za-z0-9._-]+$/, { each: true, message: 'must be store names (letters, digits, . _ -)' })
  @IsString({ each: true })
  store?: string[];
}

export class CallbackDto {
  @ApiProperty({ example: '42', description: 'Numeric id, as a string' }) id!: string;
  @ApiProperty({ example: 'haiku', description: 'The `{store}` the callback was posted to' }) store!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The connection the store maps to' }) connection!: string | null;
  @ApiProperty({ description: 'What makes a redelivered message recognisable' }) dedupeKey!: string;
  @ApiProperty({ nullable: true, type: String }) contentType!: string | null;
  @ApiProperty({ enum: ['xml', 'json'] }) bodyFormat!: string;
  @ApiProperty({ enum: INBOX_STATES }) state!: string;
  @ApiProperty({ description: 'How many times processing was started' }) attempts!: number;
  @ApiProperty({ description: 'Failures in a row (the retry budget); 0 once processed or waiting' }) failures!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The order the callback concerns, once read' }) externalOrderNumber!:
    string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) processedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it is looked at again by itself (waiting, failed)' })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Request headers, secrets masked' })
  headers!: Record<string, string>;
  @ApiProperty({ nullable: true, type: String }) sourceAddress!: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'What processing did: the order, each parcel (recorded, advanced, ignored and why), or the failure',
  })
  outcome!: unknown;
}

export class CallbackDetailDto extends CallbackDto {
  @ApiProperty({ description: 'The body exactly as received' }) body!: string;
}

export class CallbackPageInfoDto {
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class CallbackPageDto {
  @ApiProperty({ type: [CallbackDto] }) data!: CallbackDto[];
  @ApiProperty({ type: CallbackPageInfoDto }) page!: CallbackPageInfoDto;
}
