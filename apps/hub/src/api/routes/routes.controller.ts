import { Body, Controller, Get, Headers, Put, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ApiListExport, listFormatOf, streamListExport } from '../../http/export/list-export';
import { ReplaceRoutesBody, RouteListDto } from './route.dto';
import { RoutesService } from './routes.service';

@ApiTags('routes')
@Controller('routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({
    summary: 'Which events go to which connection through which capability; or export the routes as CSV / JSON lines (scope: read)',
  })
  @ApiListExport()
  @ApiOkResponse({ type: RouteListDto })
  async list(@Headers('accept') accept?: string): Promise<RouteListDto | StreamableFile> {
    const format = listFormatOf(accept);
    if (format === 'json') return { data: await this.routes.listRoutes() };
    return streamListExport(format, this.routes.exportRoutes());
  }

  @Put()
  @RequireScope('admin')
  @ApiOperation({
    summary: 'Replace the whole route table (scope: admin)',
    description: 'All or nothing: when one route is invalid nothing changes, and the 400 names each bad field with its index.',
  })
  @ApiOkResponse({ type: RouteListDto, description: 'The route table as stored' })
  @ApiBadRequestResponse({ description: 'A route is invalid (problem+json naming routes[i].field)' })
  async replace(@Body() body: ReplaceRoutesBody): Promise<RouteListDto> {
    return { data: await this.routes.replaceRoutes(body.routes) };
  }
}
