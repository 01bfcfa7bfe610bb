import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { ApiKeyDto, ApiKeyListDto, CreateApiKeyBody, CreatedApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @RequireScope('admin')
  @ApiOperation({
    summary: 'List API keys, revoked ones included, or export them as CSV / JSON lines; never their secrets (scope: admin)',
  })
  @ApiListExport()
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(@Headers('accept') accept?: string): Promise<ApiKeyListDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return { data: await this.keys.list() };
    return streamListExport(format, this.keys.exportKeys());
  }

  @Post()
  @RequireScope('admin')
  @ApiOperation({ summary: 'Create an API key; the answer holds the key itself, shown this once (scope: admin)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiBadRequestResponse({ description: 'A field is invalid (problem+json naming it); nothing stored' })
  create(@Body() body: CreateApiKeyBody): Promise<CreatedApiKeyDto> {
    return this.keys.create(body);
  }

  @Delete(':id')
  @HttpCode(200)
  @RequireScope('admin')
  @ApiOperation({ summary: 'Revoke an API key at once, ending its back-office sessions too (scope: admin)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyDto, description: 'The key, now revoked (revoking twice answers the same)' })
  @ApiNotFoundResponse({ description: 'No key has this id (problem+json)' })
  @ApiConflictResponse({ description: 'The last active admin key cannot be revoked (problem+json)' })
  revoke(@Param('id') id: string): Promise<ApiKeyDto> {
    return this.keys.revoke(id);
  }
}
