import { CanActivate, ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminSessions } from '../admin/admin-sessions';
import { sameToken } from '../admin/admin-sessions';
import { ApiKeyAuthenticator, ApiKeyPrincipal } from './api-key-authenticator';
import { grantsScope, RequiredScope } from './api-key-scopes';
import { REQUIRED_SCOPE } from './require-scope.decorator';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A handler under the API prefix that forgot to declare its scope is treated as admin-only. */
const SCOPE_WHEN_UNDECLARED: RequiredScope = 'admin';

/**
 * Guards every handler under the REST API prefix: a known, unrevoked key (401 otherwise) holding
 * the scope the handler declares with @RequireScope (403 naming it otherwise). Paths outside the
 * prefix (/health; /docs is served by Fastify directly) are public by design.
 */
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
    /** e.g. `/api/v1` */
    private readonly protectedPrefix: string,
    /** The back office's cookie sessions, accepted where no Authorization header is sent. */
    private readonly sessions?: AdminSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { apiKey?: ApiKeyPrincipal }>();
    // The matched route's pattern, not the raw URL: encodings and odd spellings of a path cannot
    // slip a protected handler past the prefix check.
    const path = request.routeOptions?.url ?? request.url.split('?')[0] ?? '';
    if (path !== this.protectedPrefix && !path.startsWith(`${this.protectedPrefix}/`)) return true;

    const reply = http.getResponse<FastifyReply>();
    const principal =
      request.headers.authorization === undefined && this.sessions
        ? await this.sessionPrincipal(request)
        : await this.authenticator.authenticate(request.headers.authorization);
    if (!principal) {
      void reply.header('www-authenticate', 'Bearer realm="serai"');
      throw new UnauthorizedException('An API key is required: send it as `Authorization: Bearer <key>`.');
    }
    const needed =
      this.reflector.getAllAndOverride<RequiredScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]) ??
      SCOPE_WHEN_UNDECLARED;
    if (!grantsScope(principal.scopes, needed)) {
      void reply.header('www-authenticate', `Bearer realm="serai", error="insufficient_scope", scope="${needed}"`);
      throw new ForbiddenException(`This operation needs the \`${needed}\` scope; the API key "${principal.name}" does not have it.`);
    }
    request.apiKey = principal;
    return true;
  }

  /**
   * A back-office session stands in for its key; a request that changes anything must also carry
   * the session's CSRF token, which a page from another site cannot read.
   */
  private async sessionPrincipal(request: FastifyRequest): Promise<ApiKeyPrincipal | undefined> {
    const session = await this.sessions?.fromCookieHeader(request.headers.cookie);
    if (!session) return undefined;
    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers['x-csrf-token'];
      if (!sameToken(session.csrfToken, Array.isArray(presented) ? presented[0] : presented)) {
        throw new ForbiddenException("A back-office request that changes something must carry the session's x-csrf-token header.");
      }
    }
    return { keyId: session.keyId, name: session.name, scopes: session.scopes };
  }
}
