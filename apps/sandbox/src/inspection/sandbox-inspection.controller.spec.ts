import { SandboxClock } from '../core/sandbox-clock';
import { SandboxTicker } from '../core/sandbox-ticker';
import { startSandboxUnderTest, SandboxUnderTest } from '../testing/sandbox-under-test';

describe('/_sandbox index, health and clock', () => {
  let sandbox: SandboxUnderTest;
  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 2 });
  });
  afterAll(() => sandbox.close());

  it('lists the providers and every inspection endpoint in the index', async () => {
    const index = (await sandbox.inject({ url: '/_sandbox' })).json<{
      providers: { provider: string; prefix: string }[];
      inspection: { method: string; path: string }[];
    }>();
    expect(index.providers).toContainEqual({ provider: 'wms', prefix: '/wms' });
    const routes = index.inspection.map((route) => `${route.method} ${route.path}`);
    for (const expected of [
      'GET /_sandbox/health',
      'GET /_sandbox/clock',
      'POST /_sandbox/clock',
      'GET /_sandbox/faults',
      'PUT /_sandbox/faults',
      'DELETE /_sandbox/faults/:id',
      'GET /_sandbox/wms/skus/:sku',
      'POST /_sandbox/wms/skus',
    ]) {
      expect(routes).toContain(expected);
    }
    expect(routes.every((route) => route.includes(' /_sandbox'))).toBe(true);
  });

  it('reports health with per-provider request counters', async () => {
    await sandbox.inject({ method: 'POST', url: '/wms/api/v1/sku' });
    const health = (await sandbox.inject({ url: '/_sandbox/health' })).json<{
      status: string;
      providers: Record<string, { requests: number; byStatus: Record<string, number> }>;
    }>();
    expect(health.status).toBe('ok');
    expect(health.providers.wms.requests).toBe(1);
    expect(health.providers.wms.byStatus).toEqual({ '4xx': 1 });
  });

  it('returns now and moves the clock forward by advanceMs', async () => {
    const before = (await sandbox.inject({ url: '/_sandbox/clock' })).json<{ nowMs: number; now: string }>();
    expect(new Date(before.now).getTime()).toBe(before.nowMs);
    const after = (await sandbox.inject({ method: 'POST', url: '/_sandbox/clock', payload: { advanceMs: 3_600_000 } })).json<{
      nowMs: number;
    }>();
    expect(after.nowMs - before.nowMs).toBeGreaterThanOrEqual(3_600_000);
    expect(after.nowMs - before.nowMs).toBeLessThan(3_600_000 + 1000);
  });

  it('refuses to move the clock backwards or by a non-number', async () => {
    expect((await sandbox.inject({ method: 'POST', url: '/_sandbox/clock', payload: { advanceMs: -1 } })).statusCode).toBe(400);
    expect((await sandbox.inject({ method: 'POST', url: '/_sandbox/clock', payload: { advanceMs: 'soon' } })).statusCode).toBe(400);
  });

  it('lets simulations catch up when the clock is advanced', async () => {
    const seen: number[] = [];
    const stop = sandbox.app.get(SandboxClock).onTick((now) => seen.push(now.getTime()));
    await sandbox.inject({ method: 'POST', url: '/_sandbox/clock', payload: { advanceMs: 1000 } });
    stop();
    expect(seen).toHaveLength(1);
  });

  it('does not tick on its own when autoAdvance is off', () => {
    expect(sandbox.app.get(SandboxTicker).running).toBe(false);
  });
});

describe('the real-time ticker', () => {
  it('ticks the clock every second while autoAdvance is on and stops on shutdown', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const sandbox = await startSandboxUnderTest({ skus: 1, autoAdvance: true });
      const ticker = sandbox.app.get(SandboxTicker);
      let ticks = 0;
      sandbox.app.get(SandboxClock).onTick(() => (ticks += 1));
      expect(ticker.running).toBe(true);
      jest.advanceTimersByTime(3000);
      expect(ticks).toBe(3);
      await sandbox.close();
      expect(ticker.running).toBe(false);
      jest.advanceTimersByTime(3000);
      expect(ticks).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
