import { withRequestContext } from '@serai/common';
import { withTraceContext } from '@serai/engine';
import type { FastifyInstance } from 'fastify';

/**
 * Runs every handler inside its request's context: each log line written while serving it names
 * the correlation id (the logger's mixin), and each provider call made on its behalf (connection
 * tests, sync runs, resyncs) is traced with it. A Fastify `preHandler` hook rather than a Nest
 * interceptor: the request body is read by then, and everything after it — Nest's guards, pipes,
 * handler and exception filter — starts inside the context, without an RxJS pipeline per request
 * (ADR 0023).
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const correlationId = String(request.id);
    // `done` continues to the handler synchronously, so the handler's work inherits the context;
    // an exception it throws reaches Fastify's hook runner as before.
    void withRequestContext({ correlationId }, () =>
      withTraceContext({ correlationId }, () => {
        done();
        return Promise.resolve();
      }),
    );
  });
}
