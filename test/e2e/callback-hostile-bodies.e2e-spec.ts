import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { hostileCallbackBodies } from '../../bench/support/hostile-callback-bodies';
import { CallbackRefusalAudit } from '../../apps/hub/src/callbacks/callback-refusal-audit';
import { callbackSender, jsonCallback } from '../support/callback-sender';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

const KEY = 'hostile-suite-key-0123456789';
const MB = 1024 * 1024;
const TABLE = hostileCallbackBodies();
const HOSTILE = TABLE.map((entry) => [entry.name, entry.contentType, entry.body, entry.status] as const);
const bodyOf = (name: string): string => TABLE.find((entry) => entry.name === name)?.body ?? '';

/** A real collection before each measurement, so garbage not yet collected is not counted as growth. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function memory(): { heapMb: number; rssMb: number } {
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: heapUsed / MB, rssMb: rss / MB };
}

describe('hostile callback bodies', () => {
  let hub: HubUnderTest;
  let send: ReturnType<typeof callbackSender>;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api', LOG_LEVEL: 'warn', CALLBACK_AUTH_FAILURE_LIMIT: '100000' });
    send = callbackSender(hub.app, { key: KEY, store: 'haiku' });
    const res = await hub.inject({
      method: 'POST',
      url: '/api/v1/connections',
      key: hub.adminKey,
      payload: {
        name: 'pilot-hostile',
        provider: 'nomad-pilot',
        baseUrl: 'http://localhost:9/pilot',
        options: { carrier: 'samarkand.sfexpress.test', callbackStores: ['haiku'] },
        credentials: { caKey: 'ca', callbackKey: KEY },
      },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => hub.close());

  it.each(HOSTILE)('answers %s with a 4xx in the contract format and stores nothing', async (_name, contentType, body, status) => {
    const res = await send({ contentType, body });
    expect(res.statusCode).toBe(status);
    expect(res.body).toMatch(contentType.includes('json') ? /"success":"false"/ : /<flag>failure<\/flag>|"success":"false"/);
    expect(await hub.db.count('webhook_inbox')).toBe(0);
  });

  it('never expands an entity or fetches a reference: the refusal names the DOCTYPE', async () => {
    for (const body of ['billion laughs', 'external entity (XXE)', 'external DTD'].map(bodyOf)) {
      expect((await send({ body })).body).toContain('DOCTYPE and declarations are not accepted');
    }
  });

  it('leaves Object.prototype untouched and accepts __proto__ keys beside a valid callback as plain data', async () => {
    const body =
      '{"__proto__":{"polluted":true},"deliveryOrder":{"__proto__":{"isAdmin":true},"deliveryOrderCode":"P-3","status":"DELIVERED"}}';
    expect((await send({ contentType: 'application/json', body })).statusCode).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    await hub.db.dataSource.query(`DELETE FROM webhook_inbox`);
  });

  it('stays alive with memory growth under 50 MB over five rounds of the whole table', async () => {
    collectGarbage();
    const before = memory();
    let peak = before;
    for (let round = 0; round < 5; round += 1) {
      for (const [, contentType, body, status] of HOSTILE) {
        expect((await send({ contentType, body })).statusCode).toBe(status);
        const now = memory();
        peak = { heapMb: Math.max(peak.heapMb, now.heapMb), rssMb: Math.max(peak.rssMb, now.rssMb) };
      }
    }
    collectGarbage();
    const after = memory();
    // The bodies themselves were built before `before`; what remains is what the hub kept.
    expect(after.heapMb - before.heapMb).toBeLessThan(50);
    expect(after.rssMb - before.rssMb).toBeLessThan(50);
    // Alive and still accepting.
    expect((await send({ contentType: 'application/json', body: jsonCallback({ code: 'ALIVE-1' }) })).statusCode).toBe(200);
    expect(await hub.db.count('webhook_inbox')).toBe(1);
    await hub.app.get(CallbackRefusalAudit).settled();
    expect(await hub.db.count('callback_refusal')).toBeGreaterThanOrEqual(HOSTILE.length * 6);
    // Every refusal was logged with its reason.
    const refusalLines = hub.logLines().filter((line) => line.msg !== undefined && String(line.msg).startsWith('callback refused:'));
    expect(refusalLines.length).toBeGreaterThanOrEqual(HOSTILE.length * 6);
    expect(peak.heapMb).toBeGreaterThan(0);
  });
});
