import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { SalesOrderLineEntity } from './sales-order-line.entity';

/** The canonical order. Money columns are numeric and arrive as strings: never parsed into floats. */
@Entity('sales_order')
export class SalesOrderEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'source_connection_id', nullable: true }) sourceConnectionId!: string | null;
  @Column('text', { name: 'source_connection_name' }) sourceConnectionName!: string;
  @Column('text', { name: 'external_order_number' }) externalOrderNumber!: string;
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'status_changed_at' }) statusChangedAt!: Date;
  @Column('boolean', { name: 'on_hold' }) onHold!: boolean;
  @Column('text', { name: 'hold_reason', nullable: true }) holdReason!: string | null;
  @Column('timestamptz', { name: 'hold_since', nullable: true }) holdSince!: Date | null;
  @Column('jsonb', { nullable: true }) cancellation!: Record<string, unknown> | null;
  @Column('uuid', { name: 'shipment_ids', array: true }) shipmentIds!: string[];
  @Column('char', { length: 3 }) currency!: string;
  @Column('numeric', { name: 'items_amount' }) itemsAmount!: string;
  @Column('numeric', { name: 'shipping_amount' }) shippingAmount!: string;
  @Column('numeric', { name: 'discount_amount' }) discountAmount!: string;
  @Column('numeric', { name: 'tax_amount' }) taxAmount!: string;
  @Column('numeric', { name: 'total_paid' }) totalPaid!: string;
  @Column('jsonb', { nullable: true }) buyer!: Record<string, unknown> | null;
  @Column('jsonb') consignee!: Record<string, unknown>;
  @Column('text', { name: 'buyer_phone_digest', nullable: true }) buyerPhoneDigest!: string | null;
  @Column('text', { name: 'consignee_phone_digest', nullable: true }) consigneePhoneDigest!: string | null;
  @Column('jsonb', { nullable: true }) payment!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'placed_at' }) placedAt!: Date;
  @Column('timestamptz', { name: 'paid_at', nullable: true }) paidAt!: Date | null;
  @Column('timestamptz', { name: 'source_updated_at', nullable: true }) sourceUpdatedAt!: Date | null;
  @Column('jsonb', { nullable: true }) raw!: unknown;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @OneToMany(() => SalesOrderLineEntity, (line) => line.order) lines?: SalesOrderLineEntity[];
}
