import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PilotApiError, PilotEnvelopeKind, envelopeKindOf } from './pilot-api.error';
import { pilotCallbackReply, pilotInventory, pilotList } from './pilot-envelope';

export interface RenderedPilotError {
  readonly status: number;
  readonly body: unknown;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return undefined;
}

/** Renders one failure in the envelope of `kind` with `code` = HTTP status. */
export function renderPilotFailure(kind: PilotEnvelopeKind, status: number, message: string): RenderedPilotError {
  if (kind === 'inventory') return { status, body: pilotInventory(status, message, {}) };
  if (kind === 'callback') return { status, body: pilotCallbackReply(false, String(status), message) };
  return { status, body: pilotList(status, message, [], 0) };
}

/**
 * Any failure as Pilot answers it. Client errors Fastify or Nest raise (bad JSON, wrong media
 * type) become the document's 400 "Invalid input"; anything unexpected its 500 "Failed".
 */
export function renderPilotError(error: unknown, path: string): RenderedPilotError {
  const kind = envelopeKindOf(path);
  if (error instanceof PilotApiError) return renderPilotFailure(kind, error.status, error.message);
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (status !== undefined && status >= 400 && status < 500) return renderPilotFailure(kind, 400, `Invalid input: ${detail}`);
  return renderPilotFailure(kind, 500, 'Failed');
}

/** Scoped to the Pilot controllers; body-parsing errors reach the same renderer through `PilotBodyErrorHook`. */
@Catch()
export class PilotExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { status, body } = renderPilotError(exception, request.url.split('?')[0] ?? '');
    void http.getResponse<FastifyReply>().status(status).send(body);
  }
}
