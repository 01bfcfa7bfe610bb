import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxClock } from '../core/sandbox-clock';
import { expectSameShape } from '../envoy/testing/expect-same-shape';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import { CallbackEntry, PilotCallbackOutbox } from './pilot-callback.outbox';
import documentedCallback from './fixtures/callback.request.json';

const STEP = 15_000;

interface Received {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A logistics receiver on a free port that answers from a script: failures first, then success. */
async function startReceiver(answers: { status: number; body: string }[], success: { status: number; body: string }) {
  const received: Received[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body });
      const answer = answers.shift() ?? success;
      response.writeHead(answer.status, { 'content-type': answer.body.startsWith('<') ? 'application/xml' : 'application/json' });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: `http://127.0.0.1:${port}/callback/{store}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe('Pilot simulator: delivery-order callbacks', () => {
  describe('in XML', () => {
    let sb: SandboxUnderTest;
    let clock: SandboxClock;
    let outbox: PilotCallbackOutbox;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;

    beforeAll(async () => {
      receiver = await startReceiver(
        [
          { status: 500, body: 'upstream down' },
          { status: 200, body: '<response><flag>failure</flag><code>500</code></response>' },
        ],
        { status: 200, body: '<response><flag>success</flag><code>0</code><message>ok</message></response>' },
      );
      sb = await startSandboxUnderTest({
        packageStepMs: STEP,
        callbackUrl: receiver.url,
        callbackFormat: 'xml',
        callbackKey: 'hub-callback-key',
      });
      clock = sb.app.get(SandboxClock);
      outbox = sb.app.get(PilotCallbackOutbox);
    });
    afterAll(async () => {
      await sb.close();
      await receiver.close();
    });

    const tick = async (ms: number) => {
      clock.advance(ms);
      await outbox.settled();
    };

    it('reports PACKED, retries with backoff until the receiver answers success, then reports SHIPPED once', async () => {
      await sb.inject({
        method: 'POST',
        url: '/_sandbox/pilot/packages',
        payload: { deliveryOrderCode: 'TM-XML-1', lines: [{ sku: 'SKU-000001', quantity: 2 }] },
      });
      await tick(STEP);
      expect(receiver.received).toHaveLength(1);
      await tick(400); // the first retry waits 1 s
      expect(receiver.received).toHaveLength(1);
      await tick(1000);
      expect(receiver.received).toHaveLength(2);
      await tick(1000); // the second retry waits 2 s
      expect(receiver.received).toHaveLength(2);
      await tick(1000);
      expect(receiver.received).toHaveLength(3);

      const first = receiver.received[0];
      expect(first?.url).toBe('/callback/haiku');
      expect(first?.headers['x-ca-key']).toBe('hub-callback-key');
      expect(first?.headers['content-type']).toContain('application/xml');
      expect(first?.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><request><deliveryOrder>/);
      expect(receiver.received.map((r) => [tag(r.body, 'status'), tag(r.body, 'outBizCode')])).toEqual([
        ['ACCEPT', tag(first?.body ?? '', 'outBizCode')],
        ['ACCEPT', tag(first?.body ?? '', 'outBizCode')],
        ['ACCEPT', tag(first?.body ?? '', 'outBizCode')],
      ]);

      await tick(2 * STEP);
      expect(receiver.received).toHaveLength(4);
      const shipped = receiver.received[3]?.body ?? '';
      const pkg = (await sb.inject({ url: '/_sandbox/pilot/packages/TM-XML-1' })).json<{
        trackingReference: string;
        deliveryOrderId: string;
      }>();
      expect({
        deliveryOrderCode: tag(shipped, 'deliveryOrderCode'),
        deliveryOrderId: tag(shipped, 'deliveryOrderId'),
        status: tag(shipped, 'status'),
        confirmType: tag(shipped, 'confirmType'),
        orderType: tag(shipped, 'orderType'),
        logisticsCode: tag(shipped, 'logisticsCode'),
        expressCode: tag(shipped, 'expressCode'),
        actualQty: tag(shipped, 'actualQty'),
      }).toEqual({
        deliveryOrderCode: 'TM-XML-1',
        deliveryOrderId: pkg.deliveryOrderId,
        status: 'DELIVERED',
        confirmType: '0',
        orderType: 'JYCK',
        logisticsCode: 'SF',
        expressCode: pkg.trackingReference,
        actualQty: '2',
      });
      expect(tag(shipped, 'orderConfirmTime')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(tag(shipped, 'outBizCode')).not.toBe(tag(first?.body ?? '', 'outBizCode'));
      expect(shipped).toContain('<packages><package>');

      await tick(120_000);
      expect(receiver.received).toHaveLength(4);
    });

    it('shows every message with its attempts and answers in inspection', async () => {
      const grouped = (await sb.inject({ url: '/_sandbox/pilot/callbacks' })).json<Record<string, CallbackEntry[]>>();
      const messages = grouped['TM-XML-1'] ?? [];
      expect(messages.map((m) => [m.status, m.attempts.length, m.deliveredAt !== null])).toEqual([
        ['ACCEPT', 3, true],
        ['DELIVERED', 1, true],
      ]);
      expect(messages[0]?.attempts.map((a) => [a.httpStatus, a.accepted])).toEqual([
        [500, false],
        [200, false],
        [200, true],
      ]);
      expect(messages[0]?.attempts[0]?.answer).toBe('upstream down');
    });
  });

  describe('in JSON', () => {
    let sb: SandboxUnderTest;
    let clock: SandboxClock;
    let outbox: PilotCallbackOutbox;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;

    beforeAll(async () => {
      receiver = await startReceiver(
        [
          { status: 200, body: '{"success":false,"errorcode":"E1","errormsg":"busy"}' },
          { status: 503, body: '{"success":"false"}' },
        ],
        { status: 200, body: '{"success":"success","errorcode":"","errormsg":""}' },
      );
      sb = await startSandboxUnderTest({
        packageStepMs: STEP,
        callbackUrl: receiver.url,
        callbackFormat: 'json',
        logisticsProviders: ['haiku'],
      });
      clock = sb.app.get(SandboxClock);
      outbox = sb.app.get(PilotCallbackOutbox);
    });
    afterAll(async () => {
      await sb.close();
      await receiver.close();
    });

    const tick = async (ms: number) => {
      clock.advance(ms);
      await outbox.settled();
    };

    it('sends the documented deliveryOrder shape, and holds SHIPPED back until PACKED is accepted', async () => {
      await sb.inject({
        method: 'POST',
        url: '/_sandbox/pilot/packages',
        payload: { deliveryOrderCode: 'TM-JSON-1', lines: [{ sku: 'SKU-000002', quantity: 1 }] },
      });
      await tick(3 * STEP); // PACKED, PROCESSED and SHIPPED at once
      expect(receiver.received).toHaveLength(1);
      await tick(1000);
      expect(receiver.received).toHaveLength(2);
      await tick(2000); // ACCEPT accepted, then DELIVERED goes at once
      const bodies = receiver.received.map((r) => JSON.parse(r.body) as { deliveryOrder: Record<string, string> });
      expect(bodies.map((b) => b.deliveryOrder.status)).toEqual(['ACCEPT', 'ACCEPT', 'ACCEPT', 'DELIVERED']);
      expect(receiver.received[0]?.headers['content-type']).toContain('application/json');
      expect(receiver.received[0]?.headers['x-ca-key']).toBe('demo-ca-key');
      for (const body of bodies) expectSameShape(body.deliveryOrder, documentedCallback.deliveryOrder);
      await tick(60_000);
      expect(receiver.received).toHaveLength(4);
    });

    it('reports a cancellation as CANCELED, final', async () => {
      await sb.inject({
        method: 'POST',
        url: '/_sandbox/pilot/packages',
        payload: { deliveryOrderCode: 'TM-JSON-2', lines: [{ sku: 'SKU-000003', quantity: 1 }] },
      });
      await sb.inject({ method: 'POST', url: '/_sandbox/pilot/packages/TM-JSON-2/cancel' });
      await outbox.settled();
      const last = JSON.parse(receiver.received.at(-1)?.body ?? '{}') as { deliveryOrder: Record<string, string> };
      expect(last.deliveryOrder).toMatchObject({ deliveryOrderCode: 'TM-JSON-2', status: 'CANCELED', confirmType: '0' });
    });
  });
});
