import { SandboxClock } from '../core/sandbox-clock';
import { startSandboxUnderTest, SandboxUnderTest } from '../testing/sandbox-under-test';
import { callWms } from '../wms/wms-signed-request';
import { FaultInjector } from './fault-injector';

describe('fault injection through /_sandbox/faults', () => {
  let sandbox: SandboxUnderTest;
  const query = (): ReturnType<typeof callWms> => callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', { pageSize: 2 });
  const setFaults = (payload: unknown) => sandbox.inject({ method: 'PUT', url: '/_sandbox/faults', payload });

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 5 });
  });
  afterEach(() => sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' }));
  afterAll(() => sandbox.close());

  it('injects nothing by default', async () => {
    expect((await sandbox.inject({ url: '/_sandbox/faults' })).json()).toEqual({ rules: [] });
    const response = await query();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: 'success', total: 5 });
  });

  it('adds a fixed latency to every answer of the provider', async () => {
    await setFaults({ provider: 'wms', kind: 'latency', fixedMs: 150 });
    const started = Date.now();
    const response = await query();
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(response.json()).toMatchObject({ state: 'success' });
  });

  it('adds a random latency within the given range', async () => {
    await setFaults({ provider: 'wms', kind: 'latency', minMs: 60, maxMs: 90, seed: 3 });
    const started = Date.now();
    await query();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(400);
  });

  it('answers a share of requests with a 5xx', async () => {
    await setFaults({ rules: [{ provider: 'wms', kind: 'server-error', rate: 1, status: 502 }] });
    const response = await query();
    expect(response.statusCode).toBe(502);
    expect(response.headers['x-sandbox-fault']).toBe('server-error');
  });

  it('renders provider error codes in the provider envelope', async () => {
    await setFaults({ provider: 'wms', kind: 'provider-error', rate: 1, codes: ['SYSTEM_ERROR'], message: 'busy' });
    const response = await query();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ errorCode: 'SYSTEM_ERROR', errorMsg: 'busy', state: 'fail' });
  });

  it('holds a request for the given time before answering it normally', async () => {
    await setFaults({ provider: 'wms', kind: 'hang', holdMs: 250 });
    const started = Date.now();
    const response = await query();
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
    expect(response.json()).toMatchObject({ state: 'success' });
  });

  it('truncates the body of a 200 answer so that it no longer parses', async () => {
    await setFaults({ provider: 'wms', kind: 'malformed', mode: 'truncated' });
    const response = await query();
    expect(response.statusCode).toBe(200);
    expect(() => JSON.parse(response.body)).toThrow();
    expect(response.body.startsWith('{"errorCode":""')).toBe(true);
  });

  it('answers an HTML page instead of JSON with status 200', async () => {
    await setFaults({ provider: 'wms', kind: 'malformed', mode: 'non-json' });
    const response = await query();
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/^<html>/);
  });

  it('limits requests per second with 429 and Retry-After, and lets them through a second later', async () => {
    await setFaults({ provider: 'wms', kind: 'rate-limit', perSecond: 2 });
    expect((await query()).statusCode).toBe(200);
    expect((await query()).statusCode).toBe(200);
    const limited = await query();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    sandbox.app.get(SandboxClock).advance(1000);
    expect((await query()).statusCode).toBe(200);
  });

  it('answers the provider rate-limit code when asked to', async () => {
    await setFaults({ provider: 'wms', kind: 'rate-limit', perSecond: 1, answer: 'provider-code' });
    await query();
    const limited = await query();
    expect(limited.statusCode).toBe(200);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toMatchObject({ errorCode: 'REQUEST_LIMIT', state: 'fail' });
  });

  it('refuses every request of the provider during an outage window on the sandbox clock, then recovers', async () => {
    await setFaults({ provider: 'wms', kind: 'outage', durationMs: 60_000 });
    const during = await query();
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('60');
    sandbox.app.get(SandboxClock).advance(60_000);
    expect((await query()).statusCode).toBe(200);
  });

  it('honours an outage window given as from/to instants', async () => {
    const now = sandbox.app.get(SandboxClock).nowMs();
    await setFaults({
      provider: 'wms',
      kind: 'outage',
      from: new Date(now + 10_000).toISOString(),
      to: new Date(now + 20_000).toISOString(),
    });
    expect((await query()).statusCode).toBe(200);
    sandbox.app.get(SandboxClock).advance(10_000);
    expect((await query()).statusCode).toBe(503);
  });

  it('never faults the /_sandbox routes', async () => {
    await setFaults({ provider: 'wms', kind: 'outage', durationMs: 60_000 });
    expect((await sandbox.inject({ url: '/_sandbox/wms/counts' })).statusCode).toBe(200);
    expect((await sandbox.inject({ url: '/_sandbox/health' })).statusCode).toBe(200);
  });

  it('applies a rule only to its route pattern and method', async () => {
    await setFaults({
      rules: [
        { provider: 'wms', kind: 'server-error', path: '/wms/api/v2/**' },
        { provider: 'wms', kind: 'server-error', method: 'GET' },
      ],
    });
    expect((await query()).statusCode).toBe(200);
    await setFaults({ provider: 'wms', kind: 'server-error', path: '/wms/api/:version/sku', method: 'post' });
    expect((await query()).statusCode).toBe(500);
  });

  it('lists active rules with how often they matched and fired', async () => {
    await setFaults({ provider: 'wms', kind: 'server-error', id: 'boom', rate: 1 });
    await query();
    const listed = (await sandbox.inject({ url: '/_sandbox/faults' })).json<{
      rules: { rule: { id: string }; matched: number; injected: number }[];
    }>();
    expect(listed.rules).toEqual([
      { rule: expect.objectContaining({ id: 'boom', kind: 'server-error', provider: 'wms' }), matched: 1, injected: 1 },
    ]);
  });

  it('adds with POST, replaces a rule with the same id, and removes one rule with DELETE', async () => {
    await sandbox.inject({ method: 'POST', url: '/_sandbox/faults', payload: { id: 'a', provider: 'wms', kind: 'latency', fixedMs: 1 } });
    await sandbox.inject({ method: 'POST', url: '/_sandbox/faults', payload: { id: 'b', provider: 'wms', kind: 'server-error' } });
    await sandbox.inject({ method: 'PUT', url: '/_sandbox/faults/a', payload: { provider: 'wms', kind: 'latency', fixedMs: 2 } });
    const listed = (await sandbox.inject({ url: '/_sandbox/faults' })).json<{ rules: { rule: { id: string; fixedMs?: number } }[] }>();
    expect(listed.rules.map((view) => [view.rule.id, view.rule.fixedMs])).toEqual([
      ['b', undefined],
      ['a', 2],
    ]);
    expect((await query()).statusCode).toBe(500);
    expect((await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults/b' })).statusCode).toBe(200);
    expect((await query()).statusCode).toBe(200);
    expect((await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults/nope' })).statusCode).toBe(404);
  });

  it('restores normal answers when all rules are cleared', async () => {
    await setFaults({ provider: 'wms', kind: 'server-error' });
    expect((await query()).statusCode).toBe(500);
    await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    expect((await query()).json()).toMatchObject({ state: 'success' });
  });

  it('refuses an invalid rule and names the field', async () => {
    const response = await setFaults({
      rules: [
        { provider: 'acme', kind: 'latency' },
        { provider: 'wms', kind: 'server-error', rate: 2 },
      ],
    });
    expect(response.statusCode).toBe(400);
    const problems = response.json<{ problems: string[] }>().problems;
    expect(problems[0]).toMatch(/^rules\[0\]\.provider must be one of .*wms/);
    expect(problems[1]).toBe('rules[1].rate must be a number between 0 and 1');
  });

  it('counts faulted answers per provider in the health report', async () => {
    await setFaults({ provider: 'wms', kind: 'server-error' });
    await query();
    const health = (await sandbox.inject({ url: '/_sandbox/health' })).json<{
      providers: { wms: { faulted: number; byStatus: Record<string, number> } };
    }>();
    expect(health.providers.wms.faulted).toBeGreaterThanOrEqual(1);
    expect(health.providers.wms.byStatus['5xx']).toBeGreaterThanOrEqual(1);
  });
});

describe('fault injection and shutdown', () => {
  it('releases a request held until close when the sandbox closes, leaving no timer behind', async () => {
    const sandbox = await startSandboxUnderTest({ skus: 2 });
    await sandbox.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { provider: 'wms', kind: 'hang' } });
    const pending = callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {});
    await new Promise((resolve) => setTimeout(resolve, 30));
    const holds = sandbox.app.get(FaultInjector).holds;
    expect(holds.size).toBe(1);
    await sandbox.close();
    const response = await pending;
    expect(response.statusCode).toBe(503);
    expect(holds.size).toBe(0);
  });

  it('resets the connection during an outage in reset mode', async () => {
    const sandbox = await startSandboxUnderTest({ skus: 2 });
    try {
      const url = await sandbox.listen();
      await sandbox.inject({
        method: 'PUT',
        url: '/_sandbox/faults',
        payload: { provider: 'wms', kind: 'outage', durationMs: 10_000, mode: 'reset' },
      });
      await expect(fetch(`${url}/wms/api/v1/sku?SERVICE_TYPE=QUERY_SIMPLE_LIST_SKU`, { method: 'POST' })).rejects.toThrow(/fetch failed/);
      expect((await fetch(`${url}/_sandbox/health`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
