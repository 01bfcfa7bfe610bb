import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { createLogger } from '@serai/common';
import { SandboxSettings } from './core/sandbox-settings';
import { loadSandboxSettings, SandboxSettingsError, sandboxUsage } from './core/sandbox-settings-loader';
import { startSandboxServer } from './sandbox-server';

const EX_CONFIG = 78;

function readSettings(argv: readonly string[]): SandboxSettings {
  try {
    return loadSandboxSettings({ argv, env: process.env, readFile: (path) => readFileSync(path, 'utf8') });
  } catch (error) {
    if (error instanceof SandboxSettingsError) {
      process.stderr.write(`serai-sandbox: ${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(sandboxUsage());
    return;
  }
  const settings = readSettings(argv);
  const logger = createLogger({ level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info', name: 'serai-sandbox' });
  const sandbox = await startSandboxServer({ settings, logger });
  logger.info(
    {
      url: sandbox.url,
      seed: settings.seed,
      skus: settings.skus,
      initialOrders: settings.initialOrders,
      autoAdvance: settings.autoAdvance,
    },
    'provider sandbox listening',
  );
  const stop = async (): Promise<void> => {
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main();
