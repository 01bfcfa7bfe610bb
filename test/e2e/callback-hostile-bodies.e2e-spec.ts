import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { callbackSender, jsonCallback } from '../support/callback-sender';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

const KEY = 'hostile-suite-key-0123456789';
const MB = 1024 * 1024;

const BILLION_LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
  ']><deliveryOrder><deliveryOrderCode>&lol9;</deliveryOrderCode><status>DELIVERED</status></deliveryOrder>';
const QUADRATIC_BLOWUP = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${'a'.repeat(50_000)}">]><deliveryOrder><deliveryOrderCode>${'&a;'.repeat(
  50_000,
)}</deliveryOrderCode><status>DELIVERED</status></deliveryOrder>`;
const EXTERNAL_ENTITY =
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><deliveryOrder><deliveryOrderCode>&xxe;</deliveryOrderCode><status>DELIVERED</status></deliveryOrder>';
const EXTERNAL_DTD = '<?xml version="1.0"?><!DOCTYPE deliveryOrder SYSTEM "http://127.0.0.1:1/evil.dtd"><deliveryOrder/>';
const PARAMETER_ENTITY = '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]><deliveryOrder/>';
const DEEP_XML = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
const DEEP_JSON = `${'{"deliveryOrder":'.repeat(10_000)}{}${'}'.repeat(10_000)}`;
const MANY_ATTRIBUTES = `<deliveryOrder ${'a="1" '.repeat(100_000)}><deliveryOrderCode>1</deliveryOrderCode><status>X</status></deliveryOrder>`;
const MANY_ELEMENTS = `<request>${'<x/>'.repeat(30_000)}</request>`;
const TWENTY_MB = `<request>${'x'.repeat(20 * MB)}</request>`;
const PROTO_ONLY = '{"__proto__":{"deliveryOrder":{"deliveryOrderCode":"P-1","status":"DELIVERED"}}}';
const PROTO_NESTED = '{"deliveryOrder":{"__proto__":{"deliveryOrderCode":"P-2","status":"DELIVERED"}}}';
const TRUNCATED_XML =
  '<?xml version="1.0"?><request><deliveryOrder><deliveryOrderCode>T-1</deliveryOrderCode><status>DELIVERED</status></deliveryOrder><packages><package><expressCode>SF1';
const TRUNCATED_JSON = jsonCallback({ code: 'T-2' }).slice(0, 120);
const BACKSLASH_STORM = `{"deliveryOrder":{"deliveryOrderCode":"${'\\"'.repeat(400_000)}`;

/** Every hostile body of issue 7, and a few more of the same families: each must be a 4xx. */
const HOSTILE: readonly (readonly [string, string, string, number])[] = [
  ['billion laughs', 'application/xml', BILLION_LAUGHS, 400],
  ['quadratic blow-up', 'application/xml', QUADRATIC_BLOWUP, 400],
  ['external entity (XXE)', 'text/xml', EXTERNAL_ENTITY, 400],
  ['external DTD', 'text/xml', EXTERNAL_DTD, 400],
  ['external parameter entity', 'text/xml', PARAMETER_ENTITY, 400],
  ['10,000-deep XML nesting', 'application/xml', DEEP_XML, 400],
  ['10,000-deep JSON nesting', 'application/json', DEEP_JSON, 400],
  ['100,000 attributes', 'application/xml', MANY_ATTRIBUTES, 400],
  ['30,000 elements', 'application/xml', MANY_ELEMENTS, 400],
  ['a 20 MB body', 'application/xml', TWENTY_MB, 413],
  ['__proto__ holding the whole callback', 'application/json', PROTO_ONLY, 400],
  ['__proto__ holding the delivery order fields', 'application/json', PROTO_NESTED, 400],
  ['truncated XML', 'application/xml', TRUNCATED_XML, 400],
  ['truncated JSON', 'application/json', TRUNCATED_JSON, 400],
  ['an unterminated string of 400,000 escaped quotes', 'application/json', BACKSLASH_STORM, 400],
];

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
    for (const body of [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD]) {
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
    expect(await hub.db.count('callback_refusal')).toBeGreaterThanOrEqual(HOSTILE.length * 6);
    // Every refusal was logged with its reason.
    const refusalLines = hub.logLines().filter((line) => line.msg !== undefined && String(line.msg).startsWith('callback refused:'));
    expect(refusalLines.length).toBeGreaterThanOrEqual(HOSTILE.length * 6);
    expect(peak.heapMb).toBeGreaterThan(0);
  });
});
