import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { FieldProblem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemDetails, RequestValidationError } from './problem-details';

/** Maps an error the HTTP layer does not know to a problem, e.g. domain errors to 409/422. */
export type ProblemMapper = (error: unknown) => Omit<ProblemDetails, 'instance' | 'correlationId'> | undefined;

const TYPE_BY_STATUS: Record<number, string> = {
  400: PROBLEM_TYPES.validation,
  401: PROBLEM_TYPES.unauthorized,
  403: PROBLEM_TYPES.forbidden,
  404: PROBLEM_TYPES.notFound,
  409: PROBLEM_TYPES.conflict,
  412: PROBLEM_TYPES.preconditionFailed,
  413: PROBLEM_TYPES.payloadTooLarge,
  415: PROBLEM_TYPES.unsupportedMediaType,
  422: PROBLEM_TYPES.domainRule,
  429: PROBLEM_TYPES.rateLimited,
  503: PROBLEM_TYPES.unavailable,
};

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string'
    ? name
        .toLowerCase()
        .split('_')
        .map((w, i) => (i === 0 ? w[0]?.toUpperCase() + w.slice(1) : w))
        .join(' ')
    : 'Error';
}

/**
 * Every error leaves as `application/problem+json` (RFC 9457) with the request's correlation id.
 * Unexpected errors are logged once here with their stack and answered with no internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly mappers: readonly ProblemMapper[] = [],
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = { ...this.toProblem(error, request), instance: request.url.split('?')[0], correlationId: String(request.id) };
    if (problem.status >= 500) {
      this.logger.error({ err: error, correlationId: problem.correlationId, url: request.url }, 'request failed');
    } else {
      this.logger.info(
        { correlationId: problem.correlationId, status: problem.status, errors: problem.errors, detail: problem.detail },
        'request refused',
      );
    }
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(error: unknown, request: FastifyRequest): ProblemDetails {
    if (error instanceof RequestValidationError) {
      return { type: PROBLEM_TYPES.validation, title: 'Invalid request', status: 400, detail: error.message, errors: error.errors };
    }
    for (const map of this.mappers) {
      const mapped = map(error);
      if (mapped) return mapped;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const errors = (body as { errors?: FieldProblem[] }).errors;
      return {
        type: TYPE_BY_STATUS[status] ?? PROBLEM_TYPES.http,
        title: titleOf(status),
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : typeof detail === 'string' ? detail : undefined,
        ...(errors ? { errors } : {}),
      };
    }
    // Errors raised by Fastify itself before a handler runs (body too large, bad JSON, bad media type).
    const fastifyError = error as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return {
        type: TYPE_BY_STATUS[status] ?? PROBLEM_TYPES.http,
        title: titleOf(status),
        status,
        detail: fastifyError.message,
        ...(status === 400 ? { errors: [{ field: 'body', reason: fastifyError.message ?? 'is not valid' }] } : {}),
      };
    }
    void request;
    return {
      type: PROBLEM_TYPES.internal,
      title: 'Internal server error',
      status: 500,
      detail: 'The hub could not complete the request; see the logs for this correlation id.',
    };
  }
}
