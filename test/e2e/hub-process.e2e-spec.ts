import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { firstOkResponse, NodeProcess, runNodeScript } from '../support/node-process';

const startHub = (env: Record<string, string>): NodeProcess => runNodeScript('dist/apps/hub/src/main.js', env, [], { captureOutput: true });

function postgresProcessesFor(dataDir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((line) => line.includes(dataDir) && line.includes('postgres'));
}

describe('the hub as a process (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'serai-hub-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with an embedded database, serves /health, /docs and /docs-json, refuses a second start and stops cleanly on SIGTERM', async () => {
    const hub = startHub(env);
    try {
      const health = await firstOkResponse(`http://localhost:${env.PORT}/health`, 60_000);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      expect((await fetch(`http://localhost:${env.PORT}/docs`)).status).toBe(200);
      expect((await (await fetch(`http://localhost:${env.PORT}/docs-json`)).json()) as object).toHaveProperty('openapi');
      expect((await fetch(`http://localhost:${env.SANDBOX_PORT}/_sandbox/health`)).status).toBe(200);
      expect(readdirSync(dataDir).sort()).toEqual(['db-password', 'hub.lock', 'master.key', 'pg']);

      const second = startHub({ ...env, PORT: String(await freePort()), SANDBOX_PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/Another Serai hub \(pid \d+\) is already running with data folder/);

      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      expect(hub.output()).toContain('"msg":"stopped"');
      expect(postgresProcessesFor(dataDir)).toEqual([]);
      expect(readdirSync(dataDir)).not.toContain('hub.lock');
    } finally {
      hub.child.kill('SIGKILL');
    }
  }, 120_000);

  it('reuses its data after a restart, and recovers from a hub killed with SIGKILL', async () => {
    const first = startHub(env);
    await firstOkResponse(`http://localhost:${env.PORT}/health`, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    // The killed hub's PostgreSQL is still running on the data folder: the next start must cope.
    const second = startHub(env);
    try {
      await firstOkResponse(`http://localhost:${env.PORT}/health`, 60_000);
      expect(second.output()).toContain('database schema up to date');
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    } finally {
      second.child.kill('SIGKILL');
    }
  }, 120_000);

  it('on SIGTERM, finishes a request in flight before it stops, then exits 0', async () => {
    const key = 'process-test-bootstrap-key-0123456789abcdef';
    const hub = startHub({ ...env, BOOTSTRAP_API_KEY: key });
    try {
      await firstOkResponse(`http://localhost:${env.PORT}/health`, 60_000);
      const auth = { authorization: `Bearer ${key}` };
      // The demo topology connects to the sandbox at start; wait for it.
      for (let i = 0; i < 100; i += 1) {
        if ((await fetch(`http://localhost:${env.PORT}/api/v1/connections/nengmao-demo`, { headers: auth })).ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // The marketplace answers slowly: the connection test is still waiting when SIGTERM comes.
      const fault = await fetch(`http://localhost:${env.SANDBOX_PORT}/_sandbox/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules: [{ id: 'slow', provider: 'nengmao', kind: 'latency', fixedMs: 1500, minMs: 0, maxMs: 0 }] }),
      });
      expect(fault.ok).toBe(true);
      const started = Date.now();
      const inFlight = fetch(`http://localhost:${env.PORT}/api/v1/connections/nengmao-demo/test`, { method: 'POST', headers: auth });
      await new Promise((r) => setTimeout(r, 300));
      hub.child.kill('SIGTERM');
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ ok: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      expect(await hub.exited).toBe(0);
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    } finally {
      hub.child.kill('SIGKILL');
    }
  }, 120_000);

  it('stops at once with one clear message when a setting is invalid', async () => {
    const hub = startHub({ ...env, PORT: 'eighty', HUB_ROLE: 'boss' });
    expect(await hub.exited).toBe(78);
    expect(hub.output().trim()).toBe(
      "serai: Invalid configuration: PORT must be an integer (got 'eighty'); HUB_ROLE must be one of all, api, worker (got 'boss')",
    );
  });
});
