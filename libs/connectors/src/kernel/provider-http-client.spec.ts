import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProviderCallRecord } from './provider-call';
import { ProviderError } from './provider-error';
import { ProviderHttpClient, ProviderResponse } from './provider-http-client';
import { ResponseReader } from './response-reader';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

describe('ProviderHttpClient against a real HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let hits: number;
  const calls: ProviderCallRecord[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => handler(req, res, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nengmao`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    hits = 0;
    calls.length = 0;
  });

  const client = (timeoutMs = 500) =>
    new ProviderHttpClient(
      new HttpService(axios.create() as unknown as ConstructorParameters<typeof HttpService>[0]),
      {
        provider: 'nengmao-brand',
        connectionName: 'nengmao-demo',
        baseUrl,
        timeoutMs,
        retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        secretValues: ['demo-app-secret'],
      },
      { record: (call) => calls.push(call) },
    );
  const readErrorCode = (res: ProviderResponse): string => {
    const code = ResponseReader.of(res.json).field('errorCode').string();
    if (code !== '200')
      throw new ProviderError({
        provider: 'nengmao-brand',
        operation: 'order/list',
        kind: 'provider',
        code,
        message: 'refused',
        retryable: false,
      });
    return code;
  };

  it('sends the request, reads the answer and records a masked trace of the call', async () => {
    handler = (req, res, body) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errorCode: 200, echo: JSON.parse(body), seenSecret: req.headers.appsecret }));
    };
    const result = await client().send(
      {
        operation: 'order/list',
        method: 'POST',
        path: '/api/order/list',
        query: { appSecret: 'demo-app-secret' },
        body: { pageNo: 1, receiverMobile: '13912345678', appSecret: 'demo-app-secret' },
        headers: () => ({ appKey: 'demo-app-key', appSecret: 'demo-app-secret' }),
        idempotent: true,
      },
      (res) => ResponseReader.of(res.json).field('echo').field('pageNo').integer(),
    );
    expect(result).toBe(1);
    expect(calls).toHaveLength(1);
    const trace = JSON.stringify(calls[0]);
    expect(calls[0]).toMatchObject({ operation: 'order/list', method: 'POST', attempt: 1, httpStatus: 200, outcome: 'success' });
    expect(trace).not.toContain('demo-app-secret');
    expect(trace).not.toContain('13912345678');
  });

  it('retries an idempotent call on 5xx with fresh headers, then succeeds', async () => {
    handler = (_req, res) => {
      if (hits < 3) {
        res.statusCode = 502;
        res.end('bad gateway');
      } else {
        res.end('{"errorCode":200}');
      }
    };
    const attempts: number[] = [];
    const code = await client().send(
      {
        operation: 'order/list',
        method: 'POST',
        path: '/x',
        body: {},
        idempotent: true,
        headers: ({ attempt }) => (attempts.push(attempt), { timestamp: String(attempt) }),
      },
      readErrorCode,
    );
    expect(code).toBe('200');
    expect(attempts).toEqual([1, 2, 3]);
    expect(calls.map((c) => [c.attempt, c.outcome, c.httpStatus])).toEqual([
      [1, 'provider_error', 502],
      [2, 'provider_error', 502],
      [3, 'success', 200],
    ]);
  });

  it('never retries a call that is not idempotent, and says the failure is retryable for the engine', async () => {
    handler = (_req, res) => {
      res.statusCode = 503;
      res.end();
    };
    const failure = client().send({ operation: 'order/ship', method: 'POST', path: '/x', body: {}, idempotent: false }, readErrorCode);
    await expect(failure).rejects.toMatchObject({ kind: 'http', code: '503', retryable: true, httpStatus: 503 });
    expect(hits).toBe(1);
  });

  it('gives up on a provider that hangs, with a timeout error', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    await expect(
      client(200).send({ operation: 'order/list', method: 'POST', path: '/x', body: {}, idempotent: false }, readErrorCode),
    ).rejects.toMatchObject({
      kind: 'timeout',
      code: 'TIMEOUT',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(calls[0]?.outcome).toBe('timeout');
  });

  it('turns a malformed body into an invalid_response error naming what was wrong', async () => {
    handler = (_req, res) => res.end('{"errorCode":200,"data":');
    await expect(
      client().send({ operation: 'order/list', method: 'POST', path: '/x', body: {}, idempotent: false }, (res) =>
        ResponseReader.of(res.json).field('data').array(),
      ),
    ).rejects.toMatchObject({ kind: 'invalid_response', message: expect.stringContaining('$ should be an object') });
    handler = (_req, res) => res.end('{"errorCode":200,"data":{"list":7}}');
    await expect(
      client().send({ operation: 'order/list', method: 'POST', path: '/x', body: {}, idempotent: false }, (res) =>
        ResponseReader.of(res.json).field('data').field('list').array(),
      ),
    ).rejects.toThrow('$.data.list should be an array but is number');
  });

  it('passes a provider refusal through unchanged and not retried', async () => {
    handler = (_req, res) => res.end('{"errorCode":420,"msg":"goodSnList and skuList are exclusive"}');
    await expect(
      client().send({ operation: 'goods/list', method: 'POST', path: '/x', body: {}, idempotent: true }, readErrorCode),
    ).rejects.toMatchObject({
      code: '420',
      retryable: false,
    });
    expect(hits).toBe(1);
  });

  it('keeps every digit of large numeric ids sent as bare numbers', async () => {
    handler = (_req, res) => res.end('{"errorCode":200,"orderSn":101080953050411111,"amount":12.5}');
    const value = await client().send(
      { operation: 'order/list', method: 'POST', path: '/x', body: {}, idempotent: true },
      (res) => res.json,
    );
    expect(value).toEqual({ errorCode: 200, orderSn: '101080953050411111', amount: 12.5 });
  });

  it('honours Retry-After on 429', async () => {
    handler = (_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '0');
      res.end();
    };
    await expect(client().send({ operation: 'x', method: 'GET', path: '/x', idempotent: true }, readErrorCode)).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 0,
    });
    expect(hits).toBe(3);
  });

  it('keeps a successful list page out of the trace (only its size) and the answer of a failed one, masked', async () => {
    const page = JSON.stringify({ errorCode: 200, data: [{ orderSn: 'NM-1', receiverMobile: '13912345678' }] });
    handler = (_req, res) => res.end(page);
    const listPage = {
      operation: 'order/list',
      method: 'POST' as const,
      path: '/x',
      body: { pageNo: 1 },
      idempotent: true,
      traceAnswer: 'on-failure' as const,
    };
    await client().send(listPage, readErrorCode);
    expect(calls[0]).toMatchObject({
      outcome: 'success',
      requestBody: { pageNo: 1 },
      responseBody: { omitted: 'successful list page', bytes: Buffer.byteLength(page) },
    });

    calls.length = 0;
    handler = (_req, res) => res.end('{"errorCode":420,"msg":"bad filter","receiverMobile":"13912345678"}');
    await expect(client().send(listPage, readErrorCode)).rejects.toMatchObject({ code: '420' });
    expect(calls[0]).toMatchObject({
      outcome: 'provider_error',
      responseBody: { errorCode: 420, msg: 'bad filter', receiverMobile: '1***78' },
    });

    calls.length = 0;
    handler = (_req, res) => res.end('{"errorCode":200,"data":');
    await expect(
      client().send({ ...listPage, idempotent: false }, (res) => ResponseReader.of(res.json).field('data').array()),
    ).rejects.toMatchObject({
      kind: 'invalid_response',
    });
    expect(calls[0]).toMatchObject({ outcome: 'invalid_response', responseBody: '{"errorCode":200,"data":' });
  });

  it('removes the connection secret wherever it is echoed (values, keys, numbers, URL, error) and keeps the rest of the trace intact', async () => {
    const numericSecretClient = new ProviderHttpClient(
      new HttpService(axios.create() as unknown as ConstructorParameters<typeof HttpService>[0]),
      {
        provider: 'nengmao-brand',
        connectionName: 'nengmao-demo',
        baseUrl,
        timeoutMs: 500,
        retry: { attempts: 1, baseDelayMs: 5, maxDelayMs: 20 },
        secretValues: ['demo-app-secret', '98765432'],
      },
      { record: (call) => calls.push(call) },
    );
    handler = (_req, res) =>
      res.end('{"errorCode":421,"msg":"sign of demo-app-secret is wrong","echo":{"demo-app-secret":1,"n":1987654321,"kept":"plain"}}');
    await expect(
      numericSecretClient.send(
        {
          operation: 'order/list',
          method: 'POST',
          path: '/x',
          query: { q: 'demo-app-secret' },
          body: { note: 'x demo-app-secret y' },
          idempotent: false,
        },
        (res) => {
          throw new ProviderError({
            provider: 'nengmao-brand',
            operation: 'order/list',
            kind: 'provider',
            code: '421',
            message: String(ResponseReader.of(res.json).field('msg').string()),
            retryable: false,
          });
        },
      ),
    ).rejects.toMatchObject({ code: '421' });
    const trace = JSON.stringify(calls[0]);
    expect(trace).not.toContain('demo-app-secret');
    expect(trace).not.toContain('98765432');
    expect(calls[0]).toMatchObject({
      requestBody: { note: 'x [REDACTED] y' },
      responseBody: { errorCode: 421, msg: 'sign of [REDACTED] is wrong', echo: { '[REDACTED]': 1, n: '[REDACTED]', kept: 'plain' } },
      error: expect.stringContaining('sign of [REDACTED] is wrong'),
    });
    expect(calls[0]?.url).toContain('q=[REDACTED]');
  });
});
