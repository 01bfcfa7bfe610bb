import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Serai hub (pid ${pid}) is already running with data folder ${dataDir}. ` +
        'Stop it first, or give this one its own DATA_DIR (or a DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One hub per data folder. The lock file holds the owner's pid; a lock left by a process that no
 * longer exists (a crash, kill -9) is taken over, a live one is refused.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    const path = join(dataDir, 'hub.lock');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
        if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
          throw new DataDirInUseError(dataDir, owner);
        }
        rmSync(path, { force: true });
      }
    }
    throw new Error(`Could not take the lock ${path}`);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}
