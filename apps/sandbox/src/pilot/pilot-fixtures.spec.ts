import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { expectSameShape } from '../envoy/testing/expect-same-shape';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';

const CARRIER = 'samarkand.sfexpress.test';
const FIXTURES = join(__dirname, 'fixtures');

interface Curl {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

/**
 * Replays every `curl` of the Pilot document (fixtures/README.md) with its request example, after
 * planting what the example refers to, and compares each answer with the documented example.
 * Operations run in an order that lets each example find its data (register before update).
 */
describe('Pilot simulator: the document examples', () => {
  let sb: SandboxUnderTest;

  beforeAll(async () => {
    sb = await startSandboxUnderTest();
    // QUERY_WAYBILL asks for two SF tracking numbers: plant packages carrying them.
    for (const [code, tracking] of [
      ['EX-1', 'SF1035215690597'],
      ['EX-2', 'SF1025950147480'],
    ])
      await sb.inject({
        method: 'POST',
        url: '/_sandbox/pilot/packages',
        payload: { deliveryOrderCode: code, trackingReference: tracking, lines: [{ sku: 'SKU-000001', quantity: 1 }] },
      });
    await sb.inject({ method: 'POST', url: '/_sandbox/pilot/packages/EX-2/status', payload: { status: 'PACKED' } });
  });
  afterAll(() => sb.close());

  const replay = (curl: Curl, payload?: unknown) => {
    const headers = Object.fromEntries(
      Object.entries(curl.headers).map(([k, v]) => [k.toLowerCase(), v.replace('$API_KEY', 'demo-ca-key')]),
    );
    const url = curl.url.replace('{carrier}', CARRIER).replace('{store}', 'haiku');
    const body = payload ?? curl.body;
    // The callback curl sends JSON under `Content-Type: application/xml`: send the bytes as the curl does.
    const raw = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return sb.inject({ method: curl.method, url, headers, payload: raw });
  };

  it.each([
    ['query-carrier', 'QueryCarrier'],
    ['query-freight-forward', 'QueryFreightForward'],
    ['freight-forward', 'FreightForward (QUERY_WAYBILL)'],
    ['freight-forward-product-put', 'FreightForward product update'],
    ['inventory-product-post', 'Inventory product register'],
    ['inventory-product-put', 'Inventory product update'],
    ['inventory-product-get', 'Inventory product query'],
    ['callback', 'Callback (JSON body under an XML content type)'],
  ])('answers the %s example (%s) with the documented 200 shape', async (name) => {
    const curl = fixture<Curl>(`${name}.curl.json`);
    const res = await replay(curl);
    expect(res.statusCode).toBe(200);
    expectSameShape(res.json(), fixture(`${name}.response-200.json`));
  });

  it('finds both tracking numbers of the FreightForward example', async () => {
    const res = await replay(fixture<Curl>('freight-forward.curl.json'), fixture('freight-forward.request.json'));
    expect(res.json()).toMatchObject({
      code: 200,
      total: 2,
      data: [{ trackingReference: 'SF1035215690597' }, { trackingReference: 'SF1025950147480' }],
    });
  });

  it('answers the purchase query example with a planted purchase in the documented shape', async () => {
    const purchase = fixture<Record<string, unknown>>('inventory-purchase-post.request.json');
    const created = await sb.inject({
      method: 'POST',
      url: `/pilot/inventory/purchase/${CARRIER}`,
      headers: { 'x-ca-key': 'demo-ca-key' },
      payload: { ...purchase, warehouseGoodsNo: 'W000003' },
    });
    expect(created.statusCode).toBe(200);
    const expected = fixture('inventory-purchase-get.response-200.json');
    expectSameShape(created.json(), expected);
    const res = await replay(fixture<Curl>('inventory-purchase-get.curl.json'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ purchases: [{ warehouseGoodsNo: 'W000003', poItems: [{ numApplication: '42' }] }] });
    expectSameShape(res.json(), expected);
  });

  it('accepts the callback example as XML too', async () => {
    const res = await sb.inject({
      method: 'POST',
      url: '/pilot/callback/haiku',
      headers: { 'x-ca-key': 'demo-ca-key', 'content-type': 'application/xml' },
      payload: readFileSync(join(FIXTURES, 'callback.request.xml'), 'utf8'),
    });
    expect(res.statusCode).toBe(200);
    expectSameShape(res.json(), fixture('callback.response-200.json'));
    const received = (await sb.inject({ url: '/_sandbox/pilot/callbacks/received' })).json<
      { deliveryOrder: unknown; deliveries: number }[]
    >();
    // JSON and XML examples carry the same outBizCode: one message, delivered twice.
    expect(received).toEqual([
      expect.objectContaining({ deliveries: 2, deliveryOrder: fixture<{ deliveryOrder: unknown }>('callback.request.json').deliveryOrder }),
    ]);
  });

  it('answers a refused callback in the shape of the documented 400 example', async () => {
    const res = await sb.inject({
      method: 'POST',
      url: '/pilot/callback/nobody',
      headers: { 'x-ca-key': 'demo-ca-key' },
      payload: fixture('callback.request.json') as object,
    });
    expect(res.statusCode).toBe(400);
    expectSameShape(res.json(), fixture('callback.response-400.json'));
  });

  it.each(['query-carrier', 'query-freight-forward', 'freight-forward', 'freight-forward-product-put'])(
    'renders an injected 500 in the shape of the %s 500 example',
    (name) => {
      const rendered = sb.app.get(ProviderErrorRegistry).get('pilot')?.render('500', 'Failed');
      expect(rendered?.status).toBe(500);
      expectSameShape(rendered?.body, fixture(`${name}.response-500.json`));
    },
  );
});
