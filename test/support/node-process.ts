import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitUntil } from './wait-until';

const root = join(__dirname, '..', '..');

export interface NodeProcess {
  readonly child: ChildProcess;
  /** The exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
  /** What the process wrote to stdout and stderr so far (empty unless started with `captureOutput`). */
  readonly output: () => string;
}

/**
 * Runs a built script of the repository (e.g. `dist/apps/hub/src/main.js`) in its own process with
 * only PATH and the given environment, so nothing of the test runner's environment leaks into it.
 */
export function runNodeScript(
  script: string,
  env: Record<string, string>,
  args: readonly string[] = [],
  options: { readonly captureOutput?: boolean } = {},
): NodeProcess {
  let output = '';
  const child = spawn(process.execPath, [join(root, script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: options.captureOutput ? ['ignore', 'pipe', 'pipe'] : 'ignore',
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))), output: () => output };
}

/** Answers the first 2xx response of `url`, polling while it refuses connections or answers otherwise. */
export async function firstOkResponse(url: string, timeoutMs: number): Promise<Response> {
  let ok: Response | undefined;
  await waitUntil(
    async () => {
      const response = await fetch(url);
      if (response.ok) ok = response;
      return response.ok;
    },
    timeoutMs,
    `${url} answering 2xx`,
    { intervalMs: 100 },
  );
  return ok as Response;
}

/** The sandbox in its own process, as the real providers would be, on a free port; answers once it is healthy. */
export async function startSandboxProcess(args: readonly string[]): Promise<{ readonly process: NodeProcess; readonly url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = runNodeScript('dist/apps/sandbox/src/main.js', { LOG_LEVEL: 'warn' }, ['--port', String(port), ...args]);
  await waitUntil(async () => (await fetch(`${url}/_sandbox/health`)).ok, 60_000, 'the sandbox did not start');
  return { process: sandbox, url };
}
