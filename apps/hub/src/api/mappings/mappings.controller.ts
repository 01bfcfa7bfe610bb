import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { MAPPING_TABLES } from '@serai/engine/ports';
import type { MappingActor } from '@serai/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '../../auth/api-key-authenticator';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { entityTagOf } from '../connections/entity-tag';
import {
  MappingChangeDto,
  MappingEntryPageDto,
  MappingEntryQuery,
  MappingHistoryPageDto,
  MappingTableListDto,
  PutMappingEntryBody,
} from './mapping.dto';
import { MappingsApiService } from './mappings.service';

const IF_MATCH = {
  name: 'If-Match',
  required: true,
  description: 'The ETag of the table as last read (W/"<version>"). Missing: 428; stale: 412, nothing changed.',
};
const TABLE = { name: 'table', enum: MAPPING_TABLES };

function actorOf(request: FastifyRequest & { apiKey?: ApiKeyPrincipal }): MappingActor {
  const key = request.apiKey;
  return key ? { keyId: key.keyId, name: key.name } : { name: 'unknown' };
}

@ApiTags('mappings')
@Controller('mappings')
export class MappingsController {
  constructor(private readonly mappings: MappingsApiService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'The mapping tables with their versions (scope: read)' })
  @ApiOkResponse({ type: MappingTableListDto })
  async tables(): Promise<MappingTableListDto> {
    return { items: await this.mappings.tables() };
  }

  @Get(':table')
  @RequireScope('read')
  @ApiParam(TABLE)
  @ApiOperation({ summary: "A table's entries in key order, with the table's ETag; or export them as CSV / JSON lines (scope: read)" })
  @ApiListExport()
  @ApiOkResponse({
    type: MappingEntryPageDto,
    headers: { ETag: { description: 'W/"<version>" of the table', schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ description: '`limit` or `cursor` invalid (problem+json naming the field)' })
  @ApiNotFoundResponse({ description: 'No such table' })
  async entries(
    @Param('table') table: string,
    @Query() query: MappingEntryQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept') accept?: string,
  ): Promise<MappingEntryPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    // An export may span several versions of the table, so it carries no ETag.
    if (format !== 'json') return streamListExport(format, this.mappings.exportEntries(table, query.cursor));
    const page = await this.mappings.entries(table, query.limit, query.cursor);
    void reply.header('etag', entityTagOf(page.version));
    return page;
  }

  @Get(':table/history')
  @RequireScope('read')
  @ApiParam(TABLE)
  @ApiOperation({
    summary:
      'Every change of a table, newest first: who (API key), when, old and new value; or export them as CSV / JSON lines (scope: read)',
  })
  @ApiListExport()
  @ApiOkResponse({ type: MappingHistoryPageDto })
  @ApiBadRequestResponse({ description: '`limit` or `cursor` invalid' })
  @ApiNotFoundResponse({ description: 'No such table' })
  async history(
    @Param('table') table: string,
    @Query() query: MappingEntryQuery,
    @Headers('accept') accept?: string,
  ): Promise<MappingHistoryPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.mappings.history(table, query.limit, query.cursor);
    return streamListExport(format, this.mappings.exportHistory(table, query.cursor));
  }

  @Put(':table/:key')
  @RequireScope('write')
  @ApiParam(TABLE)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Create or replace one entry; recorded in the history with the API key (scope: write)' })
  @ApiOkResponse({ type: MappingChangeDto, description: 'Replaced (201 when created); the new ETag in the ETag header' })
  @ApiBadRequestResponse({
    description: 'The key or a value field is invalid for this table (problem+json naming each field); nothing changed',
  })
  @ApiNotFoundResponse({ description: 'No such table' })
  @ApiConflictResponse({ description: 'Another entry already has this identifier (sku-xref); nothing changed' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale: the table changed since it was read; nothing changed' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async put(
    @Param('table') table: string,
    @Param('key') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PutMappingEntryBody,
    @Req() request: FastifyRequest & { apiKey?: ApiKeyPrincipal },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MappingChangeDto> {
    const { created, ...change } = await this.mappings.put(table, key, body.value, ifMatch, actorOf(request));
    void reply.status(created ? 201 : 200).header('etag', entityTagOf(change.version));
    return change;
  }

  @Delete(':table/:key')
  @HttpCode(204)
  @RequireScope('write')
  @ApiParam(TABLE)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Remove one entry; recorded in the history (scope: write)' })
  @ApiNoContentResponse({ description: 'Removed; the new ETag in the ETag header' })
  @ApiNotFoundResponse({ description: 'No such table or entry' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale; nothing changed' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async remove(
    @Param('table') table: string,
    @Param('key') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest & { apiKey?: ApiKeyPrincipal },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const version = await this.mappings.remove(table, key, ifMatch, actorOf(request));
    void reply.header('etag', entityTagOf(version));
  }
}
