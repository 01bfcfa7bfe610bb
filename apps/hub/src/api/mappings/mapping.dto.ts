import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAPPING_TABLES } from '@serai/engine/ports';
import { IsObject } from 'class-validator';
import { PageQuery } from '../../http/page-query';

export class MappingTableDto {
  @ApiProperty({ enum: MAPPING_TABLES, example: 'courier-codes' }) name!: string;
  @ApiProperty({ example: 4, description: 'Bumped by every change; the ETag of the table is W/"<version>"' }) version!: number;
  @ApiProperty({ example: 11 }) entries!: number;
  @ApiProperty({ example: 'W/"4"' }) etag!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11-25T08:00:00.000Z',
    description: "When the documents' defaults were written",
  })
  seededAt!: string | null;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) updatedAt!: string;
}

export class MappingTableListDto {
  @ApiProperty({ type: [MappingTableDto] }) items!: MappingTableDto[];
}

export class MappingEntryDto {
  @ApiProperty({ example: 'sf' }) key!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { name: 'ShunFeng', nengmao: 'sf', aliases: ['顺丰', 'SF'] },
    description:
      'courier-codes: {name, nengmao, aliases[]}; order-statuses: {name, canonical}; sku-xref: {barcode?, merchantGoodsNo?, warehouseGoodsNo?, envoySkuNumber?}',
  })
  value!: Record<string, unknown>;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) updatedAt!: string;
}

export class MappingEntryPageDto {
  @ApiProperty({ enum: MAPPING_TABLES }) table!: string;
  @ApiProperty({ example: 4 }) version!: number;
  @ApiProperty({ type: [MappingEntryDto] }) items!: MappingEntryDto[];
  @ApiProperty({ example: { nextCursor: null }, description: '`nextCursor` is null on the last page' })
  page!: { nextCursor: string | null };
}

export class MappingEntryQuery extends PageQuery {}

export class PutMappingEntryBody {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { merchantGoodsNo: 'M000001', warehouseGoodsNo: 'W000001', barcode: '6901234567892' },
  })
  @IsObject({ message: 'must be an object' })
  value!: Record<string, unknown>;
}

export class MappingChangeDto {
  @ApiProperty({ enum: MAPPING_TABLES }) table!: string;
  @ApiProperty({ example: 'SKU-000001' }) key!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) value!: Record<string, unknown>;
  @ApiProperty({ example: 5, description: 'The table\'s version after the change (its new ETag is W/"5")' }) version!: number;
}

export class MappingHistoryDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 'SKU-000001' }) key!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) oldValue!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) newValue!: Record<string, unknown> | null;
  @ApiProperty({ example: 5 }) tableVersion!: number;
  @ApiProperty({
    example: { keyId: '7d0c…', name: 'merchandising' },
    description: 'The API key that made the change (keyId null for the hub itself)',
  })
  changedBy!: { keyId: string | null; name: string };
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) changedAt!: string;
}

export class MappingHistoryPageDto {
  @ApiProperty({ type: [MappingHistoryDto] }) items!: MappingHistoryDto[];
  @ApiPropertyOptional({ example: { nextCursor: null } }) page!: { nextCursor: string | null };
}
