import { Controller, Get, Query, UseFilters, UseGuards } from '@nestjs/common';
import { PilotAuthGuard } from './pilot-auth.guard';
import { PilotCarriersService } from './pilot-carriers.service';
import { PilotExceptionFilter } from './pilot-exception.filter';
import type { PilotCarrierRecord, PilotListResponse } from './pilot.wire';

/** QueryCarrier, `GET /pilot/carriers/` (the document's path has a trailing slash; both spellings are served). */
@Controller('pilot')
@UseGuards(PilotAuthGuard)
@UseFilters(PilotExceptionFilter)
export class PilotCarrierController {
  constructor(private readonly carriers: PilotCarriersService) {}

  @Get(['carriers', 'carriers/*'])
  query(@Query() query: Record<string, unknown>): PilotListResponse<PilotCarrierRecord> {
    return this.carriers.queryCarriers(query);
  }
}
