import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PinoNestLogger, ProblemDetailsFilter, RequestValidationError, toFieldProblems } from '@serai/common';
import { mapDomainProblem } from './http/domain-problem.mapper';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AdminSessions } from './admin/admin-sessions';
import { registerBackOffice } from './admin/back-office';
import { HubModule, HubModuleOptions, hubServesApi } from './hub.module';
import { IdempotencyKeyRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { IdempotencyHooks } from './http/idempotency/idempotency-hooks';
import { completeOpenApiDocument } from './http/openapi/complete-openapi-document';
import { answerFrameworkError } from './http/framework-errors';
import { ApiRateLimitGuard } from './http/rate-limit/api-rate-limit.guard';
import { TokenBuckets } from './http/rate-limit/token-buckets';
import { registerRequestContext } from './http/request-context.hook';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the hub's HTTP application (not yet listening), the same way for `npm start` and for
 * end-to-end tests: Fastify, problem+json errors, strict validation, OpenAPI at /docs.
 */
export async function createHubApp(options: HubModuleOptions): Promise<NestFastifyApplication> {
  const { logger } = options;
  const adapter = new FastifyAdapter({
    loggerInstance: logger.child({ component: 'http' }),
    bodyLimit: 1024 * 1024,
    // A caller's x-request-id is kept (so its logs and ours line up); otherwise one is made.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: false,
    frameworkErrors: answerFrameworkError,
  });
  // Once the app is closing, every answer still going out closes its connection: a keep-alive
  // socket busy when close began is otherwise never idle-closed, and the server waits on it.
  let closing = false;
  adapter.getInstance().addHook('preClose', async () => {
    closing = true;
  });
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    if (closing) void reply.header('connection', 'close');
  });

  const app = await NestFactory.create<NestFastifyApplication>(HubModule.forRoot(options), adapter, {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    bufferLogs: false,
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      exceptionFactory: (errors) => new RequestValidationError(toFieldProblems(errors)),
    }),
  );
  if (hubServesApi(options.config)) {
    // Every handler under /api/v1 needs an API key; /health and /docs stay public.
    const sessions = app.get(AdminSessions);
    app.useGlobalGuards(new ApiKeyGuard(app.get(Reflector), app.get(ApiKeyAuthenticator), `/${API_PREFIX}`, sessions));
    registerBackOffice(adapter.getInstance(), sessions, logger.child({ component: 'back-office' }));
    // Conventions of every route (ADR 0015): rate limit per key, idempotency keys, request context in logs and traces.
    app.useGlobalGuards(new ApiRateLimitGuard(new TokenBuckets(options.config.rateLimit)));
    new IdempotencyHooks(
      app.get(DataSource),
      app.get(IdempotencyKeyRepository),
      app.get(ApiKeyAuthenticator),
      `/${API_PREFIX}`,
      logger.child({ component: 'http' }),
    ).register(adapter.getInstance());
  }
  registerRequestContext(adapter.getInstance());
  app.useGlobalFilters(new ProblemDetailsFilter(logger.child({ component: 'http' }), [mapDomainProblem]));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Serai hub')
      .setDescription(
        'The central REST API of Serai, the integration hub between the marketplace (Nengmao), the order system (Nomad Envoy), the 3PL (Nomad Pilot) and the WMS. Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description:
          'API key, sent as `Authorization: Bearer <key>`. Scopes: `read` (GET), `write` (changes), `admin` (deletes, routes; implies write and read), `pii` (personal data).',
      })
      .build(),
  );
  completeOpenApiDocument(document, `/${API_PREFIX}`);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
  return app;
}
