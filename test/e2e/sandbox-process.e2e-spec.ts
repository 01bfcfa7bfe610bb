import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../support/free-port';

const root = join(__dirname, '..', '..');
const main = join(root, 'dist', 'apps', 'sandbox', 'src', 'main.js');

interface Sandbox {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function startSandbox(args: readonly string[]): Sandbox {
  let output = '';
  const child = spawn(process.execPath, [main, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the provider sandbox as a process (dist/apps/sandbox/src/main.js)', () => {
  beforeAll(() => {}, 60_000);

  it('stops with exit code 78 and one line naming the flag when --orders is not a number', async () => {
    const sandbox = startSandbox(['--orders', 'abc']);
    try {
      expect(await sandbox.exited).toBe(78);
      expect(sandbox.output().trim()).toBe(
        "serai-sandbox: Invalid configuration: --orders must be an integer between 0 and 1000000 (got 'abc')",
      );
    } finally {
      sandbox.child.kill('SIGKILL');
    }
  });

  it('serves /_sandbox/health with the seeded 10 orders on the given port, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const sandbox = startSandbox([
      '--port',
      String(port),
      '--orders',
      '10',
      '--skus',
      '5',
      '--seed',
      '7',
      '--no-auto-advance',
      '--order-rate',
      '0',
    ]);
    try {
      const health = await waitFor(`http://127.0.0.1:${port}/_sandbox/health`, 20_000);
      expect(health.status).toBe(200);
      const counts = (await (await fetch(`http://127.0.0.1:${port}/_sandbox/nengmao/counts`)).json()) as Record<string, unknown>;
      expect(counts.orders).toBe(10);
      expect(sandbox.output()).toContain('provider sandbox listening');

      sandbox.child.kill('SIGTERM');
      expect(await sandbox.exited).toBe(0);
    } finally {
      sandbox.child.kill('SIGKILL');
    }
  }, 30_000);
});
