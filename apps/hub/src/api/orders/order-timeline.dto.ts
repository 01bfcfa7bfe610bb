import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { CALL_OUTCOMES, DELIVERY_STATES } from '@serai/persistence';

/**
 * Every entry carries `at`, the hub's own clock for when it happened (an event's recording, a
 * delivery's creation, a call's start): entries are ordered by it, oldest first.
 */
export class TimelineEventEntryDto {
  @ApiProperty({ enum: ['event'] }) kind!: 'event';
  @ApiProperty({ format: 'date-time', description: 'When the hub recorded the event' }) at!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'OrderReceived' }) type!: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened, as the domain says' }) occurredAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event payload; buyer and consignee masked unless the key has the `pii` scope',
  })
  payload!: Record<string, unknown>;
}

export class TimelineDeliveryEntryDto {
  @ApiProperty({ enum: ['delivery'] }) kind!: 'delivery';
  @ApiProperty({ format: 'date-time', description: 'When the delivery was created' }) at!: string;
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() route!: string;
  @ApiProperty({ description: 'Target connection name' }) connection!: string;
  @ApiProperty({ example: 'orderSink.createOrder' }) capability!: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastErrorCode!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
}

export class TimelineProviderCallEntryDto {
  @ApiProperty({ enum: ['provider_call'] }) kind!: 'provider_call';
  @ApiProperty({ format: 'date-time', description: 'When the call started' }) at!: string;
  @ApiProperty({ example: '7' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The delivery that made the call, if one did' }) deliveryId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Connection name; null once the connection is deleted' })
  connection!: string | null;
  @ApiProperty({ example: 'order/create' }) operation!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ description: 'As traced, secrets redacted' }) url!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ nullable: true, type: Number }) httpStatus!: number | null;
  @ApiProperty({ nullable: true, type: String }) providerCode!: string | null;
  @ApiProperty({ enum: CALL_OUTCOMES }) outcome!: string;
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ nullable: true, description: 'As traced: secrets redacted and personal data masked by the connector kernel' })
  requestBody!: unknown;
  @ApiProperty({ nullable: true, description: 'As traced: secrets redacted and personal data masked by the connector kernel' })
  responseBody!: unknown;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export type TimelineEntryDto = TimelineEventEntryDto | TimelineDeliveryEntryDto | TimelineProviderCallEntryDto;

@ApiExtraModels(TimelineEventEntryDto, TimelineDeliveryEntryDto, TimelineProviderCallEntryDto)
export class OrderTimelineDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({
    description: 'Oldest first',
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(TimelineEventEntryDto) },
        { $ref: getSchemaPath(TimelineDeliveryEntryDto) },
        { $ref: getSchemaPath(TimelineProviderCallEntryDto) },
      ],
      discriminator: {
        propertyName: 'kind',
        mapping: {
          event: getSchemaPath(TimelineEventEntryDto),
          delivery: getSchemaPath(TimelineDeliveryEntryDto),
          provider_call: getSchemaPath(TimelineProviderCallEntryDto),
        },
      },
    },
  })
  entries!: TimelineEntryDto[];
}
