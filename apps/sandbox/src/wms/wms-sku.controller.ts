import { Controller, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WmsSkuService } from './wms-sku.service';

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `POST {host}/api/{version}/sku` (§1), mounted under `/wms`. Every answer is the WMS envelope. */
@Controller('wms/api/:version')
export class WmsSkuController {
  constructor(private readonly service: WmsSkuService) {}

  @Post('sku')
  sku(
    @Param('version') version: string,
    @Query() query: Record<string, string | string[] | undefined>,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res() reply: FastifyReply,
  ): void {
    const answer = this.service.handle({
      version,
      serviceTypeFromQuery: single(query.SERVICE_TYPE),
      // An underscore in a header name is dropped by some proxies (nginx), so the dashed form is accepted too.
      serviceTypeFromHeader: single(headers.service_type) ?? single(headers['service-type']),
      credentials: { appKey: single(headers.appkey), timestamp: single(headers.timestamp), sign: single(headers.sign) },
      rawBody: request.rawBody ?? '',
      body: request.body,
    });
    void reply.status(answer.status).header('content-type', 'application/json; charset=utf-8').send(answer.body);
  }
}
