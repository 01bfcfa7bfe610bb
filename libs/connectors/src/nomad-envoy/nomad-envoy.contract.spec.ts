import { createParty, Instant, Money, OrderSnapshot } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
import { SandboxUnderTest, startSandboxUnderTest } from '../../../../apps/sandbox/src/testing/sandbox-under-test';
import { collectCalls, testHttpService } from '../kernel/testing/replay-server';
import { NomadEnvoyConnector } from './nomad-envoy.capabilities';
import { NomadEnvoyConnectorFactory } from './nomad-envoy.factory';

function order(ref: string): OrderSnapshot {
  const at = Instant.now();
  return {
    id: '7f1c8a52-41a4-4c55-9a3a-2b6c61d1e001',
    source: { connectionName: 'envoy-contract', externalOrderNumber: ref },
    lines: [
      {
        lineId: '1',
        sku: { sku: 'SKU-A', barcodes: ['6901234567892'] },
        title: '保湿面霜',
        quantity: 2,
        unitPrice: Money.of('129.90', 'CNY'),
        tax: Money.of('23.38', 'CNY'),
      },
    ],
    amounts: {
      items: Money.of('259.80', 'CNY'),
      tax: Money.of('23.38', 'CNY'),
      shipping: Money.of('10.00', 'CNY'),
      totalPaid: Money.of('293.18', 'CNY'),
    },
    consignee: createParty({
      name: '张三',
      mobile: '13800138000',
      address: { province: '上海市', city: '上海市', street: '世纪大道100号' },
    }),
    payment: { method: 'alipay', paymentNumber: `P-${ref}`, paidAt: at },
    createdAt: at,
    status: 'forwarded',
    statusChangedAt: at,
    shipmentIds: [],
  };
}

describe('Nomad Envoy connector against the sandbox (contract)', () => {
  let sandbox: SandboxUnderTest;
  let baseUrl: string;
  const trace = collectCalls();

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest();
    baseUrl = `${await sandbox.listen()}/envoy`;
  });
  afterAll(() => sandbox.close());

  function connector(
    credentials: Record<string, string> = { caKey: 'demo-ca-key' },
    options: Record<string, unknown> = {},
  ): NomadEnvoyConnector {
    const connection: ConnectionConfig = {
      name: 'envoy-contract',
      provider: 'nomad-envoy',
      baseUrl,
      credentials,
      options: {
        store: 'samarkand.youzan.test',
        stage: 'TEST',
        timeoutMs: 2_000,
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
        ...options,
      },
    };
    return new NomadEnvoyConnectorFactory(testHttpService()).create(connection, trace);
  }

  it('creates an order, and a second create of the same clientOrderRef answers the same orderId', async () => {
    const first = await connector().orderSink.createOrder(order('CT-0001'), 'k1');
    expect(first.alreadyExisted).toBe(false);
    expect(first.externalId).not.toBe('');
    await expect(connector().orderSink.createOrder(order('CT-0001'), 'k1')).resolves.toEqual({
      externalId: first.externalId,
      alreadyExisted: true,
    });
  });

  it('reads the created order back with its amounts to the cent', async () => {
    const [found] = await connector().client.listOrdersPage({ clientOrderRef: 'CT-0001' }, 1, 10);
    expect(found).toMatchObject({ clientOrderRef: 'CT-0001', payAmount: '293.18', status: 'WAIT_SELLER_SEND_GOODS' });
    expect(found?.items[0]).toMatchObject({ quantity: 2, price: '129.9', tax: '23.38' });
  });

  it('pulls orders changed in a window over several pages', async () => {
    const c = connector({ caKey: 'demo-ca-key' }, { pageSize: 10 });
    for (let n = 2; n <= 24; n += 1) await c.orderSink.createOrder(order(`CT-${String(n).padStart(4, '0')}`), `k${n}`);
    const window = { from: Instant.now().plusMillis(-3_600_000), to: Instant.now().plusMillis(3_600_000) };
    const pages: string[][] = [];
    for await (const page of c.orderSource.pullChangedOrders(window)) pages.push(page.map((o) => o.order.source.externalOrderNumber));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 4]);
    expect(new Set(pages.flat()).size).toBe(24);
    const [firstPage] = pages;
    expect(firstPage?.[0]).toBe('CT-0001');
  });

  it('filters by status and type', async () => {
    const paid = await connector().client.listOrdersPage({ status: 'WAIT_SELLER_SEND_GOODS', type: 'NORMAL' }, 1, 100);
    expect(paid.length).toBe(24);
    await expect(connector().client.listOrdersPage({ type: 'DISTRIBUTION' }, 1, 100)).resolves.toEqual([]);
  });

  it('finds an order by its orderId, and all 24 orders by created and updated ranges around now but none in 2020', async () => {
    const [known] = await connector().client.listOrdersPage({ clientOrderRef: 'CT-0001' }, 1, 1);
    const byId = await connector().client.listOrdersPage({ orderId: known!.orderId }, 1, 10);
    expect(byId.map((o) => [o.orderId, o.clientOrderRef])).toEqual([[known!.orderId, 'CT-0001']]);
    const around = { from: Instant.now().plusMillis(-3_600_000), to: Instant.now().plusMillis(3_600_000) };
    const past = { from: Instant.parse('2020-01-01T00:00:00Z'), to: Instant.parse('2020-01-02T00:00:00Z') };
    expect((await connector().client.listOrdersPage({ created: around }, 1, 100)).length).toBe(24);
    expect((await connector().client.listOrdersPage({ updated: around }, 1, 100)).length).toBe(24);
    await expect(connector().client.listOrdersPage({ created: past }, 1, 100)).resolves.toEqual([]);
    await expect(connector().client.listOrdersPage({ updated: past }, 1, 100)).resolves.toEqual([]);
  });

  it('is refused, without retries, with a key the gateway does not know', async () => {
    const before = trace.calls.length;
    await expect(connector({ caKey: 'wrong-key' }).client.listOrdersPage({}, 1)).rejects.toMatchObject({
      httpStatus: 403,
      retryable: false,
    });
    expect(trace.calls.length - before).toBe(1);
  });

  it('is refused as invalid input for an unknown store', async () => {
    await expect(connector({ caKey: 'demo-ca-key' }, { store: 'no.such.store' }).client.listOrdersPage({}, 1)).rejects.toMatchObject({
      httpStatus: 400,
      code: 'INVALID_INPUT',
      retryable: false,
    });
  });

  it('retries injected server errors and reports them retryable', async () => {
    await sandbox.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: { rules: [{ id: 'envoy-500', provider: 'envoy', kind: 'server-error', rate: 1, status: 500 }] },
    });
    try {
      const before = trace.calls.length;
      await expect(connector().client.listOrdersPage({}, 1)).rejects.toMatchObject({ httpStatus: 500, retryable: true });
      expect(trace.calls.length - before).toBe(2);
    } finally {
      await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    }
  });

  it('reports a malformed answer as invalid_response', async () => {
    await sandbox.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: { rules: [{ id: 'envoy-bad', provider: 'envoy', kind: 'malformed', rate: 1, mode: 'non-json' }] },
    });
    try {
      await expect(connector().client.listOrdersPage({}, 1)).rejects.toMatchObject({ kind: 'invalid_response' });
    } finally {
      await sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    }
  });

  it('passes the connection test', async () => {
    await expect(connector().testConnection()).resolves.toMatchObject({ ok: true });
  });

  it('has called both client operations (list with every filter, create) against the sandbox', () => {
    expect([...new Set(trace.calls.map((call) => call.operation))].sort()).toEqual(['create-order', 'list-orders']);
    const queries = trace.calls.filter((call) => call.operation === 'list-orders').map((call) => new URL(call.url).searchParams);
    const filters = ['order_id', 'client_order_ref', 'status', 'type', 'created_range', 'updated_range'];
    expect(filters.filter((name) => !queries.some((query) => query.has(name)))).toEqual([]);
  });
});
