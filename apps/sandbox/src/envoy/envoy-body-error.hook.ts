import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { renderEnvoyError } from './envoy-exception.filter';

export const ENVOY_PREFIX = '/envoy';

/**
 * Fastify parses the body before Nest runs the route, so a malformed JSON body (or a wrong media
 * type) never reaches a controller-scoped filter: it goes to Fastify's error handler, which Nest
 * answers with its own body. This gives every `/envoy` route a Fastify route-level error handler
 * that answers in Envoy's envelope instead. It must be installed before Nest registers the
 * routes, hence in a constructor (providers are built before `app.init()` registers routes).
 */
@Injectable()
export class EnvoyBodyErrorHook {
  constructor(adapterHost: HttpAdapterHost) {
    const instance = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    instance.addHook('onRoute', (route) => {
      if (route.url !== ENVOY_PREFIX && !route.url.startsWith(`${ENVOY_PREFIX}/`)) return;
      route.errorHandler = (error, request, reply) => {
        const { status, body } = renderEnvoyError(error, request.method);
        void reply.status(status).send(body);
      };
    });
  }
}
