import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES, ApiKeyScope } from '@serai/persistence';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';

export class CreateApiKeyBody {
  @ApiProperty({ example: 'customer-service', description: 'Who or what uses the key; 1 to 100 characters' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[\p{L}\p{N} ._@-]+$/u, { message: 'may hold letters, digits, spaces and . _ @ - only' })
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['read', 'pii'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true, message: `each scope must be one of ${API_KEY_SCOPES.join(', ')}` })
  scopes!: ApiKeyScope[];
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'customer-service' }) name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes!: ApiKeyScope[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ example: 'serai_3x…', description: 'The key itself: shown this once, stored only as its SHA-256' }) key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) data!: ApiKeyDto[];
}
