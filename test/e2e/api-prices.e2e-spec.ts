import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface Problem {
  errors?: { field: string; reason: string }[];
}

/**
 * The prices API: bulk changes up to 10,000 SKUs a call with decimal strings, refused whole with a
 * 400 naming the item and field when any price is bad (nothing is changed), and the price each
 * system last confirmed beside the canonical one. Delivery is the price flow's e2e.
 */
describe('prices API (e2e)', () => {
  let hub: HubUnderTest;
  const put = (prices: unknown, key = hub.adminKey) => hub.inject({ method: 'PUT', url: '/api/v1/prices', key, payload: { prices } });
  const unchanged = async (work: () => Promise<void>): Promise<void> => {
    const before = [await hub.db.count('price'), await hub.db.count('outbox_event'), await hub.db.count('price_push')];
    await work();
    expect([await hub.db.count('price'), await hub.db.count('outbox_event'), await hub.db.count('price_push')]).toEqual(before);
  };

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
  });
  afterAll(() => hub.close());

  it('accepts 10,000 prices in one call with their events, and answers what changed', async () => {
    const prices = Array.from({ length: 10_000 }, (_, i) => ({ sku: `S${i}`, amount: `${i}.50`, currency: 'CNY' }));
    const res = await put(prices);
    expect(res.statusCode).toBe(202);
    // No price route yet: stored and announced, sent nowhere.
    expect(res.json()).toEqual({ changed: 10_000, unchanged: 0, targets: [] });
    expect(await hub.db.count('outbox_event')).toBe(10_000);
    const [s7] = (await hub.inject({ url: '/api/v1/prices?sku=S7', key: hub.adminKey })).json<{ data: unknown[] }>().data;
    expect(s7).toEqual({
      sku: 'S7',
      prices: [{ kind: 'sale', canonical: { amount: '7.50', currency: 'CNY' }, asOf: expect.any(String), systems: [] }],
    });
  });

  it('refuses more than 10,000 prices a call, naming the limit', async () => {
    await unchanged(async () => {
      const res = await put(Array.from({ length: 10_001 }, (_, i) => ({ sku: `T${i}`, amount: '1', currency: 'CNY' })));
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().errors).toEqual([
        { field: 'prices', reason: 'must list at most 10000 prices a call; split larger changes' },
      ]);
    });
  });

  it('refuses a bad item with 400 naming it and its field, and changes none of the others', async () => {
    await unchanged(async () => {
      const good = { sku: 'S1', amount: '9.99', currency: 'CNY' };
      const cases: [unknown, string][] = [
        [{ sku: 'S2', amount: 12.5, currency: 'CNY' }, 'amount'],
        [{ sku: 'S2', amount: '1e3', currency: 'CNY' }, 'amount'],
        [{ sku: 'S2', amount: '-1', currency: 'CNY' }, 'amount'],
        [{ sku: 'S2', amount: '1', currency: 'RMB1' }, 'currency'],
        [{ sku: 'S2', amount: '1', currency: 'CNY', kind: 'wholesale' }, 'kind'],
        [{ sku: 'S2', amount: '1', currency: 'CNY', asOf: '2026-11-25T10:00:00' }, 'asOf'],
      ];
      for (const [item, field] of cases) {
        const res = await put([good, item]);
        expect(res.statusCode).toBe(400);
        expect(res.json<Problem>().errors?.[0]?.field.replace(/\[(\d+)\]/g, '.$1')).toBe(`prices.1.${field}`);
      }
      expect((await put([])).json<Problem>().errors?.[0]?.field).toBe('prices');
    });
  });

  it('refuses a change of currency or a change older than the stored price, naming the item', async () => {
    await unchanged(async () => {
      const currency = await put([
        { sku: 'S1', amount: '9.99', currency: 'CNY' },
        { sku: 'S3', amount: '1', currency: 'USD' },
      ]);
      expect(currency.statusCode).toBe(400);
      expect(currency.json<Problem>().errors?.[0]).toEqual({
        field: 'prices[1].currency',
        reason: expect.stringContaining('is USD, but this price is in CNY'),
      });
      const old = await put([{ sku: 'S4', amount: '2', currency: 'CNY', asOf: '2020-01-01T00:00:00+08:00' }]);
      expect(old.json<Problem>().errors?.[0]?.field).toBe('prices[0].asOf');
    });
  });

  it('GET needs one to 100 SKUs', async () => {
    expect((await hub.inject({ url: '/api/v1/prices', key: hub.adminKey })).json<Problem>().errors?.[0]?.field).toBe('sku');
    const many = Array.from({ length: 101 }, (_, i) => `S${i}`).join(',');
    const res = await hub.inject({ url: `/api/v1/prices?sku=${many}`, key: hub.adminKey });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]).toEqual({ field: 'sku', reason: 'must name at most 100 SKUs' });
    const unknown = await hub.inject({ url: '/api/v1/prices?sku=NOPE', key: hub.adminKey });
    expect(unknown.json()).toEqual({ data: [{ sku: 'NOPE', prices: [] }] });
  });

  it('needs a key (401), the write scope to change (403) and the read scope to look', async () => {
    const reader = await hub.keyWith(['read']);
    expect((await hub.inject({ url: '/api/v1/prices?sku=S1' })).statusCode).toBe(401);
    expect((await put([{ sku: 'S1', amount: '1', currency: 'CNY' }], reader)).statusCode).toBe(403);
    expect((await hub.inject({ url: '/api/v1/prices?sku=S1', key: reader })).statusCode).toBe(200);
  });
});
