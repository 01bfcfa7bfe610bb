import { SandboxClock } from '../core/sandbox-clock';
import { SandboxEventMap, SandboxEvents } from '../core/sandbox-events';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import { ENVOY_ORDER_ALREADY_EXISTS } from './envoy-api.error';
import { envoyOrderBody } from './testing/envoy-order-body.builder';
import type { EnvoyApiResponse } from './envoy.wire';

const STORE = 'samarkand.youzan.test';
const KEY = { 'x-ca-key': 'demo-ca-key' };

describe('Envoy simulator: orders', () => {
  let sb: SandboxUnderTest;
  let clock: SandboxClock;

  beforeAll(async () => {
    sb = await startSandboxUnderTest({ envoyStores: [STORE, 'samarkand.pdd.test'] });
    clock = sb.app.get(SandboxClock);
  });
  afterAll(() => sb.close());

  const list = (query: Record<string, string>, store = STORE) => sb.inject({ url: `/envoy/order/${store}`, headers: KEY, query });
  const create = (body: unknown, store = STORE) =>
    sb.inject({ method: 'POST', url: `/envoy/order/${store}`, headers: KEY, payload: body as object });

  describe('authentication', () => {
    it('answers 401 in the Envoy envelope when x-ca-key is missing', async () => {
      const res = await sb.inject({ url: `/envoy/order/${STORE}` });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 401, connectorResponses: [], data: { orders: [] } });
    });

    it('answers 403 in the Envoy envelope when x-ca-key is not a known key', async () => {
      const res = await sb.inject({ url: `/envoy/order/${STORE}`, headers: { 'x-ca-key': 'stolen' } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 403, message: expect.stringContaining('x-ca-key') });
    });

    it('accepts the TEST stage in x-ca-stage next to the key', async () => {
      const res = await sb.inject({ url: `/envoy/order/${STORE}`, headers: { ...KEY, 'x-ca-stage': 'TEST' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ code: 200, message: 'Success' });
    });

    it('answers 403 for a stage the gateway does not know', async () => {
      const res = await sb.inject({ url: `/envoy/order/${STORE}`, headers: { ...KEY, 'x-ca-stage': 'NIGHTLY' } });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('documented 400 "Invalid input"', () => {
    it.each([
      ['an unknown store', `/envoy/order/samarkand.nowhere.test`, {}],
      ['a page size outside 1, 10, 50, 100', `/envoy/order/${STORE}`, { page_size: '20' }],
      ['page size 1000, which Pilot allows but Envoy does not', `/envoy/order/${STORE}`, { page_size: '1000' }],
      ['page number 0', `/envoy/order/${STORE}`, { page_no: '0' }],
      ['page number 1001', `/envoy/order/${STORE}`, { page_no: '1001' }],
      ['a page number that is not a number', `/envoy/order/${STORE}`, { pageNo: 'two' }],
      ['an unknown status', `/envoy/order/${STORE}`, { status: 'SHIPPED' }],
      ['an unknown type', `/envoy/order/${STORE}`, { type: 'DISTRIBUTOR' }],
      ['a created range that is not an ISO 8601 interval', `/envoy/order/${STORE}`, { created_range: '2024-01-01' }],
      [
        'an updated range that ends before it starts',
        `/envoy/order/${STORE}`,
        { updated_range: '2024-01-02T00:00:00Z/2024-01-01T00:00:00Z' },
      ],
    ])('refuses to list orders with %s', async (_what, url, query) => {
      const res = await sb.inject({ url, headers: KEY, query });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 400,
        message: expect.stringMatching(/^Invalid input: /),
        data: { orders: [], order: null },
      });
    });

    it.each([
      ['no clientOrderRef', envoyOrderBody('')],
      ['no items', envoyOrderBody('R-NOITEM', { items: [] })],
      ['a quantity of zero', envoyOrderBody('R-ZERO', {}, 'SKU-000001', 0)],
      ['a payAmount sent as a string where the document has a number', envoyOrderBody('R-STR', { payAmount: '11.30' })],
      ['an unknown platformName', envoyOrderBody('R-PLAT', { platformName: 'taobao' })],
      ['an unknown status', envoyOrderBody('R-STATUS', { status: 'PAID' })],
      ['an array instead of one order', [envoyOrderBody('R-ARRAY')]],
    ])('refuses to create an order with %s', async (_what, body) => {
      const res = await create(body);
      expect(res.statusCode).toBe(400);
      expect(res.json<EnvoyApiResponse>().message).toMatch(/^Invalid input: /);
    });

    it('refuses to create an order in an unknown store', async () => {
      const res = await create(envoyOrderBody('R-STORE'), 'samarkand.nowhere.test');
      expect(res.statusCode).toBe(400);
      expect(res.json<EnvoyApiResponse>().message).toContain('unknown store');
    });

    it('answers a malformed JSON body with 400 in the Envoy envelope, not Nest default body', async () => {
      const res = await sb.inject({
        method: 'POST',
        url: `/envoy/order/${STORE}`,
        headers: { ...KEY, 'content-type': 'application/json' },
        payload: '{"clientOrderRef": ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 400, message: expect.stringMatching(/^Invalid input: /), connectorResponses: [] });
      expect(res.json()).not.toHaveProperty('statusCode');
    });
  });

  it('renders the injectable 500 "Couldn\'t get order." in the Envoy envelope for the fault injector', () => {
    const shape = sb.app.get(ProviderErrorRegistry).get('envoy');
    expect(shape?.injectableCodes).toEqual(['500', '503']);
    const rendered = shape?.render('500', 'boom');
    expect(rendered?.status).toBe(500);
    expect(rendered?.body).toMatchObject({ code: 500, message: 'boom', data: { orders: [] } });
  });

  describe('create', () => {
    it('creates an order with an 18-digit orderId, server times and WAIT_SELLER_SEND_GOODS', async () => {
      const res = await create(envoyOrderBody('C-1001'));
      expect(res.statusCode).toBe(200);
      const { code, data } = res.json<EnvoyApiResponse>();
      expect(code).toBe(200);
      expect(data.orderId).toMatch(/^\d{18}$/);
      expect(data.order).toMatchObject({ clientOrderRef: 'C-1001', status: 'WAIT_SELLER_SEND_GOODS', currency: 'RMB', customsCode: 'SH' });
      // The sandbox clock follows the wall clock: the order is stamped with "now", give or take the call.
      expect(Math.abs(Date.parse(data.order?.createdAt ?? '') - clock.nowMs())).toBeLessThan(1000);
    });

    it('tells the warehouse about a paid order with catalogue SKUs and the consignee', async () => {
      const seen: SandboxEventMap['envoy.order.created'][] = [];
      const stop = sb.app.get(SandboxEvents).on('envoy.order.created', (e) => seen.push(e));
      await create(envoyOrderBody('C-EVENT', {}, 'ENV-000003', 2));
      await create(envoyOrderBody('C-UNPAID', { status: 'WAIT_BUYER_PAY' }));
      stop();
      expect(seen).toEqual([
        expect.objectContaining({
          store: STORE,
          clientOrderRef: 'C-EVENT',
          lines: [{ sku: 'SKU-000003', quantity: 2 }],
          consignee: { name: '王伟', mobile: '13800138000', province: '上海市', city: '上海市', address: '浦东新区 世纪大道100号' },
        }),
      ]);
    });

    it('refuses a second create of the same clientOrderRef, carrying the existing orderId, and counts it', async () => {
      const first = (await create(envoyOrderBody('C-DUP'))).json<EnvoyApiResponse>();
      const second = await create(envoyOrderBody('C-DUP', { payAmount: 99 }));
      expect(second.statusCode).toBe(400);
      expect(second.json()).toMatchObject({
        code: 400,
        data: { returnValue: ENVOY_ORDER_ALREADY_EXISTS, orderId: first.data.orderId, order: { payAmount: 11.3 } },
      });
      const listed = (await list({ client_order_ref: 'C-DUP' })).json<EnvoyApiResponse>();
      expect(listed.data.orders).toHaveLength(1);
      const inspected = (await sb.inject({ url: `/_sandbox/envoy/stores/${STORE}/orders/C-DUP` })).json();
      expect(inspected).toMatchObject({ createCalls: 2, duplicatesRefused: 1, orderId: first.data.orderId });
    });

    it('keeps the same clientOrderRef apart in two stores', async () => {
      expect((await create(envoyOrderBody('C-TWO'))).statusCode).toBe(200);
      expect((await create(envoyOrderBody('C-TWO'), 'samarkand.pdd.test')).statusCode).toBe(200);
    });
  });

  describe('list', () => {
    const store = 'samarkand.pdd.test';
    let firstCreated: string;

    beforeAll(async () => {
      firstCreated = clock.now().toISOString();
      for (let i = 1; i <= 23; i += 1) {
        const overrides = i % 5 === 0 ? { isDistributionOrder: true, orderType: 'DISTRIBUTOR' } : {};
        const res = await create(
          envoyOrderBody(`L-${String(i).padStart(3, '0')}`, i % 4 === 0 ? { ...overrides, status: 'WAIT_BUYER_PAY' } : overrides),
          store,
        );
        expect(res.statusCode).toBe(200);
        clock.advance(60_000);
      }
    });

    const refs = (res: { json<T>(): T }) => res.json<EnvoyApiResponse>().data.orders.map((o) => o.clientOrderRef);

    it('pages with page_no and page_size to the last, short page', async () => {
      const all: string[] = [];
      for (let page = 1; page <= 10; page += 1) {
        const got = refs(await list({ page_no: String(page), page_size: '10' }, store));
        all.push(...got);
        if (got.length < 10) break;
      }
      expect(all.filter((r) => r.startsWith('L-'))).toHaveLength(23);
      expect(new Set(all).size).toBe(all.length);
      expect(refs(await list({ page_no: '3', page_size: '10' }, store))).toHaveLength(4); // C-TWO + 23
      expect(refs(await list({ page_no: '4', page_size: '10' }, store))).toEqual([]);
    });

    it('accepts the camelCase spelling of the parameters', async () => {
      expect(refs(await list({ pageNo: '2', pageSize: '1' }, store))).toEqual(refs(await list({ page_no: '2', page_size: '1' }, store)));
    });

    it('filters by status', async () => {
      const got = refs(await list({ status: 'WAIT_BUYER_PAY', page_size: '100' }, store));
      expect(got).toEqual(['L-004', 'L-008', 'L-012', 'L-016', 'L-020']);
    });

    it('filters by type, DISTRIBUTION meaning distribution orders', async () => {
      expect(refs(await list({ type: 'DISTRIBUTION', page_size: '100' }, store))).toEqual(['L-005', 'L-010', 'L-015', 'L-020']);
      expect(refs(await list({ type: 'NORMAL', page_size: '100' }, store))).toHaveLength(24 - 4);
    });

    it('filters by order id and by client order ref', async () => {
      const target = (await list({ client_order_ref: 'L-007' }, store)).json<EnvoyApiResponse>().data.orders[0];
      expect(target?.clientOrderRef).toBe('L-007');
      expect(refs(await list({ order_id: target?.orderId ?? '' }, store))).toEqual(['L-007']);
    });

    it('filters by creation range, both ends included', async () => {
      const createdAt = async (ref: string) =>
        (await list({ client_order_ref: ref }, store)).json<EnvoyApiResponse>().data.orders[0]?.createdAt;
      const start = await createdAt('L-003');
      const end = await createdAt('L-005');
      expect(Date.parse(start ?? '')).toBeGreaterThanOrEqual(Date.parse(firstCreated));
      expect(refs(await list({ created_range: `${start}/${end}`, page_size: '100' }, store))).toEqual(['L-003', 'L-004', 'L-005']);
    });

    it('filters by update range after a status change', async () => {
      const later = clock.advance(3_600_000);
      await sb.inject({ method: 'POST', url: `/_sandbox/envoy/stores/${store}/orders/L-002/status`, payload: { status: 'TRADE_CLOSED' } });
      const range = `${later.toISOString()}/${new Date(later.getTime() + 1000).toISOString()}`;
      const got = (await list({ updated_range: range }, store)).json<EnvoyApiResponse>().data.orders;
      expect(got.map((o) => [o.clientOrderRef, o.status])).toEqual([['L-002', 'TRADE_CLOSED']]);
    });
  });
});
