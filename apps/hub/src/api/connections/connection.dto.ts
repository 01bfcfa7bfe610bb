import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROVIDER_KINDS } from '@serai/persistence';
import type { ProviderKind } from '@serai/persistence';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateBy,
  ValidationOptions,
  buildMessage,
} from 'class-validator';

export const CONNECTION_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const MAX_CREDENTIALS = 20;
const MAX_CREDENTIAL_LENGTH = 4096;

/** Credentials are a flat object of string values (appKey, appSecret, caKey ...). */
function IsCredentialMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCredentialMap',
      validator: {
        validate: (value: unknown) =>
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_CREDENTIALS &&
          Object.entries(value).every(
            ([key, inner]) =>
              /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(key) && typeof inner === 'string' && inner.length <= MAX_CREDENTIAL_LENGTH,
          ),
        defaultMessage: buildMessage(
          () => `must be an object of at most ${MAX_CREDENTIALS} string values (names: letters, digits, _ and -)`,
          options,
        ),
      },
    },
    options,
  );
}

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true };
const URL_MESSAGE = { message: 'must be an http or https URL' };

export class CreateConnectionBody {
  @ApiProperty({ example: 'envoy-main', description: 'Lowercase letters, digits, `.`, `_`, `-`; 1 to 63 characters' })
  @Matches(CONNECTION_NAME, { message: 'must be 1 to 63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit' })
  @IsString()
  name!: string;

  @ApiProperty({ enum: PROVIDER_KINDS })
  @IsIn(PROVIDER_KINDS, { message: `must be one of ${PROVIDER_KINDS.join(', ')}` })
  provider!: ProviderKind;

  @ApiProperty({ example: 'https://open.nomad-envoy.example/api' })
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS, URL_MESSAGE)
  baseUrl!: string;

  @ApiProperty({
    description: 'Provider credentials, encrypted at rest and never returned',
    example: { appKey: 'my-app-key', appSecret: 'my-app-secret' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsCredentialMap()
  credentials!: Record<string, string>;

  @ApiPropertyOptional({
    description: 'Provider options: Envoy `store`, Pilot `carrier`, WMS `version` ...',
    example: { store: 'samarkand.youzan.test' },
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject({ message: 'must be an object' })
  options?: Record<string, unknown>;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

/** Name and provider are the connection's identity and never change; everything else may. */
export class UpdateConnectionBody {
  @ApiPropertyOptional({ example: 'https://open.nomad-envoy.example/api' })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS, URL_MESSAGE)
  baseUrl?: string;

  @ApiPropertyOptional({
    description: 'Replaces all credentials when given',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsCredentialMap()
  credentials?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Replaces all options when given', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: 'must be an object' })
  options?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

export class ConnectionDto {
  @ApiProperty({ example: 'envoy-demo' }) name!: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) provider!: ProviderKind;
  @ApiProperty({ example: 'http://localhost:4100/envoy' }) baseUrl!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { store: 'samarkand.youzan.test' } })
  options!: Record<string, unknown>;
  @ApiProperty({ description: 'Which credentials are set (their values are never returned)', example: ['caKey'] })
  credentialNames!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Increases with every change; the ETag is W/"<version>"' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ConnectionListDto {
  @ApiProperty({ type: [ConnectionDto] }) data!: ConnectionDto[];
}

export class ConnectionTestDto {
  @ApiProperty({ description: 'Whether the provider accepted an authenticated call', example: true }) ok!: boolean;
  @ApiPropertyOptional({ description: "The provider's own code, when it gave one" }) providerCode?: string;
  @ApiProperty({ description: 'What the provider said, in its words (never a secret)' }) message!: string;
  @ApiProperty() latencyMs!: number;
}
