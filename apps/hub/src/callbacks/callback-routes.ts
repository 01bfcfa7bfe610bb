import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderDeliveryOrderCallbackReply } from '@serai/connectors';
import type { Logger } from 'pino';
import { CallbackRefusal } from './callback-refusal';
import type { CallbackAnswer, CallbackReceiver, ReceivedCallback } from './callback-receiver.service';
import { deferredRequestLoggerFactory } from './deferred-request-logger';

/** The document's path, and the plural the issue also asks for; outside /api/v1 and its API-key guard. */
export const CALLBACK_PATHS = ['/callback/:store', '/callbacks/:store'] as const;

function describe(request: FastifyRequest): Omit<ReceivedCallback, 'body'> {
  const params = request.params as { store?: string };
  return {
    store: params.store ?? '',
    headers: request.headers,
    query: (request.query ?? {}) as Record<string, unknown>,
    sourceAddress: request.ip,
    requestId: String(request.id),
  };
}

function send(reply: FastifyReply, answer: CallbackAnswer): FastifyReply {
  const { contentType, body } = renderDeliveryOrderCallbackReply(answer.format, answer.ok, answer.code, answer.message);
  if (answer.retryAfterSeconds !== undefined) void reply.header('retry-after', String(answer.retryAfterSeconds));
  return reply.code(answer.status).type(contentType).send(body);
}

/**
 * The callback routes as a Fastify plugin of their own (ADR 0012): an encapsulated context with
 * one raw-bytes parser for every content type (the body is sniffed, signed over and parsed by the
 * receiver, never by Fastify's JSON parser, which would round large ids), the configured body
 * limit, and an error handler that answers in the callback contract instead of problem+json.
 */
export function callbackRoutes(receiver: CallbackReceiver, maxBodyBytes: number, logger: Logger): FastifyPluginAsync {
  return async (scope) => {
    // Each request's logger is made only if a line is written through it (most callbacks write none).
    scope.setChildLoggerFactory(deferredRequestLoggerFactory);
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) => done(null, body));

    scope.addHook('onRequest', async (request, reply) => {
      const answer = receiver.screenAddress(describe(request));
      if (answer !== undefined) return send(reply, answer);
      return undefined;
    });

    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        logger.error({ err: error, requestId: String(request.id) }, 'callback request failed before the receiver saw it');
        return send(reply, {
          status: 500,
          format: 'json',
          ok: false,
          code: 'INTERNAL_ERROR',
          message: 'the callback could not be stored; retry later',
        });
      }
      const refusal =
        status === 413
          ? CallbackRefusal.tooLarge(maxBodyBytes)
          : CallbackRefusal.invalid('INVALID_REQUEST', `the request could not be read: ${error.message.slice(0, 200)}`);
      return send(reply, receiver.refuseUnreadable(describe(request), refusal));
    });

    for (const url of CALLBACK_PATHS) {
      // Fastify's own per-request log lines are left out: the receiver writes one line per callback itself.
      scope.post(url, { logLevel: 'warn' }, async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : undefined;
        return send(reply, await receiver.receive({ ...describe(request), body }));
      });
    }
  };
}
