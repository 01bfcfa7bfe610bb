import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyModule, { type FastifyInstance } from 'fastify';
import { Logger, PinoNestLogger } from '@serai/common';
import { ProviderErrorRegistry } from './core/provider-errors';
import { ProviderTraffic } from './core/provider-traffic';
import { SandboxRouteIndex } from './core/sandbox-route-index';
import { DEFAULT_SANDBOX_SETTINGS, SandboxSettings } from './core/sandbox-settings';
import { FaultInjector } from './faults/fault-injector';
import { installFaultHooks } from './faults/fault-hooks';
import { SandboxModule } from './sandbox.module';

export interface SandboxServerOptions {
  readonly logger: Logger;
  readonly settings?: Partial<SandboxSettings>;
  readonly host?: string;
}

export interface RunningSandbox {
  readonly url: string;
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * Hooks that apply to every route without the provider modules knowing: fault injection, per-provider
 * traffic counters, and the route list behind the `/_sandbox` index. Installed before `init`, so
 * before Nest registers the routes.
 */
function installSandboxHooks(app: NestFastifyApplication): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const registry = app.get(ProviderErrorRegistry);
  const traffic = app.get(ProviderTraffic);
  const routes = app.get(SandboxRouteIndex);
  fastify.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.add({ method, path: route.url });
  });
  installFaultHooks(fastify, app.get(FaultInjector));
  fastify.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/_sandbox')) return;
    const provider = registry.providerOf(path);
    if (provider !== undefined) traffic.record(provider, reply.statusCode, reply.getHeader('x-sandbox-fault') !== undefined);
  });
}

/** Builds the sandbox application (not listening): tests drive it with `inject` or `listen(0)`. */
export async function createSandboxApp(options: SandboxServerOptions): Promise<NestFastifyApplication> {
  const settings: SandboxSettings = { ...DEFAULT_SANDBOX_SETTINGS, ...options.settings };
  const adapter = new FastifyAdapter({
    loggerInstance: options.logger,
    logController: new fastifyModule.LogController({ disableRequestLogging: true }),
    bodyLimit: 20 * 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(SandboxModule.forRoot(settings), adapter, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
    // The WMS sign covers the exact body bytes (docs/decisions/0005).
    rawBody: true,
  });
  installSandboxHooks(app);
  return app;
}

/** Starts the sandbox on its port; used by `npm run sandbox` and, in-process, by the demo hub. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningSandbox> {
  const app = await createSandboxApp(options);
  const port = options.settings?.port ?? DEFAULT_SANDBOX_SETTINGS.port;
  await app.listen({ port, host: options.host ?? '0.0.0.0' });
  return { url: `http://localhost:${port}`, app, close: () => app.close() };
}
