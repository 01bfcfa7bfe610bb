import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CALL_OUTCOMES = ['success', 'provider_error', 'transport_error', 'timeout', 'invalid_response'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The trace of one provider call; bodies are stored with secrets and personal data masked. */
@Entity('provider_call')
export class ProviderCallEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'connection_id', nullable: true }) connectionId!: string | null;
  @Column('text') provider!: string;
  @Column('text') operation!: string;
  @Column('text') method!: string;
  @Column('text') url!: string;
  @Column('integer') attempt!: number;
  @Column('integer', { name: 'http_status', nullable: true }) httpStatus!: number | null;
  @Column('text', { name: 'provider_code', nullable: true }) providerCode!: string | null;
  @Column('text') outcome!: CallOutcome;
  @Column('integer', { name: 'latency_ms' }) latencyMs!: number;
  @Column('jsonb', { name: 'request_body', nullable: true }) requestBody!: unknown;
  @Column('jsonb', { name: 'response_body', nullable: true }) responseBody!: unknown;
  @Column('text', { nullable: true }) error!: string | null;
  @Column('bigint', { name: 'delivery_id', nullable: true }) deliveryId!: string | null;
  @Column('text', { name: 'entity_type', nullable: true }) entityType!: string | null;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
}
