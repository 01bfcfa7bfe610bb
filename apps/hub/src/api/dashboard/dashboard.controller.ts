import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { DashboardDto, DashboardQuery } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary: 'Operations dashboard: orders per hour by source, provider health and breakers, dead letters, sync lag (scope: read)',
  })
  @ApiOkResponse({ type: DashboardDto })
  @ApiBadRequestResponse({ description: '`hours` out of range (problem+json naming the field)' })
  read(@Query() query: DashboardQuery): Promise<DashboardDto> {
    return this.dashboard.read(query.hours ?? 24);
  }
}
