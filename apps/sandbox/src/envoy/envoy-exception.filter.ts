import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EnvoyApiError } from './envoy-api.error';
import { envoyEnvelope } from './envoy-envelope';
import type { EnvoyApiResponse } from './envoy.wire';

export interface RenderedEnvoyError {
  readonly status: number;
  readonly body: EnvoyApiResponse;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return undefined;
}

/**
 * Any failure as Envoy answers it: the `ApiResponse` envelope with `code` = HTTP status.
 * The document knows 400 "Invalid input" and 500 "Couldn't get order." / "Order creation
 * failed."; other client errors Fastify or Nest raise (bad JSON, wrong media type, too large)
 * become 400 too.
 */
export function renderEnvoyError(error: unknown, method: string): RenderedEnvoyError {
  if (error instanceof EnvoyApiError) return { status: error.status, body: envoyEnvelope(error.status, error.message, error.data) };
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (status !== undefined && status >= 400 && status < 500)
    return { status: 400, body: envoyEnvelope(400, `Invalid input: ${detail}`, {}) };
  const message = method === 'POST' ? 'Order creation failed.' : "Couldn't get order.";
  return { status: 500, body: envoyEnvelope(500, message, {}) };
}

/** Scoped to the Envoy controllers; body-parsing errors reach the same renderer through `EnvoyBodyErrorHook`. */
@Catch()
export class EnvoyExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { status, body } = renderEnvoyError(exception, request.method);
    void http.getResponse<FastifyReply>().status(status).send(body);
  }
}
