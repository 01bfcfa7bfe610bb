import { OrderRepository, TransactionRunner } from '@serai/persistence';
import { buildOrder } from '../support/order-builder';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface OrderPage {
  data: {
    id: string;
    status: string;
    totalPaid: { amount: string; currency: string };
    source: { connection: string; externalOrderNumber: string };
  }[];
  page: { limit: number; nextCursor: string | null };
}

async function seedOrders(hub: HubUnderTest, count: number): Promise<void> {
  const orders = hub.app.get(OrderRepository);
  const tx = hub.app.get(TransactionRunner);
  for (let i = 0; i < count; i += 1) {
    const order = buildOrder({ source: { connectionName: 'nengmao-demo', externalOrderNumber: `NM-${1000 + i}` } });
    if (i % 3 === 0) order.acknowledge();
    await tx.run((m) => orders.insert(m, order));
  }
}

describe('the hub over HTTP', () => {
  let hub: HubUnderTest;
  let readKey: string;

  beforeAll(async () => {
    hub = await startHubUnderTest();
    readKey = await hub.keyWith(['read']);
  });
  afterAll(() => hub.close());

  it('reports healthy when its database answers', async () => {
    const res = await hub.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves Swagger UI at /docs and the OpenAPI document at /docs-json', async () => {
    const ui = await hub.inject({ url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    const doc = (await hub.inject({ url: '/docs-json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/api/v1/orders']));
  });

  it('lists no orders in an empty store, with the pagination envelope', async () => {
    const res = await hub.inject({ key: readKey, url: '/api/v1/orders' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: [], page: { limit: 50, nextCursor: null } });
  });

  describe('with orders stored', () => {
    beforeAll(() => seedOrders(hub, 7));

    it('walks every order exactly once through the cursor, newest first', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await hub.inject({ key: readKey, url: `/api/v1/orders?limit=3${cursor ? `&cursor=${cursor}` : ''}` });
        expect(res.statusCode).toBe(200);
        const page = res.json<OrderPage>();
        seen.push(...page.data.map((o) => o.source.externalOrderNumber));
        cursor = page.page.nextCursor;
        pages += 1;
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(7);
      expect(seen).toHaveLength(7);
    });

    it('filters by status and returns money as decimal strings', async () => {
      const page = (await hub.inject({ key: readKey, url: '/api/v1/orders?status=acknowledged' })).json<OrderPage>();
      expect(page.data.map((o) => o.status)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
      expect(page.data[0]?.totalPaid).toEqual({ amount: '3810.00', currency: 'CNY' });
    });

    it('filters by source connection and external order number', async () => {
      const page = (
        await hub.inject({ key: readKey, url: '/api/v1/orders?connection=nengmao-demo&externalOrderNumber=NM-1004' })
      ).json<OrderPage>();
      expect(page.data.map((o) => o.source.externalOrderNumber)).toEqual(['NM-1004']);
    });
  });

  it('answers bad input with problem+json naming each field, and changes nothing', async () => {
    const before = await hub.db.count('sales_order');
    const res = await hub.inject({ key: readKey, url: '/api/v1/orders?limit=0&status=lost&createdFrom=2026-11-11T00:00:00' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ type: string; status: number; errors: { field: string; reason: string }[]; correlationId: string }>();
    expect(problem.type).toBe('https://serai.dev/problems/validation');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['createdFrom', 'limit', 'status']);
    expect(problem.errors.find((e) => e.field === 'createdFrom')?.reason).toMatch(/zone/);
    expect(problem.correlationId).toBe(res.headers['x-request-id']);
    expect(await hub.db.count('sales_order')).toBe(before);
  });

  it('refuses a cursor it did not issue and an unknown parameter', async () => {
    const forged = await hub.inject({ key: readKey, url: '/api/v1/orders?cursor=bm90LWEtY3Vyc29y' });
    expect(forged.statusCode).toBe(400);
    expect(forged.json<{ errors: unknown[] }>().errors).toEqual([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
    const unknown = await hub.inject({ key: readKey, url: '/api/v1/orders?sort=asc' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('sort');
  });

  it('answers an unknown route with a problem+json 404 and keeps the caller’s request id', async () => {
    const res = await hub.inject({ key: readKey, url: '/api/v1/nothing-here', headers: { 'x-request-id': 'ops-trace-42' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, correlationId: 'ops-trace-42' });
    expect(res.headers['x-request-id']).toBe('ops-trace-42');
  });

  it('logs requests as JSON without the secrets in their URLs', async () => {
    await hub.inject({ url: '/health?appSecret=demo-app-secret' });
    const logged = JSON.stringify(hub.logLines());
    expect(logged).toContain('/health?appSecret=[REDACTED]');
    expect(logged).not.toContain('demo-app-secret');
  });
});
