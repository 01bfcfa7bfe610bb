import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('outbox_event')
export class OutboxEventEntity {
  /** Commit order of events; bigint arrives as a string so no digit is lost. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) position!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('text', { name: 'aggregate_type' }) aggregateType!: string;
  @Column('text', { name: 'aggregate_id' }) aggregateId!: string;
  @Column('text', { name: 'source_connection', nullable: true }) sourceConnection!: string | null;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('timestamptz', { name: 'dispatched_at', nullable: true }) dispatchedAt!: Date | null;
}
