import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { withRequestContext } from '@serai/common';
import { withTraceContext } from '@serai/engine';
import type { FastifyRequest } from 'fastify';
import { lastValueFrom, Observable } from 'rxjs';

/**
 * Runs every handler inside its request's context: each log line written while serving it names
 * the correlation id (the logger's mixin), and each provider call made on its behalf (connection
 * tests, sync runs, resyncs) is traced with it.
 */
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const correlationId = String(context.switchToHttp().getRequest<FastifyRequest>().id);
    return new Observable((subscriber) => {
      withRequestContext({ correlationId }, () =>
        withTraceContext({ correlationId }, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
      ).then(
        (value) => {
          subscriber.next(value);
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error),
      );
    });
  }
}
