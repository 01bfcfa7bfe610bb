import 'reflect-metadata';
import { createLogger } from '@serai/common';
import { startSandboxServer } from './sandbox-server';

function port(): number {
  const raw = process.env.SANDBOX_PORT ?? '4100';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    process.stderr.write(`serai-sandbox: Invalid configuration: SANDBOX_PORT must be an integer between 1 and 65535 (got '${raw}')\n`);
    process.exit(78);
  }
  return value;
}

async function main(): Promise<void> {
  const logger = createLogger({ level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info', name: 'serai-sandbox' });
  const sandbox = await startSandboxServer({ settings: { port: port() }, logger });
  logger.info({ url: sandbox.url }, 'provider sandbox listening');
  const stop = async (): Promise<void> => {
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main();
