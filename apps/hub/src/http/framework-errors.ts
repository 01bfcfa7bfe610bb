import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemDetails } from '@serai/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Errors Fastify's router raises before any handler or filter runs (a malformed percent-encoding,
 * a path segment over `maxParamLength`): answered as problem+json naming `path`, like every other
 * refusal of the API, instead of Fastify's own JSON.
 */
export function answerFrameworkError(error: { statusCode?: number; message: string }, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode === 414 ? 414 : 400;
  const reason = status === 414 ? 'has a segment longer than the API accepts' : 'is not a valid URL path';
  const problem: ProblemDetails = {
    type: status === 414 ? PROBLEM_TYPES.http : PROBLEM_TYPES.validation,
    title: status === 414 ? 'URI too long' : 'Invalid request',
    status,
    detail: `The path ${reason}`,
    errors: [{ field: 'path', reason }],
    correlationId: String(request.id),
  };
  void reply.code(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
