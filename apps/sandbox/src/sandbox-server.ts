import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoNestLogger } from '@serai/common';
import { DEFAULT_SANDBOX_SETTINGS, SandboxSettings } from './core/sandbox-settings';
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

/** Builds the sandbox application (not listening): tests drive it with `inject` or `listen(0)`. */
export async function createSandboxApp(options: SandboxServerOptions): Promise<NestFastifyApplication> {
  const settings: SandboxSettings = { ...DEFAULT_SANDBOX_SETTINGS, ...options.settings };
  const adapter = new FastifyAdapter({ loggerInstance: options.logger, disableRequestLogging: true, bodyLimit: 20 * 1024 * 1024 });
  return NestFactory.create<NestFastifyApplication>(SandboxModule.forRoot(settings), adapter, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
  });
}

/** Starts the sandbox on its port; used by `npm run sandbox` and, in-process, by the demo hub. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningSandbox> {
  const app = await createSandboxApp(options);
  const port = options.settings?.port ?? DEFAULT_SANDBOX_SETTINGS.port;
  await app.listen({ port, host: options.host ?? '0.0.0.0' });
  return { url: `http://localhost:${port}`, app, close: () => app.close() };
}
