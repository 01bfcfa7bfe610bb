import fc from 'fast-check';
import { callbackSender } from '../support/callback-sender';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

const KEY = 'fuzz-suite-key-0123456789';
const FIELDS = [
  'deliveryOrderCode',
  'deliveryOrderId',
  'status',
  'outBizCode',
  'confirmType',
  'expressCode',
  'logisticsCode',
  '__proto__',
  'constructor',
];
const CONTENT_TYPES = ['application/xml', 'text/xml', 'application/json', 'application/json; charset=utf-8', 'text/xml;charset=UTF-8'];

/** A value as a sloppy or hostile sender might put it in a field. */
const fieldValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => n.toString()),
  fc.double().map(String),
  fc.constantFrom('', ' ', 'DELIVERED', 'PARTDELIVERED', '<&>"\'', '\\', '\u0000', '\uD800'),
);

/** Delivery-order-like JSON: right shape, random values, sometimes raw numbers, nulls, arrays and objects. */
const jsonBody = fc
  .record({
    wrap: fc.boolean(),
    order: fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fieldValue, fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 })), {
      maxKeys: 8,
    }),
    packages: fc.option(
      fc.array(fc.dictionary(fc.constantFrom('packageCode', 'expressCode', 'items'), fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }),
    ),
  })
  .map(({ wrap, order, packages }) => {
    const inner = { deliveryOrder: order, ...(packages === null ? {} : { packages }) };
    return JSON.stringify(wrap ? { request: inner } : inner);
  });

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** Delivery-order-like XML: right element names, random text, escaped or raw, sometimes attributes. */
const xmlBody = fc
  .record({
    root: fc.constantFrom('deliveryOrder', 'request', 'response', 'x'),
    fields: fc.array(fc.tuple(fc.constantFrom(...FIELDS), fieldValue, fc.boolean()), { maxLength: 8 }),
    attributes: fc.array(fc.tuple(fc.constantFrom('a', 'xmlns:q', 'b'), fc.string({ maxLength: 8 })), { maxLength: 3 }),
  })
  .map(({ root, fields, attributes }) => {
    const order = fields.map(([name, value, escaped]) => `<${name}>${escaped ? escape(value) : value}</${name}>`).join('');
    const attrs = attributes.map(([name, value]) => ` ${name}="${value.replace(/"/g, '')}"`).join('');
    return root === 'request'
      ? `<request${attrs}><deliveryOrder>${order}</deliveryOrder></request>`
      : `<${root}${attrs}>${order}</${root}>`;
  });

/** Any of the above, cut short or spliced with noise, or plain garbage text and bytes. */
const anyBody = fc.oneof(
  jsonBody,
  xmlBody,
  fc.tuple(fc.oneof(jsonBody, xmlBody), fc.nat()).map(([body, cut]) => body.slice(0, cut % (body.length + 1))),
  fc.tuple(fc.oneof(jsonBody, xmlBody), fc.nat(), fc.string({ maxLength: 10 })).map(([body, at, noise]) => {
    const i = at % (body.length + 1);
    return body.slice(0, i) + noise + body.slice(i);
  }),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.json(),
);

describe('callback bodies, property-tested through the real HTTP application', () => {
  let hub: HubUnderTest;
  let send: ReturnType<typeof callbackSender>;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api', CALLBACK_AUTH_FAILURE_LIMIT: '100000' });
    send = callbackSender(hub.app, { key: KEY, store: 'haiku' });
    const res = await hub.inject({
      method: 'POST',
      url: '/api/v1/connections',
      key: hub.adminKey,
      payload: {
        name: 'pilot-fuzz',
        provider: 'nomad-pilot',
        baseUrl: 'http://localhost:9/pilot',
        options: { carrier: 'samarkand.sfexpress.test', callbackStores: ['haiku'] },
        credentials: { caKey: 'ca', callbackKey: KEY },
      },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => hub.close());

  /** 200 with the body stored as sent, or a 4xx with nothing stored; never a 5xx, never a crash; the answer readable in its form. */
  async function expectParsedOrRefused(body: string | Buffer, contentType: string): Promise<void> {
    const before = await hub.db.count('webhook_inbox');
    const res = await send({ contentType, body });
    expect(res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500)).toBe(true);
    const ok = res.headers['content-type']?.toString().startsWith('application/json')
      ? ['success'].includes((JSON.parse(res.body) as { success: string }).success)
      : /<flag>success<\/flag>/.test(res.body);
    expect(ok).toBe(res.statusCode === 200);
    const after = await hub.db.count('webhook_inbox');
    if (res.statusCode !== 200) {
      expect(after).toBe(before);
      return;
    }
    expect(after - before).toBeLessThanOrEqual(1);
    if (after === before) return; // a redelivery of an earlier body's dedupe key: success, nothing new
    const [latest] = (await hub.db.dataSource.query(`SELECT body FROM webhook_inbox ORDER BY id DESC LIMIT 1`)) as { body: string }[];
    // Stored as received: the UTF-8 text, less a byte-order mark.
    const sent = (typeof body === 'string' ? Buffer.from(body, 'utf8') : body).toString('utf8').replace(/^\uFEFF/, '');
    expect(latest?.body).toBe(sent);
  }

  it('answers any delivery-order-like or garbage text either 200 (stored) or 4xx (nothing stored), never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, fc.constantFrom(...CONTENT_TYPES), (body, contentType) => expectParsedOrRefused(body, contentType)),
      { numRuns: 400 },
    );
  });

  it('answers any bytes and any content type with 200 or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.oneof(
          fc.constantFrom(...CONTENT_TYPES),
          fc.string({ maxLength: 40 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
        ),
        async (bytes, contentType) => {
          const res = await send({ contentType: contentType === '' ? null : contentType, body: Buffer.from(bytes) });
          expect(res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts every well-formed callback with a code and a status, in both forms, and keeps its id digits', async () => {
    let runs = 0;
    const text = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => s.trim() !== '' && ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\uFFFE' || ch === '\uFFFF'));
    await fc.assert(
      fc.asyncProperty(text, text, fc.bigInt({ min: 10n ** 15n, max: 10n ** 25n }), fc.boolean(), async (code, status, big, asXml) => {
        // Unique per run (fast-check repeats its bounds), and still far past what a double holds.
        const id = `${big}${(runs += 1)}`;
        const body = asXml
          ? `<deliveryOrder><deliveryOrderCode>${escape(code)}</deliveryOrderCode><status>${escape(status)}</status><deliveryOrderId>${id}</deliveryOrderId></deliveryOrder>`
          : `{"deliveryOrder":{"deliveryOrderCode":${JSON.stringify(code)},"status":${JSON.stringify(status)},"outBizCode":${id}}}`;
        const res = await send({ contentType: asXml ? 'application/xml' : 'application/json', body });
        expect(res.statusCode).toBe(200);
        if (!asXml) {
          const rows = (await hub.db.dataSource.query(`SELECT dedupe_key FROM webhook_inbox WHERE body = $1`, [body])) as {
            dedupe_key: string;
          }[];
          expect(rows).toEqual([{ dedupe_key: id }]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
