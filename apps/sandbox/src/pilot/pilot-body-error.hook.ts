import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { renderPilotError } from './pilot-exception.filter';

export const PILOT_PREFIX = '/pilot';
const XML_TYPES = ['application/xml', 'text/xml'];

/**
 * Fastify parses bodies before Nest runs a route, so a malformed JSON body never reaches the
 * controller-scoped filter: every `/pilot` route gets a Fastify route-level error handler that
 * answers in Pilot's envelopes. Also lets XML bodies through as text for the callback, whose
 * `curl` sends `Content-Type: application/xml` (seed, Callback). Runs in a constructor: providers
 * are built before `app.init()` registers the routes.
 */
@Injectable()
export class PilotBodyErrorHook {
  constructor(adapterHost: HttpAdapterHost) {
    const instance = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const type of XML_TYPES) {
      // Another simulator may have taught Fastify XML already; the callback controller reads text or objects.
      if (!instance.hasContentTypeParser(type))
        instance.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
    instance.addHook('onRoute', (route) => {
      if (route.url !== PILOT_PREFIX && !route.url.startsWith(`${PILOT_PREFIX}/`)) return;
      route.errorHandler = (error, request, reply) => {
        const { status, body } = renderPilotError(error, request.url.split('?')[0] ?? '');
        void reply.status(status).send(body);
      };
    });
  }
}
