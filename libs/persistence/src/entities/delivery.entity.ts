import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DELIVERY_STATES = ['pending', 'in_flight', 'succeeded', 'failed', 'dead', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One event to one target connection through one capability; the unit of retry and dead-lettering. */
@Entity('delivery')
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text') route!: string;
  @Column('uuid', { name: 'connection_id' }) connectionId!: string;
  @Column('text') capability!: string;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey!: string;
  @Column('text') state!: DeliveryState;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('text', { name: 'locked_by', nullable: true }) lockedBy!: string | null;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil!: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('text', { name: 'last_error_code', nullable: true }) lastErrorCode!: string | null;
  @Column('jsonb', { nullable: true }) result!: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
}
