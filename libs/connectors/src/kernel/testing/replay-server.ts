import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ProviderCallRecord } from '../../kernel/provider-call';

/** Test support: a local `node:http` server on port 0 that answers with recorded fixtures. */

export interface ReceivedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type ReplayHandler = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

export interface ReplayServer {
  readonly baseUrl: string;
  readonly requests: ReceivedRequest[];
  handle(handler: ReplayHandler): void;
  close(): Promise<void>;
}

export async function startReplayServer(pathPrefix = ''): Promise<ReplayServer> {
  const requests: ReceivedRequest[] = [];
  let handler: ReplayHandler = (_request, response) => {
    response.statusCode = 404;
    response.end();
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://localhost'), headers: req.headers, body };
      requests.push(request);
      void Promise.resolve(handler(request, res)).catch(() => {
        res.statusCode = 599;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathPrefix}`,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Reads the recorded payloads of one connector's `fixtures/` folder. */
export function fixturesIn(folder: string): {
  readFixture: (name: string) => string;
  fixtureJson: <T = Record<string, unknown>>(name: string) => T;
} {
  const readFixture = (name: string): string => readFileSync(join(folder, name), 'utf8');
  return { readFixture, fixtureJson: <T>(name: string): T => JSON.parse(readFixture(name)) as T };
}

export function testHttpService(): HttpService {
  return new HttpService(axios.create() as unknown as ConstructorParameters<typeof HttpService>[0]);
}

export function collectCalls(): { calls: ProviderCallRecord[]; record(call: ProviderCallRecord): void } {
  const calls: ProviderCallRecord[] = [];
  return { calls, record: (call) => calls.push(call) };
}
