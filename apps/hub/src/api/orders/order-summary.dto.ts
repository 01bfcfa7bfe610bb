import { ApiProperty } from '@nestjs/swagger';

export class MoneyDto {
  @ApiProperty({ example: '129.00', description: 'Decimal amount as a string, never a float' }) amount!: string;
  @ApiProperty({ example: 'CNY', description: 'ISO 4217 currency' }) currency!: string;
}

export class OrderSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'received' }) status!: string;
  @ApiProperty() onHold!: boolean;
  @ApiProperty({ example: { connection: 'nengmao-demo', externalOrderNumber: '2026111100001' } })
  source!: { connection: string; externalOrderNumber: string };
  @ApiProperty({ type: MoneyDto }) totalPaid!: MoneyDto;
  @ApiProperty({ format: 'date-time', description: 'When the buyer placed the order, per the source' }) placedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PageInfoDto {
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderSummaryDto] }) data!: OrderSummaryDto[];
  @ApiProperty({ type: PageInfoDto }) page!: PageInfoDto;
}
