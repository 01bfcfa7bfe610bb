import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES } from '@serai/domain';
import { MoneyDto } from './order-summary.dto';

export class AddressDto {
  @ApiPropertyOptional({ example: '中国' }) country?: string;
  @ApiPropertyOptional({ example: 'CN' }) countryCode?: string;
  @ApiPropertyOptional({ example: '广东省' }) province?: string;
  @ApiPropertyOptional({ example: '深圳市' }) city?: string;
  @ApiPropertyOptional({ example: '福田区' }) district?: string;
  @ApiPropertyOptional({ example: '***', description: 'Personal data: `***` unless the key has the `pii` scope' }) street?: string;
  @ApiPropertyOptional({ example: '***', description: 'Personal data: `***` unless the key has the `pii` scope' }) addressLine2?: string;
  @ApiPropertyOptional({ example: '518000' }) postcode?: string;
}

export class PartyDto {
  @ApiProperty({ example: '胡*', description: 'Masked unless the key has the `pii` scope' }) name!: string;
  @ApiPropertyOptional({ example: '139****5678' }) phone?: string;
  @ApiPropertyOptional({ example: '139****5678' }) mobile?: string;
  @ApiPropertyOptional({ example: 'h***@example.com' }) email?: string;
  @ApiPropertyOptional({ example: '4403**********1234' }) idNumber?: string;
  @ApiProperty({ type: AddressDto }) address!: AddressDto;
}

export class LineStockDto {
  @ApiProperty({
    example: 'samarkand.sfexpress.test',
    description: "The stock level the line holds ('unallocated' when the SKU had no stock anywhere)",
  })
  location!: string;
  @ApiProperty({ example: 2, description: 'Units held for the line (in flight at the location)' }) reserved!: number;
  @ApiProperty({ example: 0, description: 'Units sold beyond stock: owed, filled first when stock arrives' }) backordered!: number;
  @ApiProperty({ example: 0, description: 'Units shipped from the held stock (taken off on hand)' }) consumed!: number;
}

export class OrderLineDto {
  @ApiProperty({ example: 1 }) lineNo!: number;
  @ApiProperty({ example: 'L1' }) lineId!: string;
  @ApiProperty({ example: 'SKU-000001' }) sku!: string;
  @ApiProperty({ nullable: true, type: String, example: '深层保湿面霜 50ml' }) title!: string | null;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({ example: 0 }) shippedQuantity!: number;
  @ApiProperty({ type: MoneyDto }) unitPrice!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) discount!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) tax!: MoneyDto;
  @ApiProperty({ type: LineStockDto, nullable: true, description: 'The stock the line holds; null when it never held any' })
  stock!: LineStockDto | null;
}

export class OrderAmountsDto {
  @ApiProperty({ type: MoneyDto }) items!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) shipping!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) discount!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) tax!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) totalPaid!: MoneyDto;
}

export class ExternalReferenceDto {
  @ApiProperty({ example: 'envoy-demo' }) connection!: string;
  @ApiProperty({ example: 'E202611110001', description: "The order's id or number in that system" }) externalId!: string;
  @ApiProperty({ example: 'primary', description: '`source` for the system the order came from; else the kind of id bound' }) kind!: string;
}

export class ShipmentLineDto {
  @ApiProperty({ example: 'SKU-000001' }) sku!: string;
  @ApiProperty({ example: 1 }) quantity!: number;
}

export class OrderShipmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'sf' }) carrierCode!: string;
  @ApiProperty({ example: 'SF1234567890' }) trackingNumber!: string;
  @ApiProperty({ example: 'shipped' }) status!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) shippedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [ShipmentLineDto] }) lines!: ShipmentLineDto[];
}

export class OrderReturnDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'R2026111100001' }) returnNumber!: string;
  @ApiProperty({ example: 'nengmao-demo' }) connection!: string;
  @ApiProperty({ example: 'approved' }) status!: string;
  @ApiProperty({ type: MoneyDto }) refund!: MoneyDto;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OrderHoldDto {
  @ApiProperty({ example: 'address check' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class OrderCancellationDto {
  @ApiProperty({ example: 'out_of_stock' }) reason!: string;
  @ApiProperty({ enum: ['marketplace', 'brand'] }) initiatedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ enum: ['pending', 'confirmed', 'refused'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
}

export class PaymentDto {
  @ApiProperty({ example: 'alipay' }) method!: string;
  @ApiPropertyOptional({ example: '2020032622001132000011111222' }) paymentNumber?: string;
  @ApiPropertyOptional({ format: 'date-time' }) paidAt?: string;
}

export class OrderDetailDto {
  @ApiProperty({ format: 'uuid', example: '8a0d3c1e-6f1b-4b7a-9c3e-2d5f7a9b1c3d' }) id!: string;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'forwarded' }) status!: string;
  @ApiProperty({ format: 'date-time' }) statusChangedAt!: string;
  @ApiProperty({ type: OrderHoldDto, nullable: true, description: 'Set while the order is held (not forwarded)' })
  hold!: OrderHoldDto | null;
  @ApiProperty({ type: OrderCancellationDto, nullable: true }) cancellation!: OrderCancellationDto | null;
  @ApiProperty({ example: { connection: 'nengmao-demo', externalOrderNumber: '2026111100001' } })
  source!: { connection: string; externalOrderNumber: string };
  @ApiProperty({
    type: [ExternalReferenceDto],
    description: 'The order in every system: its source first, then every id bound by a delivery',
  })
  externalReferences!: ExternalReferenceDto[];
  @ApiProperty({ type: OrderAmountsDto }) amounts!: OrderAmountsDto;
  @ApiProperty({ type: [OrderLineDto] }) lines!: OrderLineDto[];
  @ApiProperty({ example: false, description: 'Oversold: some line is owed units beyond stock (see `lines[].stock.backordered`)' })
  backordered!: boolean;
  @ApiProperty({ type: PartyDto, nullable: true }) buyer!: PartyDto | null;
  @ApiProperty({ type: PartyDto }) consignee!: PartyDto;
  @ApiProperty({ example: true, description: 'Whether buyer and consignee are masked (the key lacks the `pii` scope)' })
  personalDataMasked!: boolean;
  @ApiProperty({ type: PaymentDto, nullable: true }) payment!: PaymentDto | null;
  @ApiProperty({ format: 'date-time', description: 'When the buyer placed the order, per the source' }) placedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 3, description: 'Optimistic version: increases with every change' }) version!: number;
  @ApiProperty({ type: [OrderShipmentDto] }) shipments!: OrderShipmentDto[];
  @ApiProperty({ type: [OrderReturnDto] }) returns!: OrderReturnDto[];
}
