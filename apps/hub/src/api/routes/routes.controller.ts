import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { ReplaceRoutesBody, RouteListDto } from './route.dto';
import { RoutesService } from './routes.service';

@ApiTags('routes')
@Controller('routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'Which events go to which connection through which capability (scope: read)' })
  @ApiOkResponse({ type: RouteListDto })
  async list(): Promise<RouteListDto> {
    return { data: await this.routes.listRoutes() };
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
