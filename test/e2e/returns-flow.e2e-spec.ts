import { EngineRunner } from '@serai/engine';
import { ConnectionRepository } from '@serai/persistence';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface ReturnView {
  id: string;
  returnNumber: string;
  status: string;
  orderId: string | null;
  source: { connection: string; externalOrderNumber: string | null };
  acknowledgement: { acknowledged: boolean; at: string | null };
  lines: { sku: string; quantity: number; refund: { amount: string; currency: string } }[];
  refundTotal: { amount: string; currency: string };
}
interface SandboxReturn {
  returnSn: string;
  returnType: string;
  confirmationCount: number;
}

/**
 * Returns, end to end (flow 7): a return planted in the marketplace is pulled by the returns
 * stream, stored canonically and linked to its order, acknowledged to the marketplace only after
 * the commit and exactly once however often the poller runs; a return for an order the hub does
 * not know is kept, not dropped; one whose acknowledgement failed is acknowledged on the next run.
 */
describe('returns: a marketplace return is pulled and acknowledged (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  const syncReturns = () => hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-demo/marketplace-returns', key: hub.adminKey });
  const sandboxReturn = async (returnSn: string): Promise<SandboxReturn> =>
    (await sandbox.inject({ url: `/_sandbox/nengmao/returns/${returnSn}` })).json<SandboxReturn>();
  const plantReturn = async (orderSn: string): Promise<string> => {
    const res = await sandbox.inject({ method: 'POST', url: `/_sandbox/nengmao/orders/${orderSn}/returns`, payload: {} });
    expect(res.statusCode).toBe(201);
    return res.json<{ returnSn: string }>().returnSn;
  };
  const listReturns = async (query: string): Promise<ReturnView[]> => {
    const res = await hub.inject({ url: `/api/v1/returns${query}`, key: hub.adminKey });
    expect(res.statusCode).toBe(200);
    return res.json<{ data: ReturnView[] }>().data;
  };

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ initialOrders: 3 });
    const url = await sandbox.listen();
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    const created = await hub.inject({
      method: 'POST',
      url: '/api/v1/connections',
      key: hub.adminKey,
      payload: {
        name: 'nengmao-demo',
        provider: 'nengmao-brand',
        baseUrl: `${url}/nengmao`,
        credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
        options: {},
      },
    });
    expect(created.statusCode).toBe(201);
    const intake = await hub.inject({ method: 'POST', url: '/api/v1/sync/nengmao-demo/marketplace-new-orders', key: hub.adminKey });
    expect(intake.statusCode).toBe(200);
  });
  afterAll(async () => {
    await hub.close();
    await sandbox.close();
  });

  it('stores a return linked to its order, acknowledges it after the commit, and exactly once when the poller runs twice', async () => {
    const orders = (await hub.inject({ url: '/api/v1/orders', key: hub.adminKey })).json<{
      data: { id: string; source: { externalOrderNumber: string } }[];
    }>().data;
    const order = orders[0];
    if (!order) throw new Error('no order was pulled');
    const returnSn = await plantReturn(order.source.externalOrderNumber);
    expect(await sandboxReturn(returnSn)).toEqual(expect.objectContaining({ returnType: 'Y', confirmationCount: 0 }));

    const first = await syncReturns();
    expect(first.statusCode).toBe(200);
    expect(first.json<{ result: Record<string, number> }>().result).toEqual({
      read: 1,
      stored: 1,
      duplicates: 0,
      orderUnknown: 0,
      refused: 0,
      acknowledged: 1,
      acknowledgeFailures: 0,
    });
    const second = await syncReturns();
    expect(second.json<{ result: Record<string, number> }>().result).toEqual(
      expect.objectContaining({ read: 0, stored: 0, acknowledged: 0 }),
    );
    expect(await sandboxReturn(returnSn)).toEqual(expect.objectContaining({ returnType: 'N', confirmationCount: 1 }));

    const [stored] = await listReturns(`?returnNumber=${returnSn}`);
    expect(stored).toEqual(
      expect.objectContaining({
        returnNumber: returnSn,
        status: 'approved',
        orderId: order.id,
        source: { connection: 'nengmao-demo', externalOrderNumber: order.source.externalOrderNumber },
        acknowledgement: { acknowledged: true, at: expect.any(String) as string },
      }),
    );
    expect(stored?.lines.length).toBeGreaterThan(0);
    const detail = await hub.inject({ url: `/api/v1/returns/${stored?.id ?? ''}`, key: hub.adminKey });
    expect(detail.statusCode).toBe(200);
    expect(detail.json<ReturnView>().refundTotal.currency).toBe('CNY');
    expect(await hub.db.count('return_request')).toBe(1);
    // ReturnReceived went to the outbox with the return.
    const events = (await hub.db.dataSource.query(`SELECT event_type FROM outbox_event WHERE aggregate_type = 'Return'`)) as unknown[];
    expect(events).toEqual([{ event_type: 'ReturnReceived' }]);
  });

  it('keeps a return whose order the hub does not know, with the marketplace’s order number', async () => {
    // An order the hub never pulled (it is planted already retrieved-looking only in the sandbox).
    const planted = await sandbox.inject({ method: 'POST', url: '/_sandbox/nengmao/orders', payload: {} });
    const orderSn = planted.json<{ orderSn: string }>().orderSn;
    const returnSn = await plantReturn(orderSn);
    const run = await syncReturns();
    expect(run.json<{ result: Record<string, number> }>().result).toEqual(
      expect.objectContaining({ read: 1, stored: 1, orderUnknown: 1, acknowledged: 1 }),
    );
    const unknown = await listReturns('?orderUnknown=true');
    expect(unknown.map((r) => [r.returnNumber, r.orderId, r.source.externalOrderNumber, r.acknowledgement.acknowledged])).toEqual([
      [returnSn, null, orderSn, true],
    ]);
  });

  it('a return whose acknowledgement failed stays stored, and is acknowledged once on the next run', async () => {
    const orders = (await hub.inject({ url: '/api/v1/orders', key: hub.adminKey })).json<{
      data: { source: { externalOrderNumber: string } }[];
    }>().data;
    const returnSn = await plantReturn(orders[1]?.source.externalOrderNumber ?? '');
    await sandbox.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: {
        rules: [
          { id: 'no-ack', provider: 'nengmao', path: '/nengmao/api/status/confirmation', kind: 'provider-error', rate: 1, codes: ['400'] },
        ],
      },
    });
    const connection = await hub.app.get(ConnectionRepository).findByName(hub.db.dataSource.manager, 'nengmao-demo');
    if (!connection) throw new Error('no connection');
    try {
      await hub.app
        .get(EngineRunner)
        .runStream(connection, 'marketplace-returns')
        .catch(() => undefined);
    } finally {
      await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    }
    // Stored (the commit came first), not acknowledged, still listed as new at the marketplace.
    expect((await listReturns(`?returnNumber=${returnSn}`))[0]?.acknowledgement).toEqual({ acknowledged: false, at: null });
    expect((await listReturns('?acknowledged=false')).map((r) => r.returnNumber)).toEqual([returnSn]);
    expect(await sandboxReturn(returnSn)).toEqual(expect.objectContaining({ returnType: 'Y', confirmationCount: 0 }));

    const retry = await syncReturns();
    expect(retry.json<{ result: Record<string, number> }>().result).toEqual(
      expect.objectContaining({ read: 1, stored: 0, duplicates: 1, acknowledged: 1 }),
    );
    expect(await sandboxReturn(returnSn)).toEqual(expect.objectContaining({ returnType: 'N', confirmationCount: 1 }));
    expect(await hub.db.count('return_request')).toBe(3);
  });

  it('exports the returns as CSV and JSON lines, as the list shows them', async () => {
    const listed = (await hub.inject({ url: '/api/v1/returns?limit=200', key: hub.adminKey })).json<{
      data: { id: string; returnNumber: string }[];
    }>().data;
    expect(listed.length).toBeGreaterThan(0);
    const csv = await hub.inject({ url: '/api/v1/returns', key: hub.adminKey, headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe(
      'id,returnNumber,status,connection,externalOrderNumber,orderId,refundTotal,currency,reason,acknowledged,acknowledgedAt,lines,createdAt',
    );
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(listed.map((r) => r.id));
    const lines = await hub.inject({ url: '/api/v1/returns', key: hub.adminKey, headers: { accept: 'application/x-ndjson' } });
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { returnNumber: string }).returnNumber),
    ).toEqual(listed.map((r) => r.returnNumber));
    const bad = await hub.inject({ url: '/api/v1/returns?cursor=a', key: hub.adminKey, headers: { accept: 'text/csv' } });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 for an unknown return, 400 naming a malformed id or a bad filter, and needs a key with the read scope', async () => {
    expect((await hub.inject({ url: '/api/v1/returns/7d1e3f5a-0000-4b2c-8d9e-000000000001', key: hub.adminKey })).statusCode).toBe(404);
    const malformed = await hub.inject({ url: '/api/v1/returns/not-a-uuid', key: hub.adminKey });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('id');
    const bad = await hub.inject({ url: '/api/v1/returns?status=lost', key: hub.adminKey });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string; reason: string }[] }>().errors[0]).toEqual(
      expect.objectContaining({ field: 'status', reason: expect.stringContaining('must be one of') as string }),
    );
    const badFlag = await hub.inject({ url: '/api/v1/returns?acknowledged=maybe', key: hub.adminKey });
    expect(badFlag.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('acknowledged');
    expect((await hub.inject({ url: '/api/v1/returns?cursor=zzz', key: hub.adminKey })).statusCode).toBe(400);
    expect((await hub.inject({ url: '/api/v1/returns' })).statusCode).toBe(401);
    const noScope = await hub.keyWith(['pii']);
    expect((await hub.inject({ url: '/api/v1/returns', key: noScope })).statusCode).toBe(403);
  });

  it('pages through returns with a cursor, newest first', async () => {
    const first = await hub.inject({ url: '/api/v1/returns?limit=2', key: hub.adminKey });
    const page = first.json<{ data: ReturnView[]; page: { nextCursor: string | null } }>();
    expect(page.data).toHaveLength(2);
    expect(page.page.nextCursor).not.toBeNull();
    const rest = await hub.inject({ url: `/api/v1/returns?limit=2&cursor=${page.page.nextCursor ?? ''}`, key: hub.adminKey });
    const next = rest.json<{ data: ReturnView[]; page: { nextCursor: string | null } }>();
    expect(next.data).toHaveLength(1);
    expect(next.page.nextCursor).toBeNull();
    expect(new Set([...page.data, ...next.data].map((r) => r.id)).size).toBe(3);
  });
});
