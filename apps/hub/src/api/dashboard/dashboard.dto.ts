import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_DASHBOARD_HOURS = 168;

export class DashboardQuery {
  @ApiPropertyOptional({ description: `How many hours back the figures reach (1–${MAX_DASHBOARD_HOURS})`, default: 24, example: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DASHBOARD_HOURS)
  hours?: number;
}

export class OrdersPerHourDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the hour (UTC)' }) hour!: string;
  @ApiProperty({ example: 'nengmao-demo', description: 'Source connection' }) source!: string;
  @ApiProperty({ example: 42 }) orders!: number;
}

export class ProviderHealthDto {
  @ApiProperty({ example: 'envoy-demo' }) connection!: string;
  @ApiProperty({ example: 'nomad-envoy' }) provider!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ enum: ['closed', 'open', 'half_open', 'unknown'], description: "This process's circuit breaker for the connection" })
  breaker!: string;
  @ApiProperty({ description: 'Provider calls in the window' }) calls!: number;
  @ApiProperty({ description: 'Share of calls that failed, 0–1' }) callFailureRate!: number;
  @ApiProperty({ nullable: true, type: Number }) p50LatencyMs!: number | null;
  @ApiProperty({ nullable: true, type: Number }) p95LatencyMs!: number | null;
  @ApiProperty({ description: 'Deliveries touched in the window' }) deliveries!: number;
  @ApiProperty({ description: 'Share of those deliveries failed or dead, 0–1' }) deliveryFailureRate!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'p95 of event-to-delivered time' }) p95DeliveryLatencyMs!: number | null;
  @ApiProperty() deadLetters!: number;
  @ApiProperty() pendingDeliveries!: number;
}

export class SyncLagDto {
  @ApiProperty() connection!: string;
  @ApiProperty({ example: 'marketplace-new-orders' }) stream!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSuccessAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Seconds since the last successful run' }) lagSeconds!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ description: 'A poller holds the stream now' }) running!: boolean;
}

export class DashboardDto {
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [OrdersPerHourDto] }) ordersPerHour!: OrdersPerHourDto[];
  @ApiProperty({ type: [ProviderHealthDto] }) providers!: ProviderHealthDto[];
  @ApiProperty({ description: 'Dead letters across every connection' }) deadLetters!: number;
  @ApiProperty({ type: [SyncLagDto] }) sync!: SyncLagDto[];
}
