import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOMAIN_EVENT_TYPES } from '@serai/domain';
import {
  ANSWER_CANCELLATION,
  CANCEL_BY_BRAND,
  CONFIRM_SHIPMENT,
  FORWARD_ORDER,
  PUBLISH_PRODUCT,
  PUSH_PRICES,
  PUSH_STOCK,
  SET_SKU_ENABLED,
} from '@serai/engine';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';

/**
 * The capabilities the engine has a delivery handler for (a route to anything else could never
 * deliver), and the coalesced stock push (InventoryChanged events mark SKUs for the target's pushes).
 */
export const ROUTE_CAPABILITIES = [
  FORWARD_ORDER,
  CONFIRM_SHIPMENT,
  ANSWER_CANCELLATION,
  PUBLISH_PRODUCT,
  SET_SKU_ENABLED,
  PUSH_PRICES,
  PUSH_STOCK,
  CANCEL_BY_BRAND,
] as const;
const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const NAME_MESSAGE = { message: 'must be 1 to 63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit' };
export const MAX_ROUTES = 500;

export class RouteBody {
  @ApiProperty({ example: 'marketplace-orders-to-envoy' })
  @Matches(NAME, NAME_MESSAGE)
  @IsString()
  name!: string;

  @ApiProperty({ enum: DOMAIN_EVENT_TYPES, isArray: true, example: ['OrderReceived'] })
  @IsIn(DOMAIN_EVENT_TYPES, { each: true, message: `each must be one of ${DOMAIN_EVENT_TYPES.join(', ')}` })
  @ArrayUnique({ message: 'must not repeat an event type' })
  @ArrayMaxSize(DOMAIN_EVENT_TYPES.length)
  @ArrayMinSize(1, { message: 'must name at least one event type' })
  @IsArray({ message: 'must be a list of event types' })
  eventTypes!: string[];

  @ApiProperty({ example: 'envoy-demo', description: 'Target connection name; it must exist' })
  @Matches(NAME, NAME_MESSAGE)
  @IsString()
  connection!: string;

  @ApiProperty({ enum: ROUTE_CAPABILITIES })
  @IsIn(ROUTE_CAPABILITIES, { message: `must be one of ${ROUTE_CAPABILITIES.join(', ')}` })
  capability!: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'nengmao-demo',
    description: 'Only events whose aggregate came from this connection; it must exist',
  })
  @IsOptional()
  @Matches(NAME, NAME_MESSAGE)
  @IsString()
  sourceConnection?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

export class ReplaceRoutesBody {
  @ApiProperty({ type: [RouteBody], description: 'The whole route table: routes not listed are removed' })
  @ValidateNested({ each: true })
  @Type(() => RouteBody)
  @ArrayMaxSize(MAX_ROUTES)
  @IsArray({ message: 'must be a list of routes' })
  routes!: RouteBody[];
}

export class RouteDto {
  @ApiProperty({ example: 'marketplace-orders-to-envoy' }) name!: string;
  @ApiProperty({ enum: DOMAIN_EVENT_TYPES, isArray: true, example: ['OrderAcknowledged'] }) eventTypes!: string[];
  @ApiProperty({ description: 'Target connection name', example: 'envoy-demo' }) connection!: string;
  @ApiProperty({ enum: ROUTE_CAPABILITIES }) capability!: string;
  @ApiProperty({ nullable: true, type: String }) sourceConnection!: string | null;
  @ApiProperty() enabled!: boolean;
}

export class RouteListDto {
  @ApiProperty({ type: [RouteDto] }) data!: RouteDto[];
}
