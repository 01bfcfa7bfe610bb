import { join } from 'node:path';
import { createParty, Instant, Money, OrderSnapshot } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import { collectCalls, ReplayServer, sendJson, startReplayServer, testHttpService, fixturesIn } from '../kernel/testing/replay-server';
import { NomadEnvoyConnector } from './nomad-envoy.capabilities';
import { NomadEnvoyConnectorFactory } from './nomad-envoy.factory';

const { fixtureJson } = fixturesIn(join(__dirname, 'fixtures'));

const LIST_EXAMPLE = fixtureJson<{ data: { orders: Record<string, unknown>[] } }>('list-orders.response-200.json');
const EXAMPLE_ORDER = LIST_EXAMPLE.data.orders[0]!;

function exampleOrder(n: number): Record<string, unknown> {
  return { ...EXAMPLE_ORDER, orderId: `E${n}`, clientOrderRef: `TM${n}`, status: 'WAIT_SELLER_SEND_GOODS' };
}

function envelope(orders: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 200,
    message: 'Success',
    connectorResponses: [],
    responseTime: 3,
    data: { returnValue: '', orders, order: null, orderId: '', ...extra },
  };
}

const ORDER: OrderSnapshot = {
  id: '7f1c8a52-41a4-4c55-9a3a-2b6c61d1e001',
  source: { connectionName: 'envoy-demo', externalOrderNumber: 'TM20240901001' },
  lines: [{ lineId: '1', sku: { sku: 'SKU-A' }, quantity: 1, unitPrice: Money.of('10.10', 'CNY') }],
  amounts: { items: Money.of('10.10', 'CNY'), totalPaid: Money.of('10.10', 'CNY') },
  consignee: createParty({ name: '张三', mobile: '13800138000' }),
  createdAt: Instant.parse('2024-09-01T02:00:00Z'),
  status: 'forwarded',
  statusChangedAt: Instant.parse('2024-09-01T02:00:00Z'),
  shipmentIds: [],
};

describe('Nomad Envoy client against a local HTTP server', () => {
  let server: ReplayServer;
  const trace = collectCalls();

  beforeAll(async () => {
    server = await startReplayServer('/envoy');
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    trace.calls.length = 0;
  });

  function connector(
    options: Record<string, unknown> = {},
    credentials: Record<string, string> = { caKey: 'demo-ca-key' },
  ): NomadEnvoyConnector {
    const connection: ConnectionConfig = {
      name: 'envoy-demo',
      provider: 'nomad-envoy',
      baseUrl: server.baseUrl,
      credentials,
      options: {
        store: 'samarkand.youzan.test',
        stage: 'TEST',
        timeoutMs: 300,
        retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
        ...options,
      },
    };
    return new NomadEnvoyConnectorFactory(testHttpService()).create(connection, trace, {
      now: () => 1_700_000_000_000,
      nonce: () => 'nonce-1',
    });
  }

  it('replays the document example: one order, authenticated with x-ca-key and x-ca-stage', async () => {
    server.handle((_request, response) => sendJson(response, 200, LIST_EXAMPLE));
    const orders = await connector().client.listOrdersPage({}, 1);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.payAmount).toBe('611.08');
    const request = server.requests[0]!;
    expect(request.url.pathname).toBe('/envoy/order/samarkand.youzan.test');
    expect(request.headers['x-ca-key']).toBe('demo-ca-key');
    expect(request.headers['x-ca-stage']).toBe('TEST');
    expect(request.headers['x-ca-signature']).toBeUndefined();
  });

  it('sends every documented filter under its snake_case name, ranges as ISO-8601 intervals', async () => {
    server.handle((_request, response) => sendJson(response, 200, envelope([])));
    const window = { from: Instant.parse('2024-09-01T00:00:00Z'), to: Instant.parse('2024-09-02T00:00:00+08:00') };
    await connector().client.listOrdersPage(
      { orderId: 'E1', clientOrderRef: 'TM1', status: 'TRADE_SUCCESS', type: 'DISTRIBUTION', created: window, updated: window },
      3,
      50,
    );
    expect(Object.fromEntries(server.requests[0]!.url.searchParams)).toEqual({
      order_id: 'E1',
      client_order_ref: 'TM1',
      status: 'TRADE_SUCCESS',
      type: 'DISTRIBUTION',
      created_range: '2024-09-01T00:00:00.000Z/2024-09-01T16:00:00.000Z',
      updated_range: '2024-09-01T00:00:00.000Z/2024-09-01T16:00:00.000Z',
      page_no: '3',
      page_size: '50',
    });
  });

  it('pages until a short page, since the answer carries no total', async () => {
    const all = Array.from({ length: 23 }, (_, i) => exampleOrder(i + 1));
    server.handle((request, response) => {
      const pageNo = Number(request.url.searchParams.get('page_no'));
      const size = Number(request.url.searchParams.get('page_size'));
      sendJson(response, 200, envelope(all.slice((pageNo - 1) * size, pageNo * size)));
    });
    const window = { from: Instant.parse('2024-09-01T00:00:00Z'), to: Instant.parse('2024-09-02T00:00:00Z') };
    const pages: string[][] = [];
    for await (const page of connector({ pageSize: 10 }).orderSource.pullChangedOrders(window))
      pages.push(page.map((o) => o.order.source.externalOrderNumber));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(all.map((o) => o.clientOrderRef));
    expect(server.requests.map((r) => r.url.searchParams.get('page_no'))).toEqual(['1', '2', '3']);
    expect(server.requests[0]!.url.searchParams.get('updated_range')).toBe('2024-09-01T00:00:00.000Z/2024-09-02T00:00:00.000Z');
  });

  it('stops after an empty page when the last full page ended the list exactly', async () => {
    server.handle((request, response) =>
      sendJson(response, 200, envelope(request.url.searchParams.get('page_no') === '1' ? [exampleOrder(1)] : [])),
    );
    const pages: unknown[] = [];
    for await (const page of connector().client.listOrders({}, 1)) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('creates an order with amounts as JSON numbers and answers the new orderId', async () => {
    server.handle((_request, response) => sendJson(response, 200, envelope([], { orderId: 'E-NEW-1', returnValue: 'E-NEW-1' })));
    const result = await connector().orderSink.createOrder(ORDER, 'idem-1');
    expect(result).toEqual({ externalId: 'E-NEW-1', alreadyExisted: false });
    const request = server.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.body).toContain('"payAmount":10.10');
    expect(JSON.parse(request.body)).toMatchObject({ clientOrderRef: 'TM20240901001', status: 'WAIT_SELLER_SEND_GOODS' });
  });

  it('treats "already exists" for the same clientOrderRef as success with the existing orderId', async () => {
    server.handle((_request, response) =>
      sendJson(response, 400, {
        code: 400,
        message: 'Invalid input: order TM20240901001 already exists as orderId E-OLD-7',
        data: { returnValue: 'ORDER_ALREADY_EXISTS', orderId: 'E-OLD-7', orders: [] },
      }),
    );
    await expect(connector().orderSink.createOrder(ORDER, 'idem-1')).resolves.toEqual({ externalId: 'E-OLD-7', alreadyExisted: true });
  });

  it('signs every attempt with the API-gateway signature when asked to', async () => {
    server.handle((_request, response) => sendJson(response, 200, envelope([])));
    await connector({ signing: 'gateway' }, { appKey: 'demo-ca-key', appSecret: 'demo-app-secret' }).client.listOrdersPage({}, 1, 100);
    const headers = server.requests[0]!.headers;
    expect(headers['x-ca-signature']).toBe('wvDvg+jHo4qxu716Uub8UwsekMVtMHmzpjOCsKMpiNU=');
    expect(headers['x-ca-signature-headers']).toBe('x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-timestamp');
    expect(JSON.stringify(trace.calls)).not.toContain('demo-app-secret');
  });

  describe('failures', () => {
    it.each([401, 403])('does not retry HTTP %i: the key is wrong and will stay wrong', async (status) => {
      server.handle((_request, response) =>
        sendJson(response, status, { code: status, message: 'Forbidden: the x-ca-key is not valid', data: {} }),
      );
      const error: unknown = await connector()
        .client.listOrdersPage({}, 1)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ retryable: false, httpStatus: status, code: status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN' });
      expect(server.requests).toHaveLength(1);
    });

    it('does not retry a 400 "Invalid input" and says what was refused', async () => {
      server.handle((_request, response) =>
        sendJson(response, 400, { code: 400, message: 'Invalid input: page_size must be one of 1, 10, 50, 100', data: {} }),
      );
      await expect(connector().client.listOrdersPage({}, 1)).rejects.toMatchObject({
        retryable: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining('page_size'),
      });
      expect(server.requests).toHaveLength(1);
    });

    it('retries a 5xx, then reports it as retryable', async () => {
      server.handle((_request, response) => sendJson(response, 500, fixtureJson('list-orders.response-500.json')));
      await expect(connector().client.listOrdersPage({}, 1)).rejects.toMatchObject({ retryable: true, httpStatus: 500, kind: 'http' });
      expect(server.requests).toHaveLength(3);
    });

    it('recovers when a retried 503 is followed by an answer', async () => {
      server.handle((_request, response) =>
        server.requests.length < 2 ? sendJson(response, 503, 'busy') : sendJson(response, 200, envelope([exampleOrder(1)])),
      );
      await expect(connector().client.listOrdersPage({}, 1)).resolves.toHaveLength(1);
      expect(trace.calls.map((call) => call.outcome)).toEqual(['provider_error', 'success']);
    });

    it('retries a create after a 5xx because a duplicate create is success', async () => {
      server.handle((_request, response) =>
        server.requests.length < 2 ? sendJson(response, 500, envelope([])) : sendJson(response, 200, envelope([], { orderId: 'E-9' })),
      );
      await expect(connector().orderSink.createOrder(ORDER, 'idem-1')).resolves.toEqual({ externalId: 'E-9', alreadyExisted: false });
    });

    it('gives up on a server that does not answer within the timeout', async () => {
      server.handle(() => undefined);
      await expect(
        connector({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 100 }).client.listOrdersPage({}, 1),
      ).rejects.toMatchObject({
        kind: 'timeout',
        retryable: true,
      });
    });

    it('reports a body that is not the envelope as invalid_response', async () => {
      server.handle((_request, response) => {
        response.setHeader('content-type', 'text/html');
        response.end('<html>gateway error</html>');
      });
      await expect(connector({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).client.listOrdersPage({}, 1)).rejects.toMatchObject(
        {
          kind: 'invalid_response',
          code: 'INVALID_RESPONSE',
        },
      );
    });

    it('reports an order of the wrong shape with the path of the bad field', async () => {
      server.handle((_request, response) => sendJson(response, 200, envelope([{ ...exampleOrder(1), payAmount: 'lots' }])));
      await expect(connector({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).client.listOrdersPage({}, 1)).rejects.toMatchObject(
        {
          kind: 'invalid_response',
          message: expect.stringContaining('$.data.orders[0].payAmount'),
        },
      );
    });
  });

  it('tests the connection with one cheap authenticated call', async () => {
    server.handle((_request, response) => sendJson(response, 403, { code: 403, message: 'Forbidden', data: {} }));
    await expect(connector().testConnection()).resolves.toMatchObject({ ok: false, providerCode: 'FORBIDDEN' });
    server.handle((_request, response) => sendJson(response, 200, envelope([])));
    await expect(connector().testConnection()).resolves.toMatchObject({ ok: true });
    expect(server.requests.at(-1)!.url.searchParams.get('page_size')).toBe('1');
  });
});
