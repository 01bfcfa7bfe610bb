import { randomUUID } from 'node:crypto';
import { DeliveryRepository, OutboxRepository, TransactionRunner } from '@serai/persistence';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Delivery {
  id: string;
  connection: string;
  state: string;
  attempts: number;
  lastError: string | null;
}

interface Page {
  data: Delivery[];
  page: { limit: number; nextCursor: string | null };
}

describe('the deliveries API', () => {
  let hub: HubUnderTest;
  let readKey: string;
  let writeKey: string;
  const ids: Record<string, string> = {};

  /** Six deliveries to envoy-main (two of each: dead, failed, succeeded) and one pending to pilot-main. */
  async function seedDeliveries(): Promise<void> {
    for (const [name, provider] of [
      ['envoy-main', 'nomad-envoy'],
      ['pilot-main', 'nomad-pilot'],
    ] as const) {
      await hub.inject({
        method: 'POST',
        url: '/api/v1/connections',
        key: writeKey,
        payload: { name, provider, baseUrl: 'http://127.0.0.1:9/x', credentials: { caKey: 'k' } },
      });
    }
    const connectionIds = new Map(
      ((await hub.db.dataSource.query(`SELECT id, name FROM connection`)) as { id: string; name: string }[]).map((c) => [c.name, c.id]),
    );
    const plan: [string, string][] = [
      ['dead-1', 'envoy-main'],
      ['failed-1', 'envoy-main'],
      ['succeeded-1', 'envoy-main'],
      ['dead-2', 'envoy-main'],
      ['failed-2', 'envoy-main'],
      ['succeeded-2', 'envoy-main'],
      ['pending-1', 'pilot-main'],
    ];
    await hub.app.get(TransactionRunner).run(async (m) => {
      for (const [label, connection] of plan) {
        const eventId = randomUUID();
        await hub.app.get(OutboxRepository).append(m, [
          {
            eventId,
            eventType: 'OrderReceived',
            aggregateType: 'order',
            aggregateId: randomUUID(),
            payload: {},
            occurredAt: new Date().toISOString(),
          },
        ]);
        await hub.app.get(DeliveryRepository).createMany(m, [
          {
            eventId,
            route: 'orders',
            connectionId: connectionIds.get(connection) ?? '',
            capability: 'orderSink.createOrder',
            idempotencyKey: label,
          },
        ]);
        const [row] = (await m.query(
          `UPDATE delivery SET state = $2, attempts = 3, last_error = 'HTTP 503' WHERE idempotency_key = $1 RETURNING id`,
          [label, label.split('-')[0]],
        )) as [{ id: string }[], number];
        ids[label] = row[0]?.id ?? '';
      }
    });
  }

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    readKey = await hub.keyWith(['read']);
    writeKey = await hub.keyWith(['write']);
    await seedDeliveries();
  });
  afterAll(() => hub.close());

  const list = async (query: string) => {
    const res = await hub.inject({ url: `/api/v1/deliveries${query}`, key: readKey });
    expect(res.statusCode).toBe(200);
    return res.json<Page>();
  };

  it('lists deliveries by state, newest first, with their connection names', async () => {
    const dead = await list('?state=dead');
    expect(dead.data.map((d) => [d.id, d.state, d.connection, d.lastError])).toEqual([
      [ids['dead-2'], 'dead', 'envoy-main', 'HTTP 503'],
      [ids['dead-1'], 'dead', 'envoy-main', 'HTTP 503'],
    ]);
    expect((await list('?state=dead,failed')).data).toHaveLength(4);
    expect((await list('?connection=pilot-main')).data.map((d) => d.state)).toEqual(['pending']);
    expect((await list('?connection=nobody')).data).toEqual([]);
  });

  it('walks every delivery exactly once through the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((d) => d.id));
      cursor = page.page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(Object.values(ids).sort((a, b) => Number(b) - Number(a)));
  });

  it('exports the filtered deliveries as CSV and JSON lines, every page, and refuses a forged cursor before the file starts', async () => {
    const csv = await hub.inject({ url: '/api/v1/deliveries?state=dead,failed&limit=1', key: readKey, headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe(
      'id,eventId,route,connection,capability,state,attempts,nextAttemptAt,lastErrorCode,lastError,createdAt,completedAt',
    );
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual((await list('?state=dead,failed')).data.map((d) => d.id));
    const lines = await hub.inject({ url: '/api/v1/deliveries?state=dead', key: readKey, headers: { accept: 'application/x-ndjson' } });
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual([ids['dead-2'], ids['dead-1']]);
    const forged = await hub.inject({ url: '/api/v1/deliveries?cursor=Zm9v', key: readKey, headers: { accept: 'text/csv' } });
    expect(forged.statusCode).toBe(400);
  });

  it('answers bad filters with problem+json naming the field', async () => {
    const res = await hub.inject({ url: '/api/v1/deliveries?state=lost&limit=0&cursor=Zm9v', key: readKey });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['limit', 'state']);
    const forged = await hub.inject({ url: '/api/v1/deliveries?cursor=Zm9v', key: readKey });
    expect(forged.json<{ errors: unknown[] }>().errors).toEqual([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  });

  it('retries a dead delivery: pending again with a fresh attempt budget', async () => {
    const res = await hub.inject({ method: 'POST', url: `/api/v1/deliveries/${ids['dead-1']}/retry`, key: writeKey });
    expect(res.statusCode).toBe(200);
    expect(res.json<Delivery>()).toMatchObject({ id: ids['dead-1'], state: 'pending', attempts: 0, connection: 'envoy-main' });
    const failed = await hub.inject({ method: 'POST', url: `/api/v1/deliveries/${ids['failed-1']}/retry`, key: writeKey });
    expect(failed.json<Delivery>().state).toBe('pending');
  });

  it('refuses to retry a delivery that is not dead or failed, one that does not exist, and a read-only key', async () => {
    const done = await hub.inject({ method: 'POST', url: `/api/v1/deliveries/${ids['succeeded-1']}/retry`, key: writeKey });
    expect(done.statusCode).toBe(409);
    expect(done.json<{ detail: string }>().detail).toContain('is succeeded');
    expect((await hub.inject({ method: 'POST', url: '/api/v1/deliveries/999999/retry', key: writeKey })).statusCode).toBe(404);
    const badId = await hub.inject({ method: 'POST', url: '/api/v1/deliveries/abc/retry', key: writeKey });
    expect(badId.statusCode).toBe(400);
    expect(badId.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('id');
    const reader = await hub.inject({ method: 'POST', url: `/api/v1/deliveries/${ids['dead-2']}/retry`, key: readKey });
    expect(reader.statusCode).toBe(403);
    expect((await list('?state=dead')).data.map((d) => d.id)).toEqual([ids['dead-2']]);
  });
});
