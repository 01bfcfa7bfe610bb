import { DeliveryWorker, OutboxDispatcher } from '@serai/engine';
import type { HubUnderTest } from './hub-under-test';

/** A product every provider of the demo takes: brand, weights, customs data and a barcode on each SKU. */
export function productBody(code: string, skus: readonly string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    titles: { zh: '干洗喷雾', en: 'Dry Shampoo' },
    brand: 'Percy & Reed',
    category: 'Beauty > Hair care',
    description: 'No-rinse dry shampoo',
    skus: skus.map((sku, i) => ({
      sku,
      barcodes: [`50600000000${String(i + 10).padStart(2, '0')}`],
      titles: { zh: `干洗喷雾 ${i + 1}`, en: `Dry Shampoo ${i + 1}` },
      attributes: { color: 'white', size: `${(i + 1) * 100}ml` },
      grossWeight: { value: '0.3', unit: 'kg' },
      netWeight: { value: '250', unit: 'g' },
      dimensions: { length: '20', width: '5', height: '5', unit: 'cm' },
      customs: { hsCode: '3305.90.0000', originCountry: 'GBR', customsUnit: '142', taxRate: '0.091' },
      prices: { sale: '158.40', market: '198.00', currency: 'CNY' },
    })),
    ...overrides,
  };
}

/** Connections to the sandbox's Nengmao brand shop, WMS and Pilot, created through the API. */
export async function connectCatalogueProviders(hub: HubUnderTest, sandboxUrl: string, nengmaoOptions: Record<string, unknown> = {}) {
  const nengmao = { appKey: 'demo-app-key', appSecret: 'demo-app-secret' };
  const connections = [
    { name: 'nengmao-demo', provider: 'nengmao-brand', baseUrl: `${sandboxUrl}/nengmao`, credentials: nengmao, options: nengmaoOptions },
    { name: 'wms-demo', provider: 'wms', baseUrl: `${sandboxUrl}/wms`, credentials: nengmao, options: { version: 'v1' } },
    {
      name: 'pilot-demo',
      provider: 'nomad-pilot',
      baseUrl: `${sandboxUrl}/pilot`,
      credentials: { caKey: 'demo-ca-key' },
      options: { carrier: 'samarkand.sfexpress.test' },
    },
  ];
  for (const payload of connections) {
    const res = await hub.inject({ method: 'POST', url: '/api/v1/connections', key: hub.adminKey, payload });
    if (res.statusCode !== 201) throw new Error(`connection ${payload.name}: ${res.statusCode} ${res.body}`);
  }
}

export async function putRoutes(hub: HubUnderTest, routes: readonly Record<string, unknown>[]): Promise<void> {
  const res = await hub.inject({ method: 'PUT', url: '/api/v1/routes', key: hub.adminKey, payload: { routes } });
  if (res.statusCode !== 200) throw new Error(`routes: ${res.statusCode} ${res.body}`);
}

/**
 * Runs the engine's delivery side by hand (the hub under test serves the API only): route every
 * committed event, then work the queue until nothing is due.
 */
export async function deliverEverything(hub: HubUnderTest, maxRounds = 50): Promise<void> {
  const dispatcher = hub.app.get(OutboxDispatcher);
  const worker = hub.app.get(DeliveryWorker);
  for (let round = 0; round < maxRounds; round += 1) {
    while ((await dispatcher.dispatchOnce()).events > 0) {
      // keep routing while there is a backlog
    }
    if ((await worker.runOnce()) === 0) return;
  }
  throw new Error(`deliveries still due after ${maxRounds} rounds`);
}
