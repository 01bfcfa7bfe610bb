import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/require-scope.decorator';
import { MAX_PRICES_PER_CALL, PriceListDto, PricesAcceptedDto, PricesQuery, PutPricesBody } from './price.dto';
import { PricesService } from './prices.service';

@ApiTags('prices')
@Controller('prices')
export class PricesController {
  constructor(private readonly prices: PricesService) {}

  @Put()
  @HttpCode(202)
  @RequireScope('write')
  @ApiOperation({
    summary: `Change up to ${MAX_PRICES_PER_CALL} prices in one call; each change goes to every system the price routes name (scope: write)`,
    description: 'Stored and queued in one transaction; the providers receive them in their largest batches (Nengmao: 1000 SKUs a call).',
  })
  @ApiAcceptedResponse({ type: PricesAcceptedDto })
  @ApiBadRequestResponse({
    description: `A price is invalid, or more than ${MAX_PRICES_PER_CALL} are given (problem+json naming the field); nothing is changed`,
  })
  put(@Body() body: PutPricesBody): Promise<PricesAcceptedDto> {
    return this.prices.put(body);
  }

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'The canonical prices of SKUs and the price each system last confirmed (scope: read)' })
  @ApiOkResponse({ type: PriceListDto })
  @ApiBadRequestResponse({ description: '`sku` is missing or names too many SKUs (problem+json)' })
  get(@Query() query: PricesQuery): Promise<PriceListDto> {
    return this.prices.get(query.sku);
  }
}
