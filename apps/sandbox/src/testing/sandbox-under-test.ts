import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@serai/common';
import { SandboxSettings, testSandboxSettings } from '../core/sandbox-settings';
import { createSandboxApp } from '../sandbox-server';

export interface InjectedResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface SandboxUnderTest {
  readonly app: NestFastifyApplication;
  readonly settings: SandboxSettings;
  inject(request: {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    /** An object is sent as JSON; a string is sent as is. */
    payload?: unknown;
    query?: Record<string, string>;
  }): Promise<InjectedResponse>;
  /** Starts listening on a free loopback port (for tests that need real HTTP) and returns its URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** A sandbox for one test suite: no background activity, time moved only by the test. */
export async function startSandboxUnderTest(overrides: Partial<SandboxSettings> = {}): Promise<SandboxUnderTest> {
  const settings = testSandboxSettings(overrides);
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await createSandboxApp({ logger: createLogger({ level: 'silent', destination: quiet }), settings });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    settings,
    inject: (request) =>
      app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: request.method ?? 'GET',
          url: request.url,
          query: request.query,
          headers: request.headers,
          payload: request.payload as string | object | undefined,
        }) as unknown as Promise<InjectedResponse>,
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return app.getUrl();
    },
    close: () => app.close(),
  };
}
