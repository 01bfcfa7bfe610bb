import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { SalesOrderEntity } from './sales-order.entity';

@Entity('sales_order_line')
export class SalesOrderLineEntity {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId!: string;
  @PrimaryColumn('integer', { name: 'line_no' }) lineNo!: number;
  @Column('text', { name: 'line_id' }) lineId!: string;
  @Column('text') sku!: string;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('integer') quantity!: number;
  @Column('integer', { name: 'shipped_quantity' }) shippedQuantity!: number;
  @Column('numeric', { name: 'unit_price' }) unitPrice!: string;
  @Column('numeric', { name: 'discount_amount' }) discountAmount!: string;
  @Column('numeric', { name: 'tax_amount' }) taxAmount!: string;
  @Column('jsonb', { name: 'sku_ref' }) skuRef!: Record<string, unknown>;
  @Column('jsonb', { nullable: true }) raw!: unknown;
  /** The order's created_at, copied so the SKU filter walks one index in list order (migration 1764000000120). */
  @Column('timestamptz', { name: 'order_created_at' }) orderCreatedAt!: Date;
  @ManyToOne('SalesOrderEntity', 'lines', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: SalesOrderEntity;
}
