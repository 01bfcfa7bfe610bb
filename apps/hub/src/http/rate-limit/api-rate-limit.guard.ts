import { CanActivate, ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '../../auth/api-key-authenticator';
import { TokenBuckets } from './token-buckets';

/**
 * Rate limit per API key: installed globally right after the key guard, so it sees the key the
 * request authenticated with; a request beyond the bucket is refused with 429 and `Retry-After`
 * (whole seconds, rounded up). Requests without a key (public paths) are not counted.
 */
export class ApiRateLimitGuard implements CanActivate {
  constructor(private readonly buckets: TokenBuckets) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { apiKey?: ApiKeyPrincipal }>();
    const key = request.apiKey;
    if (!key) return true;
    const waitMs = this.buckets.take(key.keyId);
    if (waitMs === 0) return true;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    void http.getResponse<FastifyReply>().header('retry-after', String(seconds));
    throw new HttpException(`Rate limit of the API key "${key.name}" reached; retry after ${seconds} s.`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
