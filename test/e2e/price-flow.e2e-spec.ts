import { CallTraceWriter } from '@serai/engine';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { connectCatalogueProviders, deliverEverything, putRoutes } from '../support/catalogue-fixtures';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

interface SystemPrice {
  connection: string;
  confirmed: { amount: string; currency: string } | null;
  push: string | null;
  reason: string | null;
}
interface SkuPrices {
  sku: string;
  prices: { kind: string; canonical: { amount: string; currency: string } | null; systems: SystemPrice[] }[];
}

const skuCode = (i: number): string => `SKU-${String(i).padStart(6, '0')}`;

/**
 * Prices, end to end (flow 6): a bulk change through the API reaches Nengmao in the largest
 * batches the connection allows (one price per SKU, however often it changed), and the hub
 * records the price Nengmao confirmed; what Nengmao refuses is failed with its reason.
 */
describe('prices: a price change reaches Nengmao, batched (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;
  const priceUpdateCalls = async (): Promise<number> => {
    // Call traces are written in the background: flush them before counting.
    await hub.app.get(CallTraceWriter).flush();
    return (
      (
        (await hub.db.dataSource.query(`SELECT count(*)::int AS n FROM provider_call WHERE operation = 'price/update'`)) as {
          n: number;
        }[]
      )[0]?.n ?? 0
    );
  };
  const pricesOf = async (skus: string): Promise<SkuPrices[]> => {
    const res = await hub.inject({ url: `/api/v1/prices?sku=${skus}`, key: hub.adminKey });
    expect(res.statusCode).toBe(200);
    return res.json<{ data: SkuPrices[] }>().data;
  };

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 30 });
    const url = await sandbox.listen();
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    // Batches of 10 make the batching visible with a small catalogue.
    await connectCatalogueProviders(hub, url, { pricesPerUpdate: 10 });
    await putRoutes(hub, [
      { name: 'prices-to-nengmao', eventTypes: ['PriceChanged'], connection: 'nengmao-demo', capability: 'priceSink.pushPrices' },
    ]);
  });
  afterAll(async () => {
    await hub.close();
    await sandbox.close();
  });

  it('pushes 25 changed SKUs in ceil(25 / 10) = 3 calls, and records the price Nengmao confirmed', async () => {
    const prices = Array.from({ length: 25 }, (_, i) => ({ sku: skuCode(i + 1), amount: `${100 + i}.90`, currency: 'CNY' }));
    // One SKU changed twice in the call: the last amount wins and only it is sent.
    prices.push({ sku: skuCode(1), amount: '88.80', currency: 'CNY' });
    const res = await hub.inject({ method: 'PUT', url: '/api/v1/prices', key: hub.adminKey, payload: { prices } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ changed: 25, unchanged: 0, targets: ['nengmao-demo'] });

    await deliverEverything(hub);

    expect(await priceUpdateCalls()).toBe(3);
    const first = await sandbox.inject({ url: `/_sandbox/nengmao/prices/${skuCode(1)}` });
    expect(Number(first.json<{ salePrice: string }>().salePrice)).toBe(88.8);
    const last = await sandbox.inject({ url: `/_sandbox/nengmao/prices/${skuCode(25)}` });
    expect(Number(last.json<{ salePrice: string }>().salePrice)).toBe(124.9);
    const [one] = await pricesOf(skuCode(1));
    expect(one?.prices).toEqual([
      {
        kind: 'sale',
        canonical: { amount: '88.80', currency: 'CNY' },
        asOf: expect.any(String) as string,
        systems: [
          {
            connection: 'nengmao-demo',
            confirmed: { amount: '88.80', currency: 'CNY' },
            confirmedAt: expect.any(String) as string,
            push: 'done',
            reason: null,
          },
        ],
      },
    ]);
    // Every delivery finished, most without a provider call of their own.
    const states = (await hub.db.dataSource.query(`SELECT state, count(*)::int AS n FROM delivery GROUP BY state`)) as {
      state: string;
      n: number;
    }[];
    expect(states).toEqual([{ state: 'succeeded', n: 25 }]);
  });

  it('the same prices again change nothing and send nothing', async () => {
    const calls = await priceUpdateCalls();
    const res = await hub.inject({
      method: 'PUT',
      url: '/api/v1/prices',
      key: hub.adminKey,
      payload: { prices: [{ sku: skuCode(1), amount: '88.8', currency: 'CNY' }] },
    });
    expect(res.json()).toEqual({ changed: 0, unchanged: 1, targets: ['nengmao-demo'] });
    await deliverEverything(hub);
    expect(await priceUpdateCalls()).toBe(calls);
  });

  it('a price Nengmao cannot hold (a market price) is failed at that system with the reason, and the others still go', async () => {
    const res = await hub.inject({
      method: 'PUT',
      url: '/api/v1/prices',
      key: hub.adminKey,
      payload: {
        prices: [
          { sku: skuCode(2), kind: 'market', amount: '199.00', currency: 'CNY' },
          { sku: skuCode(3), amount: '77.70', currency: 'CNY' },
        ],
      },
    });
    expect(res.statusCode).toBe(202);
    await deliverEverything(hub);
    const [two, three] = await pricesOf(`${skuCode(2)},${skuCode(3)}`);
    const market = two?.prices.find((p) => p.kind === 'market');
    expect(market?.systems).toEqual([
      expect.objectContaining({
        connection: 'nengmao-demo',
        confirmed: null,
        push: 'failed',
        reason: expect.stringMatching(/UNSUPPORTED_PRICE_KIND/) as string,
      }),
    ]);
    expect(three?.prices[0]?.systems[0]).toEqual(
      expect.objectContaining({ confirmed: { amount: '77.70', currency: 'CNY' }, push: 'done' }),
    );
    const dead = (await hub.db.dataSource.query(`SELECT last_error FROM delivery WHERE state = 'dead'`)) as { last_error: string }[];
    expect(dead).toEqual([{ last_error: expect.stringMatching(/salePrice only/) as string }]);
  });
});
