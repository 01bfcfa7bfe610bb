import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { ConnectionDto, ConnectionListDto, ConnectionTestDto, CreateConnectionBody, UpdateConnectionBody } from './connection.dto';
import { ConnectionsService } from './connections.service';
import { entityTagOf, versionFromIfMatch } from './entity-tag';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a previous read (W/"<version>"); when given and stale the change is refused with 412',
};

@ApiTags('connections')
@Controller('connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary: 'List connections, or export them as CSV / JSON lines (scope: read). Credentials are never returned, only which ones are set.',
  })
  @ApiListExport()
  @ApiOkResponse({ type: ConnectionListDto })
  async list(@Headers('accept') accept?: string): Promise<ConnectionListDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return { data: await this.connections.listConnections() };
    return streamListExport(format, this.connections.exportConnections());
  }

  @Get(':name')
  @RequireScope('read')
  @ApiOperation({ summary: 'One connection, with its ETag (scope: read)' })
  @ApiOkResponse({ type: ConnectionDto, headers: { ETag: { description: 'W/"<version>"', schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No connection has this name (problem+json)' })
  async get(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConnectionDto> {
    const connection = await this.connections.getConnection(name);
    void reply.header('etag', entityTagOf(connection.version));
    return connection;
  }

  @Post()
  @RequireScope('write')
  @ApiOperation({ summary: 'Create a connection; credentials are encrypted at rest (scope: write)' })
  @ApiCreatedResponse({ type: ConnectionDto })
  @ApiBadRequestResponse({ description: 'A field is invalid (problem+json naming each field)' })
  @ApiConflictResponse({ description: 'A connection with this name exists (problem+json)' })
  async create(@Body() body: CreateConnectionBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConnectionDto> {
    const connection = await this.connections.createConnection(body);
    void reply.header('etag', entityTagOf(connection.version)).header('location', `/api/v1/connections/${connection.name}`);
    return connection;
  }

  @Patch(':name')
  @RequireScope('write')
  @ApiOperation({ summary: 'Change a connection; given credentials or options replace the stored ones (scope: write)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ConnectionDto })
  @ApiBadRequestResponse({ description: 'A field is invalid (problem+json naming each field)' })
  @ApiNotFoundResponse({ description: 'No connection has this name (problem+json)' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale: the connection changed since it was read (problem+json)' })
  async update(
    @Param('name') name: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateConnectionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConnectionDto> {
    const connection = await this.connections.updateConnection(name, versionFromIfMatch(ifMatch), body);
    void reply.header('etag', entityTagOf(connection.version));
    return connection;
  }

  @Delete(':name')
  @HttpCode(204)
  @RequireScope('admin')
  @ApiOperation({ summary: 'Delete a connection no route uses (scope: admin)' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No connection has this name (problem+json)' })
  @ApiConflictResponse({ description: 'Routes still target this connection (problem+json)' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale (problem+json)' })
  async remove(@Param('name') name: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.connections.deleteConnection(name, versionFromIfMatch(ifMatch));
  }

  @Post(':name/test')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({
    summary: 'Make a cheap authenticated call to the provider and answer what it said (scope: write)',
    description: 'ok=false with the provider’s code and message when it refused; a 200 either way.',
  })
  @ApiOkResponse({ type: ConnectionTestDto })
  @ApiNotFoundResponse({ description: 'No connection has this name (problem+json)' })
  test(@Param('name') name: string): Promise<ConnectionTestDto> {
    return this.connections.testConnection(name);
  }
}
