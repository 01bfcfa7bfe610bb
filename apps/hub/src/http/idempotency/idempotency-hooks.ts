import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemDetails } from '@serai/common';
import { IdempotencyKeyRepository, StoredAnswer } from '@serai/persistence';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { ApiKeyAuthenticator } from '../../auth/api-key-authenticator';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;
/** An in-flight claim older than this belongs to a process that died; the same request may take it over. */
const CLAIM_LOCK_MS = 60_000;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH']);
/** Headers of the first answer that a replay repeats (not x-request-id: each request has its own). */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'retry-after'];

/**
 * Answers kept for replay: the request was carried out (2xx/3xx), or refused because of the state
 * of things (404, 409, 412, 422), which a retry would meet again. Anything else — invalid input
 * (400), no key or scope (401/403), a rate limit (429), a server error — did nothing, so the key
 * is freed and the same request may be sent again with it.
 */
function isKeptAnswer(status: number): boolean {
  return status < 400 || status === 404 || status === 409 || status === 412 || status === 422;
}

interface Claimed {
  readonly apiKeyId: string;
  readonly key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: Claimed;
  }
}

/**
 * `Idempotency-Key` on every POST/PUT/PATCH under the API prefix, for every route, as Fastify
 * hooks (so no controller has to opt in): the first request with a key claims it in PostgreSQL
 * and its answer is stored before it is sent; the same key with the same request gets that answer
 * again (`Idempotent-Replayed: true`), with another request 422, while the first is still running
 * 409. Keys are per API key and kept 24 hours (ADR 0015).
 */
export class IdempotencyHooks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: IdempotencyKeyRepository,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly protectedPrefix: string,
    private readonly logger: Logger,
  ) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('preHandler', (request, reply) => this.claim(request, reply));
    fastify.addHook('onSend', async (request, reply, payload) => {
      await this.settle(request, reply, payload);
      return payload;
    });
  }

  private applies(request: FastifyRequest): boolean {
    const path = request.routeOptions?.url ?? '';
    return (
      MUTATING.has(request.method) &&
      (path === this.protectedPrefix || path.startsWith(`${this.protectedPrefix}/`)) &&
      request.headers[IDEMPOTENCY_HEADER] !== undefined
    );
  }

  private async claim(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!this.applies(request)) return undefined;
    const given = request.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(given) ? undefined : given;
    // Without a valid API key the guard answers 401; the key is not looked at.
    const principal = await this.authenticator.authenticate(request.headers.authorization);
    if (!principal) return undefined;
    if (key === undefined || !KEY_FORMAT.test(key)) {
      return this.refuse(request, reply, 400, PROBLEM_TYPES.validation, 'must be 1 to 255 printable ASCII characters, sent once');
    }
    const outcome = await this.keys.claim(this.dataSource.manager, {
      apiKeyId: principal.keyId,
      key,
      requestHash: requestFingerprint(request.method, request.url, request.body),
      method: request.method,
      path: request.url,
      lockMs: CLAIM_LOCK_MS,
      retentionMs: IDEMPOTENCY_RETENTION_MS,
    });
    switch (outcome.kind) {
      case 'claimed':
        request.idempotencyClaim = { apiKeyId: principal.keyId, key };
        return undefined;
      case 'mismatch':
        return this.refuse(
          request,
          reply,
          422,
          PROBLEM_TYPES.domainRule,
          'was already used with a different request (method, path or body)',
        );
      case 'in_flight':
        void reply.header('retry-after', '1');
        return this.refuse(request, reply, 409, PROBLEM_TYPES.conflict, 'is in use by a request that has not finished yet');
      case 'completed':
        return this.replay(reply, outcome.answer);
    }
  }

  /** Sends from a hook: Fastify stops the request's chain when an async hook answers with the reply. */
  private replay(reply: FastifyReply, answer: StoredAnswer): FastifyReply {
    for (const [name, value] of Object.entries(answer.headers)) void reply.header(name, value);
    return reply.code(answer.status).header('idempotent-replayed', 'true').send(answer.body);
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, status: number, type: string, reason: string): FastifyReply {
    const problem: ProblemDetails = {
      type,
      title: status === 409 ? 'Conflict' : status === 422 ? 'Unprocessable entity' : 'Invalid request',
      status,
      detail: `Idempotency-Key ${reason}`,
      errors: [{ field: 'Idempotency-Key', reason }],
      instance: request.url.split('?')[0],
      correlationId: String(request.id),
    };
    this.logger.info({ correlationId: problem.correlationId, status, detail: problem.detail }, 'request refused');
    return reply.code(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  /** Stores the answer before it leaves (so a retry that arrives first still finds it), or frees the key. */
  private async settle(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
    const claim = request.idempotencyClaim;
    if (!claim) return;
    request.idempotencyClaim = undefined;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    try {
      if (!isKeptAnswer(reply.statusCode) || body === undefined) {
        await this.keys.release(this.dataSource.manager, claim.apiKeyId, claim.key);
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await this.keys.complete(this.dataSource.manager, claim.apiKeyId, claim.key, { status: reply.statusCode, headers, body });
    } catch (error) {
      // The answer itself is good; a key left in flight is taken over once its lock passes.
      this.logger.error({ err: error, correlationId: String(request.id) }, 'could not record the idempotent answer');
    }
  }
}
