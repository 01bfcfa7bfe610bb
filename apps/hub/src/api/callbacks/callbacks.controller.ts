import { Controller, Get, Headers, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { CallbackDetailDto, CallbackPageDto, ListCallbacksQuery } from './callback.dto';
import { CallbacksService } from './callbacks.service';

@ApiTags('callbacks')
@Controller('callbacks')
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary:
      'List received logistics callbacks, newest first, by processing state and store; or export them as CSV / JSON lines (scope: read)',
  })
  @ApiListExport()
  @ApiOkResponse({ type: CallbackPageDto })
  @ApiBadRequestResponse({ description: 'A filter or the cursor is invalid (problem+json naming the field)' })
  async list(@Query() query: ListCallbacksQuery, @Headers('accept') accept?: string): Promise<CallbackPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.callbacks.listCallbacks(query);
    return streamListExport(format, this.callbacks.exportCallbacks(query));
  }

  @Get(':id')
  @RequireScope('read')
  @ApiOperation({ summary: 'One received callback with its raw body and what processing did (scope: read)' })
  @ApiParam({ name: 'id', example: '42' })
  @ApiOkResponse({ type: CallbackDetailDto })
  @ApiNotFoundResponse({ description: 'No callback has this id (problem+json)' })
  get(@Param('id') id: string): Promise<CallbackDetailDto> {
    return this.callbacks.getCallback(id);
  }

  @Post(':id/reprocess')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({
    summary: 'Process a callback again now, whatever its state (scope: write)',
    description:
      'For a callback that failed or waits for its order after an operator fixed the cause (a SKU cross-reference, a connection). ' +
      'What was already applied is not applied again.',
  })
  @ApiParam({ name: 'id', example: '42' })
  @ApiOkResponse({ type: CallbackDetailDto, description: 'The callback after processing' })
  @ApiNotFoundResponse({ description: 'No callback has this id (problem+json)' })
  @ApiConflictResponse({ description: 'Another hub instance is processing it right now (problem+json)' })
  reprocess(@Param('id') id: string): Promise<CallbackDetailDto> {
    return this.callbacks.reprocessCallback(id);
  }
}
