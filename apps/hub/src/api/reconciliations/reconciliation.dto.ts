import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DISCREPANCY_STATES, EXPORT_FORMATS, REPORT_KIND_NAMES, RUN_STATES } from '@serai/reports';
import { IsZonedDateTime } from '../../http/is-zoned-date-time';
import { commaSeparatedList, PageQuery } from '../../http/page-query';

export const MAX_BULK_REPAIR = 1000;
const CONNECTION_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export class RunOptionsBody {
  @ApiPropertyOptional({ description: 'Stock drift within this many units is not reported', default: 0, minimum: 0 })
  @IsOptional()
  @Max(1_000_000)
  @Min(0)
  @IsInt({ message: 'must be an integer' })
  stockTolerance?: number;

  @ApiPropertyOptional({ description: 'Pages read per second per connection (default 5)', minimum: 0.1, maximum: 100 })
  @IsOptional()
  @Max(100)
  @Min(0.1)
  @IsNumber({}, { message: 'must be a number' })
  readPagesPerSecond?: number;
}

export class CreateReconciliationBody {
  @ApiPropertyOptional({ enum: REPORT_KIND_NAMES, isArray: true, description: 'Report kinds; all when absent' })
  @IsOptional()
  @ArrayMaxSize(REPORT_KIND_NAMES.length)
  @ArrayMinSize(1)
  @IsIn(REPORT_KIND_NAMES, { each: true, message: `must be one of ${REPORT_KIND_NAMES.join(', ')}` })
  @IsArray()
  kinds?: string[];

  @ApiProperty({ example: ['nengmao-demo', 'envoy-demo', 'pilot-demo'], description: 'Connection names the run reads' })
  @ArrayMaxSize(20)
  @ArrayMinSize(1)
  @Matches(CONNECTION_NAME, { each: true, message: 'must be a connection name' })
  @IsString({ each: true })
  @IsArray()
  connections!: string[];

  @ApiProperty({ example: '2026-11-24T00:00:00+08:00', description: 'Window start (orders placed from), with its zone' })
  @IsZonedDateTime()
  from!: string;

  @ApiProperty({ example: '2026-11-25T00:00:00+08:00', description: 'Window end (exclusive), with its zone; at most 31 days after from' })
  @IsZonedDateTime()
  to!: string;

  @ApiPropertyOptional({ type: RunOptionsBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => RunOptionsBody)
  options?: RunOptionsBody;
}

export class ListReconciliationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RUN_STATES })
  @IsOptional()
  @IsIn(RUN_STATES, { message: `must be one of ${RUN_STATES.join(', ')}` })
  state?: string;
}

export class DiscrepancyFilterQuery {
  @ApiPropertyOptional({ enum: REPORT_KIND_NAMES })
  @IsOptional()
  @IsIn(REPORT_KIND_NAMES, { message: `must be one of ${REPORT_KIND_NAMES.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ enum: DISCREPANCY_STATES, isArray: true, description: 'One or more states, comma-separated' })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(DISCREPANCY_STATES.length)
  @IsIn(DISCREPANCY_STATES, { each: true, message: `must be one of ${DISCREPANCY_STATES.join(', ')}` })
  state?: string[];

  @ApiPropertyOptional({ description: 'Connection name' })
  @IsOptional()
  @Matches(CONNECTION_NAME, { message: 'must be a connection name' })
  connection?: string;

  @ApiPropertyOptional({ description: 'Finding code, e.g. missing_in_order_system' })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'must be a finding code' })
  code?: string;
}

export class ListDiscrepanciesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REPORT_KIND_NAMES })
  @IsOptional()
  @IsIn(REPORT_KIND_NAMES, { message: `must be one of ${REPORT_KIND_NAMES.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ enum: DISCREPANCY_STATES, isArray: true })
  @IsOptional()
  @Transform(commaSeparatedList)
  @ArrayMaxSize(DISCREPANCY_STATES.length)
  @IsIn(DISCREPANCY_STATES, { each: true, message: `must be one of ${DISCREPANCY_STATES.join(', ')}` })
  state?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CONNECTION_NAME, { message: 'must be a connection name' })
  connection?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'must be a finding code' })
  code?: string;
}

export class ExportDiscrepanciesQuery extends DiscrepancyFilterQuery {
  @ApiPropertyOptional({ type: String, enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(', ')}` })
  format: (typeof EXPORT_FORMATS)[number] = 'csv';
}

export class BulkRepairBody {
  @ApiPropertyOptional({ enum: REPORT_KIND_NAMES, example: 'shipment-confirmation' })
  @IsOptional()
  @IsIn(REPORT_KIND_NAMES, { message: `must be one of ${REPORT_KIND_NAMES.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CONNECTION_NAME, { message: 'must be a connection name' })
  connection?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'must be a finding code' })
  code?: string;

  @ApiPropertyOptional({ type: Number, default: 100, minimum: 1, maximum: MAX_BULK_REPAIR, description: 'At most this many are repaired' })
  @IsOptional()
  @Max(MAX_BULK_REPAIR)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit: number = 100;
}

export class SummariesQuery {
  @ApiPropertyOptional({ enum: REPORT_KIND_NAMES })
  @IsOptional()
  @IsIn(REPORT_KIND_NAMES, { message: `must be one of ${REPORT_KIND_NAMES.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CONNECTION_NAME, { message: 'must be a connection name' })
  connection?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day (China Standard Time), inclusive' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day, inclusive' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ type: Number, default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value))
  @Max(1000)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit: number = 100;
}

export class RunProgressDto {
  @ApiProperty({ example: 'reading order from nengmao-demo' }) phase!: string;
  @ApiProperty() itemsRead!: number;
  @ApiProperty() stepsDone!: number;
  @ApiProperty() stepsTotal!: number;
  @ApiProperty({ description: '0 to 100' }) percentage!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) etaAt!: string | null;
}

export class ReconciliationRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RUN_STATES }) state!: string;
  @ApiProperty({ enum: REPORT_KIND_NAMES, isArray: true }) kinds!: string[];
  @ApiProperty({ type: [String] }) connections!: string[];
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: Object }) options!: Record<string, unknown>;
  @ApiProperty({ enum: ['api', 'schedule'] }) trigger!: string;
  @ApiProperty({ nullable: true, type: String }) requestedBy!: string | null;
  @ApiProperty({ type: RunProgressDto }) progress!: RunProgressDto;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty() discrepancies!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
}

export class PageInfoDto {
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ReconciliationRunPageDto {
  @ApiProperty({ type: [ReconciliationRunDto] }) data!: ReconciliationRunDto[];
  @ApiProperty({ type: PageInfoDto }) page!: PageInfoDto;
}

export class DiscrepancyDto {
  @ApiProperty({ example: '17' }) id!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ enum: REPORT_KIND_NAMES }) kind!: string;
  @ApiProperty({ example: 'missing_in_order_system' }) code!: string;
  @ApiProperty() connection!: string;
  @ApiProperty({ description: 'Order number, SKU, order:tracking ...' }) entityKey!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) entityTime!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'What it should be (the reference side)' }) expected!: unknown;
  @ApiProperty({ nullable: true, type: Object, description: 'What the system says' }) actual!: unknown;
  @ApiProperty({ nullable: true, type: String, example: '12.50', description: 'Decimal text' }) amountAtStake!: string | null;
  @ApiProperty({ nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ enum: DISCREPANCY_STATES }) state!: string;
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty() occurrences!: number;
  @ApiProperty({ nullable: true, type: String }) repairAction!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) repairedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) repairedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The engine delivery carrying the repair' }) repairDeliveryId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acceptedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acceptedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When a later run no longer found it' })
  closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) closedByRun!: string | null;
}

export class DiscrepancyPageDto {
  @ApiProperty({ type: [DiscrepancyDto] }) data!: DiscrepancyDto[];
  @ApiProperty({ type: PageInfoDto }) page!: PageInfoDto;
}

export class BulkRepairResultDto {
  @ApiProperty({ type: [String], example: ['17', '18'], description: 'Discrepancies now repaired (their repair queued)' })
  repaired!: string[];
  @ApiProperty({ type: [Object], example: [{ id: '19', reason: 'no enabled route sends orderSink.createOrder for tmg-demo' }] })
  refused!: { id: string; reason: string }[];
}

export class DailySummaryDto {
  @ApiProperty({ example: '2026-11-25' }) day!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() connection!: string;
  @ApiProperty() runs!: number;
  @ApiProperty() openCount!: number;
  @ApiProperty() recurringCount!: number;
  @ApiProperty() newCount!: number;
  @ApiProperty() repairedCount!: number;
  @ApiProperty({ example: '123.45' }) amountAtStake!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Open count minus the previous day’s' }) openTrend!: number | null;
}

export class SummariesDto {
  @ApiProperty({ type: [DailySummaryDto] }) data!: DailySummaryDto[];
}
