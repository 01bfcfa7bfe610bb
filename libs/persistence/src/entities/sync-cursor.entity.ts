import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a poller of one connection and stream stands, and who holds its lease. */
@Entity('sync_cursor')
export class SyncCursorEntity {
  @PrimaryColumn('uuid', { name: 'connection_id' }) connectionId!: string;
  @PrimaryColumn('text') stream!: string;
  @Column('jsonb') position!: Record<string, unknown>;
  @Column('text', { name: 'lease_owner', nullable: true }) leaseOwner!: string | null;
  @Column('timestamptz', { name: 'lease_until', nullable: true }) leaseUntil!: Date | null;
  @Column('timestamptz', { name: 'last_run_at', nullable: true }) lastRunAt!: Date | null;
  @Column('timestamptz', { name: 'last_success_at', nullable: true }) lastSuccessAt!: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
