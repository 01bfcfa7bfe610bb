import { freePort } from '../support/free-port';
import { firstOkResponse, NodeProcess, runNodeScript } from '../support/node-process';

const startSandbox = (args: readonly string[]): NodeProcess =>
  runNodeScript('dist/apps/sandbox/src/main.js', { LOG_LEVEL: 'info' }, args, { captureOutput: true });

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
      const health = await firstOkResponse(`http://127.0.0.1:${port}/_sandbox/health`, 20_000);
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
