import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NENGMAO_CODES } from './nengmao-codes';
import { NENGMAO_HTTP_STATUS, NengmaoApiError, nengmaoError } from './nengmao-envelope';

/**
 * Every failure of a Nengmao endpoint leaves in the provider's envelope `{ errorCode, msg, data, total }` with HTTP
 * 200 (the documents carry the code in the body only), never in Nest's default error body.
 */
@Catch()
export class NengmaoExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('NengmaoSandbox');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply
      .status(NENGMAO_HTTP_STATUS)
      .header('content-type', 'application/json; charset=utf-8')
      .send(nengmaoError(this.toApiError(error)));
  }

  private toApiError(error: unknown): NengmaoApiError {
    if (error instanceof NengmaoApiError) return error;
    if (error instanceof HttpException && error.getStatus() < 500) return new NengmaoApiError(NENGMAO_CODES.parameter, error.message);
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return new NengmaoApiError(NENGMAO_CODES.server);
  }
}
