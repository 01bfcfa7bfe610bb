import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ENTITY_TYPES = ['order', 'product', 'sku', 'shipment', 'return', 'price', 'inventory'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Binds a canonical entity to its id in one connection (for example an Envoy orderId). */
@Entity('external_ref')
export class ExternalRefEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text', { name: 'entity_type' }) entityType!: EntityType;
  @Column('text', { name: 'entity_id' }) entityId!: string;
  @Column('uuid', { name: 'connection_id' }) connectionId!: string;
  @Column('text', { name: 'external_id' }) externalId!: string;
  /** Several ids per system are possible (Envoy: orderId and clientOrderRef). */
  @Column('text') kind!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
