import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES } from '@serai/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsZonedDateTime } from '../../http/is-zoned-date-time';
import { OrderShipmentDto } from './order-detail.dto';

/**
 * Canonical reasons for a brand-side cancellation. The marketplace documents define no codes, only
 * a free message: each connector words them (Nengmao: NENGMAO_CANCEL_REASONS, e.g. out_of_stock →
 * 品牌方缺货取消, the document's own example). Kept as codes so reports can count them.
 */
export const BRAND_CANCEL_REASONS = ['out_of_stock', 'price_error', 'address_problem', 'customs_rejected', 'buyer_request'] as const;

export class HoldOrderBody {
  @ApiProperty({ example: 'address check: consignee phone unreachable', description: 'Why (1-200 characters); shown on the order' })
  @MaxLength(200)
  @MinLength(1, { message: 'must not be empty' })
  @IsString()
  reason!: string;
}

export class CancelOrderBody {
  @ApiProperty({ enum: BRAND_CANCEL_REASONS, example: 'out_of_stock', description: 'Sent to the marketplace in its own words' })
  @IsIn(BRAND_CANCEL_REASONS, { message: `must be one of ${BRAND_CANCEL_REASONS.join(', ')}` })
  reason!: string;
}

export class ManualShipmentLineBody {
  @ApiProperty({ example: 'L1', description: 'The order line (`lines[].lineId` of the order)' })
  @MaxLength(128)
  @IsString()
  lineId!: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @Max(100_000)
  @Min(1, { message: 'must be at least 1' })
  @IsInt({ message: 'must be an integer' })
  quantity!: number;
}

export class ManualShipmentBody {
  @ApiProperty({
    example: 'sf',
    description: 'Canonical carrier code (sf, ems, yto, zto, jd …); mapped to each marketplace’s courier code',
  })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'must be a carrier code: 1 to 32 lowercase letters, digits, "_" or "-"' })
  @IsString()
  carrierCode!: string;

  @ApiProperty({ example: 'SF1234567890', description: 'The waybill number' })
  @Matches(/^[A-Za-z0-9-]{4,64}$/, { message: 'must be 4 to 64 letters, digits or "-"' })
  @IsString()
  trackingNumber!: string;

  @ApiPropertyOptional({ example: '2026-11-12T10:30:00+08:00', description: 'When it left; now when absent' })
  @IsOptional()
  @IsZonedDateTime()
  shippedAt?: string;

  @ApiPropertyOptional({ type: [ManualShipmentLineBody], description: 'What the parcel carries; everything not yet shipped when absent' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ManualShipmentLineBody)
  @ArrayMaxSize(500)
  @ArrayMinSize(1, { message: 'must list at least one line when given' })
  @IsArray({ message: 'must be a list of { lineId, quantity }' })
  lines?: ManualShipmentLineBody[];
}

export class OrderActionResultDto {
  @ApiProperty({ format: 'uuid', example: '8a0d3c1e-6f1b-4b7a-9c3e-2d5f7a9b1c3d' }) orderId!: string;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'acknowledged' }) status!: string;
  @ApiProperty({ example: true }) onHold!: boolean;
  @ApiProperty({
    example: ['OrderHeld'],
    description: 'Events recorded (outbox); the engine routes them to the systems their routes name, with retries and traces',
  })
  recorded!: string[];
}

export class ManualShipmentResultDto extends OrderActionResultDto {
  @ApiProperty({ type: OrderShipmentDto }) shipment!: OrderShipmentDto;
}

export class ResyncPullDto {
  @ApiProperty({ example: 'nengmao-demo' }) connection!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'order',
    description:
      '`order`: the order itself read again (result `found` 0/1 and what applying it did); a stream name: that poll run now; ' +
      'null when the connection could not be built (its settings are refused)',
  })
  stream!: string | null;
  @ApiProperty({ enum: ['done', 'busy', 'failed'], example: 'done', description: '`busy`: another instance is running that stream now' })
  outcome!: string;
  @ApiPropertyOptional({ example: { found: 1, cancellationRequests: 1 } }) result?: Record<string, number>;
  @ApiPropertyOptional({ example: 'timeout after 10000 ms' }) error?: string;
}

export class ResyncResultDto {
  @ApiProperty({ format: 'uuid', example: '8a0d3c1e-6f1b-4b7a-9c3e-2d5f7a9b1c3d' }) orderId!: string;
  @ApiProperty({
    example: 2,
    description: "Dead or failed deliveries of the order's events put back in the queue with a fresh attempt budget",
  })
  requeued!: number;
  @ApiProperty({ example: 1, description: "Deliveries created for routes added since the order's events were routed" })
  routed!: number;
  @ApiProperty({ type: [ResyncPullDto], description: 'The pulls run now to read the order again from the systems that hold it' })
  pulls!: ResyncPullDto[];
}
