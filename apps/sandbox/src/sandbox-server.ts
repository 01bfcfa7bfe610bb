import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoNestLogger } from '@serai/common';
import { SandboxModule } from './sandbox.module';

export interface SandboxServerOptions {
  readonly port: number;
  readonly logger: Logger;
  readonly host?: string;
}

export interface RunningSandbox {
  readonly url: string;
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

export async function createSandboxApp(options: SandboxServerOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ loggerInstance: options.logger, disableRequestLogging: true, bodyLimit: 20 * 1024 * 1024 });
  return NestFactory.create<NestFastifyApplication>(SandboxModule.forRoot({ port: options.port }), adapter, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
  });
}

/** Starts the sandbox on its own port; used by `npm run sandbox` and, in-process, by the demo hub. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningSandbox> {
  const app = await createSandboxApp(options);
  await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
  return { url: `http://localhost:${options.port}`, app, close: () => app.close() };
}
