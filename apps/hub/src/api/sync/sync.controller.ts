import { ConflictException, Controller, HttpCode, Injectable, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { RequestValidationError } from '@serai/common';
import { EngineRunner, SYNC_STREAMS, SyncStream } from '@serai/engine';
import { ConnectionRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { RequireScope } from '../../auth/require-scope.decorator';

export class SyncRunDto {
  @ApiProperty({ example: 'nengmao-demo' }) connection!: string;
  @ApiProperty({ enum: SYNC_STREAMS }) stream!: SyncStream;
  @ApiProperty({
    example: { read: 12, stored: 12, duplicates: 0, acknowledged: 12, acknowledgeFailures: 0 },
    description: 'What the run did, per stream',
  })
  result!: Record<string, number>;
}

@Injectable()
export class SyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionRepository,
    private readonly runner: EngineRunner,
  ) {}

  async runNow(connectionName: string, stream: string): Promise<SyncRunDto> {
    if (!(SYNC_STREAMS as readonly string[]).includes(stream)) {
      throw new RequestValidationError([{ field: 'stream', reason: `must be one of ${SYNC_STREAMS.join(', ')}` }]);
    }
    const connection = await this.connections.findByName(this.dataSource.manager, connectionName);
    if (!connection) throw new NotFoundException(`No connection is named ${connectionName}`);
    const offered = this.runner.streamsOf(connection);
    if (!offered.includes(stream as SyncStream)) {
      throw new RequestValidationError([
        { field: 'stream', reason: `connection ${connectionName} offers ${offered.length > 0 ? offered.join(', ') : 'no stream'}` },
      ]);
    }
    const result = await this.runner.runStream(connection, stream as SyncStream);
    if (!result) throw new ConflictException(`${stream} of ${connectionName} is running elsewhere right now; try again when it finishes`);
    return { connection: connectionName, stream: stream as SyncStream, result };
  }
}

@ApiTags('sync')
@Controller('sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Post(':connection/:stream')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({ summary: 'Run one stream of one connection now, instead of waiting for its schedule (scope: write)' })
  @ApiOkResponse({ type: SyncRunDto })
  @ApiBadRequestResponse({ description: 'Unknown stream, or one the connection does not offer (problem+json naming `stream`)' })
  @ApiNotFoundResponse({ description: 'No such connection' })
  @ApiConflictResponse({ description: 'Another hub instance is running this stream now' })
  run(@Param('connection') connection: string, @Param('stream') stream: string): Promise<SyncRunDto> {
    return this.sync.runNow(connection, stream);
  }
}
