import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { wmsFailure } from './wms-codes';

export const WMS_PREFIX = '/wms';

/**
 * Fastify parses the body before Nest runs the route, so a malformed JSON body would be answered by
 * Nest's generic 400. Every `/wms` route gets a route-level error handler answering
 * `DATA_INPUT_ERROR` in the WMS envelope instead. Installed in a constructor: providers are built
 * before `app.init()` registers the routes.
 */
@Injectable()
export class WmsBodyErrorHook {
  constructor(adapterHost: HttpAdapterHost) {
    const instance = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    instance.addHook('onRoute', (route) => {
      if (route.url !== WMS_PREFIX && !route.url.startsWith(`${WMS_PREFIX}/`)) return;
      route.errorHandler = (error, _request, reply) => {
        const status =
          typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number'
            ? error.statusCode
            : 500;
        const answer = status < 500 ? wmsFailure('DATA_INPUT_ERROR', 'The body is not valid JSON') : wmsFailure('SYSTEM_ERROR');
        void reply.status(answer.status).send(answer.body);
      };
    });
  }
}
