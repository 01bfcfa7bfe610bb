import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '../../auth/api-key-authenticator';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import {
  BulkRepairBody,
  BulkRepairResultDto,
  CreateReconciliationBody,
  DiscrepancyDto,
  DiscrepancyPageDto,
  ExportDiscrepanciesQuery,
  ListDiscrepanciesQuery,
  ListReconciliationsQuery,
  ReconciliationRunDto,
  ReconciliationRunPageDto,
  SummariesDto,
  SummariesQuery,
} from './reconciliation.dto';
import { ReconciliationsService } from './reconciliations.service';

type AuthenticatedRequest = FastifyRequest & { apiKey?: ApiKeyPrincipal };

/** Who asked, for the audit: the API key's name. */
const actorOf = (request: AuthenticatedRequest): string => request.apiKey?.name ?? 'unknown';

@ApiTags('reconciliations')
@Controller('reconciliations')
export class ReconciliationsController {
  constructor(private readonly reconciliations: ReconciliationsService) {}

  @Post()
  @HttpCode(202)
  @RequireScope('write')
  @ApiOperation({ summary: 'Queue a reconciliation of some kinds over some connections and a date range (scope: write)' })
  @ApiAcceptedResponse({ type: ReconciliationRunDto, description: 'The run, queued; poll it for progress' })
  @ApiBadRequestResponse({ description: 'A field is invalid (problem+json naming it); nothing was queued' })
  @ApiConflictResponse({ description: 'A run of the same kinds and connections is already queued or running' })
  create(@Body() body: CreateReconciliationBody, @Req() request: AuthenticatedRequest): Promise<ReconciliationRunDto> {
    return this.reconciliations.create(body, actorOf(request));
  }

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'List reconciliation runs, newest first; or export them as CSV / JSON lines (scope: read)' })
  @ApiListExport()
  @ApiOkResponse({ type: ReconciliationRunPageDto })
  @ApiBadRequestResponse({ description: 'A filter or the cursor is invalid (problem+json naming the field)' })
  async list(
    @Query() query: ListReconciliationsQuery,
    @Headers('accept') accept?: string,
  ): Promise<ReconciliationRunPageDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return this.reconciliations.list(query);
    return streamListExport(format, this.reconciliations.exportRuns(query));
  }

  @Get('summaries')
  @RequireScope('read')
  @ApiOperation({ summary: 'Daily summaries per kind and connection: counts, amounts at stake, trend (scope: read)' })
  @ApiOkResponse({ type: SummariesDto })
  summaries(@Query() query: SummariesQuery): Promise<SummariesDto> {
    return this.reconciliations.summaries(query);
  }

  @Get(':id')
  @RequireScope('read')
  @ApiOperation({ summary: 'One run with its progress (phase, items read, percentage, ETA) (scope: read)' })
  @ApiOkResponse({ type: ReconciliationRunDto })
  @ApiNotFoundResponse({ description: 'No run has this id' })
  get(@Param('id') id: string): Promise<ReconciliationRunDto> {
    return this.reconciliations.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({ summary: 'Cancel a queued run at once, or ask a running one to stop at its next page (scope: write)' })
  @ApiOkResponse({ type: ReconciliationRunDto })
  @ApiConflictResponse({ description: 'The run already ended' })
  cancel(@Param('id') id: string): Promise<ReconciliationRunDto> {
    return this.reconciliations.cancel(id);
  }

  @Get(':id/discrepancies')
  @RequireScope('read')
  @ApiOperation({ summary: 'The discrepancies of a run, by kind, state, connection and code, keyset-paginated (scope: read)' })
  @ApiOkResponse({ type: DiscrepancyPageDto })
  discrepancies(@Param('id') id: string, @Query() query: ListDiscrepanciesQuery): Promise<DiscrepancyPageDto> {
    return this.reconciliations.listDiscrepancies(id, query);
  }

  @Get(':id/discrepancies/export')
  @RequireScope('read')
  @ApiOperation({ summary: 'Export the discrepancies as CSV (UTF-8 with BOM), XLSX or JSON lines, streamed (scope: read)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/x-ndjson')
  @ApiOkResponse({
    description: 'The discrepancies as a download (Content-Disposition: attachment), streamed',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example:
          '\ufeffid,kind,code,connection,entityKey,expected,actual,amountAtStake,currency,state\r\n17,price-drift,price_differs,nengmao-demo,SKU-000004:sale,99.00,1.23,97.77,CNY,open\r\n',
      },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
        example: '(binary XLSX)',
      },
      'application/x-ndjson': {
        schema: { type: 'string' },
        example: '{"id":"17","kind":"price-drift","code":"price_differs","entityKey":"SKU-000004:sale","state":"open"}\n',
      },
    },
  })
  async export(@Param('id') id: string, @Query() query: ExportDiscrepanciesQuery, @Res() reply: FastifyReply): Promise<void> {
    const { stream, contentType, fileName } = await this.reconciliations.export(id, query);
    await reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${fileName}"`).send(stream);
  }

  @Post(':id/discrepancies/repair')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({ summary: 'Repair every open or recurring discrepancy matching a filter, through the engine (scope: write)' })
  @ApiOkResponse({ type: BulkRepairResultDto })
  repairMatching(
    @Param('id') id: string,
    @Body() body: BulkRepairBody,
    @Req() request: AuthenticatedRequest,
  ): Promise<BulkRepairResultDto> {
    return this.reconciliations.repairMatching(id, body, actorOf(request));
  }

  @Post(':id/discrepancies/:discrepancyId/repair')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({ summary: 'Run the repair action of one discrepancy through the engine, audited (scope: write)' })
  @ApiOkResponse({ type: DiscrepancyDto, description: 'The discrepancy, repaired, with the delivery carrying the repair' })
  @ApiNotFoundResponse({ description: 'No such run or discrepancy' })
  @ApiConflictResponse({ description: 'No repair action, already repaired or accepted, or no target to repair it at' })
  repair(
    @Param('id') id: string,
    @Param('discrepancyId') discrepancyId: string,
    @Req() request: AuthenticatedRequest,
  ): Promise<DiscrepancyDto> {
    return this.reconciliations.repair(id, discrepancyId, actorOf(request));
  }

  @Post(':id/discrepancies/:discrepancyId/accept')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({ summary: 'Accept a discrepancy as it is (no repair), audited (scope: write)' })
  @ApiOkResponse({ type: DiscrepancyDto })
  accept(
    @Param('id') id: string,
    @Param('discrepancyId') discrepancyId: string,
    @Req() request: AuthenticatedRequest,
  ): Promise<DiscrepancyDto> {
    return this.reconciliations.accept(id, discrepancyId, actorOf(request));
  }
}
