import { commaSeparatedList, PageQuery } from '../../http/page-query';
import { IsZonedDateTime } from '../../http/is-zoned-date-time';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const LISTED_STATES = ['pending', 'in_flight', 'succeeded', 'failed', 'dead', 'cancelled'] as const;
export const REPLAYABLE_STATES = ['dead', 'failed'] as const;
export const MAX_REPLAY = 10_000;

export class ListDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One or more states, comma-separated', enum: LISTED_STATES, isArray: true })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(LISTED_STATES.length)
  @IsIn(LISTED_STATES, { each: true, message: `must be one of ${LISTED_STATES.join(', ')}` })
  state?: string[];

  @ApiPropertyOptional({ description: 'Target connection name, e.g. envoy-demo' })
  @IsOptional()
  @MaxLength(63)
  @IsString()
  connection?: string;
}

export class DeliveryDto {
  @ApiProperty({ example: '42', description: 'Numeric id, as a string' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() route!: string;
  @ApiProperty({ description: 'Target connection name' }) connection!: string;
  @ApiProperty({ example: 'orderSink.createOrder' }) capability!: string;
  @ApiProperty({ enum: LISTED_STATES }) state!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastErrorCode!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
}

export class DeliveryPageInfoDto {
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) data!: DeliveryDto[];
  @ApiProperty({ type: DeliveryPageInfoDto }) page!: DeliveryPageInfoDto;
}

export class ReplayDeliveriesBody {
  @ApiPropertyOptional({ description: 'Which deliveries to send again', enum: REPLAYABLE_STATES, default: 'dead' })
  @IsOptional()
  @IsIn(REPLAYABLE_STATES, { message: `must be one of ${REPLAYABLE_STATES.join(', ')}` })
  state: (typeof REPLAYABLE_STATES)[number] = 'dead';

  @ApiPropertyOptional({ description: 'Target connection name, e.g. envoy-demo; an unknown name is refused' })
  @IsOptional()
  @MaxLength(63)
  @IsString()
  connection?: string;

  @ApiPropertyOptional({ description: 'Connector capability', example: 'orderSink.createOrder' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  capability?: string;

  @ApiPropertyOptional({ description: 'Route name' })
  @IsOptional()
  @MaxLength(63)
  @IsString()
  route?: string;

  @ApiPropertyOptional({ description: 'Delivery created at or after, ISO-8601 with zone', example: '2026-11-11T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'Delivery created before, ISO-8601 with zone', example: '2026-11-12T00:00:00+08:00' })
  @IsOptional()
  @IsZonedDateTime()
  createdTo?: string;

  @ApiPropertyOptional({
    description: `At most this many deliveries, oldest first, 1 to ${MAX_REPLAY}`,
    default: MAX_REPLAY,
    minimum: 1,
    maximum: MAX_REPLAY,
  })
  @IsOptional()
  @Max(MAX_REPLAY, { message: `must not be greater than ${MAX_REPLAY}` })
  @Min(1, { message: 'must not be less than 1' })
  @IsInt({ message: 'must be an integer' })
  limit: number = MAX_REPLAY;
}

export class ReplayResultDto {
  @ApiProperty({ description: 'How many deliveries are pending again', example: 2 }) requeued!: number;
  @ApiProperty({ type: [String], description: 'Their ids, ascending', example: ['41', '42'] }) ids!: string[];
}
