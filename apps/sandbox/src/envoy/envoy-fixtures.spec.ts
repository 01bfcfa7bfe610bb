import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import createOrderBody from './fixtures/create-order.request.json';
import listCurl from './fixtures/list-orders.curl.json';
import listResponse200 from './fixtures/list-orders.response-200.json';
import listResponse500 from './fixtures/list-orders.response-500.json';
import { expectSameShape } from './testing/expect-same-shape';
import type { EnvoyApiResponse } from './envoy.wire';

/** Replays the Envoy document's examples (fixtures/README.md) and compares answers with the documented shapes. */
describe('Envoy simulator: the document examples', () => {
  let sb: SandboxUnderTest;

  beforeAll(async () => {
    sb = await startSandboxUnderTest();
  });
  afterAll(() => sb.close());

  it('answers the list curl example with the shape of the documented 200 example, order by order', async () => {
    const created = await sb.inject({
      method: 'POST',
      url: listCurl.url,
      headers: { 'x-ca-key': 'demo-ca-key' },
      payload: createOrderBody,
    });
    expect(created.statusCode).toBe(200);
    expectSameShape(created.json(), listResponse200);

    const res = await sb.inject({
      method: 'GET',
      url: listCurl.url,
      headers: { 'x-ca-key': listCurl.headers['x-ca-key'].replace('$API_KEY', 'demo-ca-key') },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<EnvoyApiResponse>();
    expect(body.data.orders).toHaveLength(1);
    expectSameShape(body, listResponse200);
  });

  it('keeps every value of the created example order that the server does not assign', async () => {
    const res = await sb.inject({
      url: listCurl.url,
      headers: { 'x-ca-key': 'demo-ca-key' },
      query: { client_order_ref: createOrderBody.clientOrderRef },
    });
    const order = res.json<EnvoyApiResponse>().data.orders[0];
    const { orderId: _id, createdAt: _c, updatedAt: _u, ...given } = createOrderBody;
    expect(order).toMatchObject(given);
  });

  it('answers an injected 500 in the shape of the second documented example (no order)', () => {
    const rendered = sb.app.get(ProviderErrorRegistry).get('envoy')?.render('500', "Couldn't get order.");
    expect(rendered?.status).toBe(500);
    expectSameShape(rendered?.body, listResponse500, { nullable: ['data.order'] });
  });
});
