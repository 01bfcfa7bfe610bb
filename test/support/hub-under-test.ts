import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildHubConfig, createLogger, validateHubEnvironment } from '@serai/common';
import { ApiKeyRepository, ApiKeyScope } from '@serai/persistence';
import { generateApiKey, hashApiKey } from '../../apps/hub/src/auth/api-key-secret';
import { createHubApp } from '../../apps/hub/src/create-hub-app';
import type { HubModuleOptions } from '../../apps/hub/src/hub.module';
import { createTestDatabase, TestDatabase } from './test-database';

export interface HubUnderTest {
  readonly app: NestFastifyApplication;
  readonly db: TestDatabase;
  /** Every log line the hub wrote, parsed. */
  readonly logLines: () => Record<string, unknown>[];
  /** The BOOTSTRAP_API_KEY the hub started with (scopes admin and pii); '' when a test turned it off. */
  readonly adminKey: string;
  /** Stores a new API key with these scopes and answers the key itself, for `inject({ key })`. */
  keyWith(scopes: readonly ApiKeyScope[]): Promise<string>;
  inject(request: {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    payload?: unknown;
    /** Sent as `Authorization: Bearer <key>`. */
    key?: string;
  }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    body: string;
    json<T = Record<string, unknown>>(): T;
  }>;
  close(): Promise<void>;
}

/** The hub's real HTTP application on its own fresh database, driven in-process through Fastify's inject. */
export async function startHubUnderTest(
  env: Record<string, string> = {},
  extra: Pick<HubModuleOptions, 'connectionsFile' | 'sandboxUrl'> & { readonly sharedDb?: TestDatabase } = {},
): Promise<HubUnderTest> {
  // Several hubs may share one database (multi-instance tests); the owner of a shared one drops it.
  const { sharedDb, ...hubOptions } = extra;
  const db = sharedDb ?? (await createTestDatabase());
  const masterKey = Buffer.alloc(32, 3).toString('base64');
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const adminKey = env.BOOTSTRAP_API_KEY ?? generateApiKey();
  const config = buildHubConfig(
    validateHubEnvironment({ DATABASE_URL: db.url, MASTER_KEY: masterKey, LOG_LEVEL: 'debug', ...env, BOOTSTRAP_API_KEY: adminKey }),
  );
  const logger = createLogger({ level: 'debug', destination });
  const app = await createHubApp({ config, databaseUrl: db.url, masterKey, logger, ...hubOptions });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    adminKey,
    async keyWith(scopes) {
      const key = generateApiKey();
      await app.get(ApiKeyRepository).create(db.dataSource.manager, { name: `test-${scopes.join('-')}`, hash: hashApiKey(key), scopes });
      return key;
    },
    inject: (request) =>
      app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: request.method ?? 'GET',
          url: request.url,
          headers: { ...(request.key !== undefined ? { authorization: `Bearer ${request.key}` } : {}), ...request.headers },
          payload: request.payload as string,
        }),
    async close() {
      await app.close();
      if (!sharedDb) await db.drop();
    },
  };
}
