import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface NodeProcess {
  readonly child: ChildProcess;
  /** The exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
}

/**
 * Runs a built script of the repository (e.g. `dist/apps/hub/src/main.js`) in its own process with
 * only PATH and the given environment, so nothing of the test runner's environment leaks into it.
 */
export function runNodeScript(script: string, env: Record<string, string>, args: readonly string[] = []): NodeProcess {
  const child = spawn(process.execPath, [join(root, script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}
