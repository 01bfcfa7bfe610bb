import { validateHubEnvironment } from '@serai/common';
import { OrderRepository, TransactionRunner } from '@serai/persistence';
import { IdempotencyCleanup } from '../../apps/hub/src/http/idempotency/idempotency-cleanup';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import { buildOrder } from '../support/order-builder';

interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: { field: string; reason: string }[];
  correlationId?: string;
}

/**
 * The conventions every route of the API follows, proven on real routes and a real PostgreSQL:
 * idempotency keys, problem+json with the failing field and the correlation id, the correlation
 * id in logs, limits on page size and time windows.
 */
describe('API conventions (e2e)', () => {
  let hub: HubUnderTest;
  let writeKey: string;
  let otherWriteKey: string;

  const newOrder = async (): Promise<string> => {
    const order = buildOrder();
    await hub.app.get(TransactionRunner).run((m) => hub.app.get(OrderRepository).insert(m, order));
    return order.id;
  };
  const hold = (orderId: string, reason: string, idempotencyKey: string, key = writeKey) =>
    hub.inject({
      method: 'POST',
      url: `/api/v1/orders/${orderId}/hold`,
      key,
      payload: { reason },
      headers: { 'idempotency-key': idempotencyKey },
    });
  const eventCount = async (orderId: string): Promise<number> =>
    (
      (await hub.db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1`, [orderId])) as { n: number }[]
    )[0]?.n ?? 0;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    writeKey = await hub.keyWith(['write']);
    otherWriteKey = await hub.keyWith(['write']);
  });
  afterAll(() => hub.close());

  describe('Idempotency-Key', () => {
    it('answers a repeated request with the first answer, replayed, and carries it out once', async () => {
      const orderId = await newOrder();
      const first = await hold(orderId, 'fraud check', 'key-replay-1');
      expect(first.statusCode).toBe(200);
      const events = await eventCount(orderId);
      const again = await hold(orderId, 'fraud check', 'key-replay-1');
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      expect(await eventCount(orderId)).toBe(events);
      // Without the key the same request is carried out again, and the domain refuses it.
      expect(
        (await hub.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/hold`, key: writeKey, payload: { reason: 'fraud check' } }))
          .statusCode,
      ).toBe(409);
    });

    it('treats bodies that differ only in key order as the same request', async () => {
      const orderId = await newOrder();
      const url = `/api/v1/orders/${orderId}/shipments`;
      const headers = { 'idempotency-key': 'key-order-1' };
      const a = await hub.inject({
        method: 'POST',
        url,
        key: writeKey,
        headers,
        payload: { carrierCode: 'sf', trackingNumber: 'SF0000000001' },
      });
      const b = await hub.inject({
        method: 'POST',
        url,
        key: writeKey,
        headers,
        payload: { trackingNumber: 'SF0000000001', carrierCode: 'sf' },
      });
      // 409: the order was not forwarded; a refusal caused by the state of things is kept and replayed too.
      expect(a.statusCode).toBe(409);
      expect(b.statusCode).toBe(409);
      expect(b.headers['idempotent-replayed']).toBe('true');
    });

    it('refuses the same key with another body with 422 naming Idempotency-Key, changing nothing', async () => {
      const orderId = await newOrder();
      await hold(orderId, 'fraud check', 'key-mismatch-1');
      const events = await eventCount(orderId);
      const other = await hold(orderId, 'another reason', 'key-mismatch-1');
      expect(other.statusCode).toBe(422);
      expect(other.headers['content-type']).toContain('application/problem+json');
      expect(other.json<Problem>().errors).toEqual([
        { field: 'Idempotency-Key', reason: 'was already used with a different request (method, path or body)' },
      ]);
      expect(await eventCount(orderId)).toBe(events);
    });

    it('answers 409 while a request with the same key is still in flight', async () => {
      const orderId = await newOrder();
      const [a, b] = await Promise.all([hold(orderId, 'race', 'key-race-1'), hold(orderId, 'race', 'key-race-1')]);
      const statuses = [a.statusCode, b.statusCode].sort();
      // Either the second arrived while the first ran (409), or after it finished (replayed 200).
      expect([
        [200, 200],
        [200, 409],
      ]).toContainEqual(statuses);
      expect(await eventCount(orderId)).toBe(2);

      // Deterministically: a claim left in flight by another process.
      const apiKeyId = (
        (await hub.db.dataSource.query(`SELECT api_key_id FROM idempotency_key WHERE key = 'key-race-1'`)) as { api_key_id: string }[]
      )[0]?.api_key_id;
      await hub.db.dataSource.query(
        `INSERT INTO idempotency_key (api_key_id, key, request_hash, method, path, state, locked_until, expires_at)
         SELECT api_key_id, 'key-in-flight', request_hash, method, path, 'in_flight', now() + interval '1 minute', now() + interval '1 day'
           FROM idempotency_key WHERE key = 'key-race-1' AND api_key_id = $1`,
        [apiKeyId],
      );
      const busy = await hold(orderId, 'race', 'key-in-flight');
      expect(busy.statusCode).toBe(409);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.json<Problem>().errors?.[0]?.field).toBe('Idempotency-Key');
    });

    it('takes over a claim whose process died (its lock passed)', async () => {
      const orderId = await newOrder();
      const first = await hold(orderId, 'crash', 'key-crashed-1');
      expect(first.statusCode).toBe(200);
      await hub.db.dataSource.query(
        `UPDATE idempotency_key SET state = 'in_flight', response_status = NULL, locked_until = now() - interval '1 second' WHERE key = 'key-crashed-1'`,
      );
      // The same request runs again (the domain now refuses the second hold: the first did happen).
      expect((await hold(orderId, 'crash', 'key-crashed-1')).statusCode).toBe(409);
    });

    it('keeps keys per API key: another key with the same Idempotency-Key is another request', async () => {
      const a = await newOrder();
      expect((await hold(a, 'x', 'key-shared-1', writeKey)).statusCode).toBe(200);
      expect((await hold(a, 'x', 'key-shared-1', otherWriteKey)).statusCode).toBe(409);
    });

    it('frees the key after invalid input (400), so the corrected request can use it', async () => {
      const orderId = await newOrder();
      const bad = await hold(orderId, '', 'key-fix-1');
      expect(bad.statusCode).toBe(400);
      expect((await hold(orderId, 'fixed', 'key-fix-1')).statusCode).toBe(200);
    });

    it('refuses a malformed key with 400 naming Idempotency-Key', async () => {
      const orderId = await newOrder();
      const res = await hold(orderId, 'x', 'k'.repeat(256));
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().errors?.[0]?.field).toBe('Idempotency-Key');
      expect(await eventCount(orderId)).toBe(1);
    });

    it('keeps keys 24 hours: an expired key is a new request, and cleanup deletes it', async () => {
      const orderId = await newOrder();
      await hold(orderId, 'old', 'key-expired-1');
      const [row] = (await hub.db.dataSource.query(
        `SELECT round(extract(epoch FROM expires_at - created_at))::int AS seconds FROM idempotency_key WHERE key = 'key-expired-1'`,
      )) as { seconds: number }[];
      expect(row?.seconds).toBe(86_400);
      await hub.db.dataSource.query(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = 'key-expired-1'`);
      const release = await hub.inject({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/release`,
        key: writeKey,
        headers: { 'idempotency-key': 'key-expired-2' },
      });
      expect(release.statusCode).toBe(200);
      await hub.db.dataSource.query(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = 'key-expired-2'`);
      expect(await hub.app.get(IdempotencyCleanup).runOnce()).toBeGreaterThanOrEqual(2);
      expect(await hub.db.count('idempotency_key')).toBeGreaterThan(0);
      expect(
        ((await hub.db.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_key WHERE expires_at <= now()`)) as { n: number }[])[0]
          ?.n,
      ).toBe(0);
    });

    it('is documented on every POST, PUT and PATCH', async () => {
      const doc = (await hub.inject({ url: '/docs-json' })).json<{
        paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
      }>();
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const method of ['post', 'put', 'patch']) {
          if (item[method])
            expect(`${method} ${path} ${item[method]?.parameters?.some((p) => p.name === 'Idempotency-Key')}`).toBe(
              `${method} ${path} true`,
            );
        }
      }
    });
  });

  describe('problems and correlation ids', () => {
    it('echoes X-Request-Id, names it in the problem and on every log line of the request', async () => {
      const res = await hub.inject({ url: '/api/v1/orders?limit=500', key: writeKey, headers: { 'x-request-id': 'req-conventions-1' } });
      expect(res.statusCode).toBe(400);
      expect(res.headers['x-request-id']).toBe('req-conventions-1');
      expect(res.json<Problem>()).toMatchObject({
        type: 'https://serai.dev/problems/validation',
        status: 400,
        correlationId: 'req-conventions-1',
        errors: [{ field: 'limit', reason: 'must not be greater than 200' }],
      });
      const lines = hub.logLines().filter((l) => l.correlationId === 'req-conventions-1' || l.reqId === 'req-conventions-1');
      expect(lines.length).toBeGreaterThanOrEqual(2);
    });

    it('puts the correlation id on log lines written deep inside a handler', async () => {
      const orderId = await newOrder();
      await hub.inject({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/hold`,
        key: writeKey,
        payload: { reason: 'x' },
        headers: { 'x-request-id': 'req-deep-1' },
      });
      const twice = await hub.inject({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/hold`,
        key: writeKey,
        payload: { reason: 'x' },
        headers: { 'x-request-id': 'req-deep-2' },
      });
      expect(twice.json<Problem>()).toMatchObject({ status: 409, correlationId: 'req-deep-2' });
      const refused = hub.logLines().find((l) => l.msg === 'request refused' && l.correlationId === 'req-deep-2');
      expect(refused).toBeDefined();
    });

    it('generates a request id when none (or an unsafe one) is sent', async () => {
      const res = await hub.inject({ url: '/api/v1/orders/nope', key: writeKey, headers: { 'x-request-id': 'bad id with spaces' } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.json<Problem>().correlationId).toBe(res.headers['x-request-id']);
    });
  });
});

describe('rate limit per API key (e2e)', () => {
  let hub: HubUnderTest;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api', API_RATE_LIMIT_PER_SECOND: '1', API_RATE_LIMIT_BURST: '3' });
  });
  afterAll(() => hub.close());

  it('answers 429 with Retry-After past the burst, for that key only', async () => {
    const key = await hub.keyWith(['read']);
    const other = await hub.keyWith(['read']);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await hub.inject({ url: '/api/v1/orders', key })).statusCode);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[3]).toBe(429);
    const limited = await hub.inject({ url: '/api/v1/orders', key });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json<Problem>().type).toBe('https://serai.dev/problems/rate-limited');
    expect((await hub.inject({ url: '/api/v1/orders', key: other })).statusCode).toBe(200);
    // Public paths are not counted against anyone.
    expect((await hub.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('refuses an invalid rate limit setting at start', () => {
    expect(() => validateHubEnvironment({ API_RATE_LIMIT_PER_SECOND: '0' })).toThrow(
      /API_RATE_LIMIT_PER_SECOND must be between 1 and 100000/,
    );
    expect(() => validateHubEnvironment({ API_RATE_LIMIT_BURST: 'lots' })).toThrow(/API_RATE_LIMIT_BURST must be an integer/);
  });
});
