import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const INBOX_STATES = ['received', 'processing', 'processed', 'waiting_for_order', 'failed'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/** A provider callback as received (headers with secrets masked), before any processing. */
@Entity('webhook_inbox')
export class WebhookInboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text') store!: string;
  @Column('uuid', { name: 'connection_id', nullable: true }) connectionId!: string | null;
  @Column('text', { name: 'dedupe_key' }) dedupeKey!: string;
  @Column('text', { name: 'content_type', nullable: true }) contentType!: string | null;
  @Column('text', { name: 'body_format' }) bodyFormat!: 'xml' | 'json';
  @Column('jsonb') headers!: Record<string, string>;
  @Column('text') body!: string;
  @Column('text', { name: 'source_address', nullable: true }) sourceAddress!: string | null;
  @Column('text') state!: InboxState;
  @Column('integer') attempts!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('timestamptz', { name: 'processed_at', nullable: true }) processedAt!: Date | null;
}
