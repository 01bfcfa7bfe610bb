import { ChinesePeopleGenerator } from '../core/chinese-people';
import { generateCatalog } from '../core/sandbox-catalog';
import { SandboxSettings } from '../core/sandbox-settings';
import { SeededRandom } from '../core/seeded-random';
import { startSandboxUnderTest, SandboxUnderTest } from '../testing/sandbox-under-test';
import { callWms } from '../wms/wms-signed-request';

const SETTINGS: Partial<SandboxSettings> = { initialOrders: 200, skus: 30, seed: 7 };
/** Control endpoints and ones that report wall-clock facts of the run, not generated data. */
const NOT_DATA = new Set(['/_sandbox', '/_sandbox/health', '/_sandbox/clock', '/_sandbox/faults']);
const TIME_LIKE = /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\d{13})$/;
/** Keys whose values name a SKU in one of the providers' spellings (catalogue README §4). */
const SKU_KEY = /^(sku|skus|skuNumber|skuList|merchantGoodsNo|warehouseGoodsNo|goodsSn|itemCode|skuCode)$/i;

/**
 * Generated data may be stamped relative to the moment the sandbox started (an order "created 3 minutes
 * ago"); two runs start a few milliseconds apart, so times are compared as placeholders and everything
 * else exactly.
 */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutTimes(item)]));
  if ((typeof value === 'string' || typeof value === 'number') && TIME_LIKE.test(String(value)) && String(value).length >= 10)
    return '<time>';
  return value;
}

function collectSkuReferences(value: unknown, into: Set<string>, key = ''): void {
  if (Array.isArray(value)) for (const item of value) collectSkuReferences(item, into, key);
  else if (value !== null && typeof value === 'object')
    for (const [name, item] of Object.entries(value)) collectSkuReferences(item, into, name);
  else if (typeof value === 'string' && SKU_KEY.test(key)) into.add(value);
}

/** Every parameterless GET under `/_sandbox`, plus the ones whose `:store` / `:carrier` the settings name. */
async function snapshot(sandbox: SandboxUnderTest): Promise<Record<string, unknown>> {
  const index = (await sandbox.inject({ url: '/_sandbox' })).json<{ inspection: { method: string; path: string }[] }>();
  const paths: string[] = [];
  for (const route of index.inspection) {
    if (route.method !== 'GET' || NOT_DATA.has(route.path)) continue;
    const expansions = route.path.includes(':store')
      ? sandbox.settings.envoyStores.map((store) => route.path.replace(':store', store))
      : [route.path];
    for (const path of expansions.flatMap((p) =>
      p.includes(':carrier') ? sandbox.settings.pilotCarriers.map((c) => p.replace(':carrier', c)) : [p],
    )) {
      if (!path.includes(':')) paths.push(path);
    }
  }
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const response = await sandbox.inject({ url: path });
    out[path] = {
      status: response.statusCode,
      body: response.headers['content-type']?.toString().includes('json') ? withoutTimes(response.json()) : response.body,
    };
  }
  out['wms QUERY_SIMPLE_LIST_SKU'] = withoutTimes((await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', { pageSize: 200 })).json());
  return out;
}

/*
 * Note for the provider owners: this spec reads whatever `/_sandbox/**` GET endpoints exist when it
 * runs (via the `/_sandbox` index). When it was written only Envoy and WMS were wired into
 * SandboxModule (Nengmao and Pilot modules were still empty), so their generated orders, packages
 * and stock are covered automatically once their inspection routes are registered — as long as SKU
 * references use a key listed in SKU_KEY and `:store` / `:carrier` are the only path parameters.
 */
describe('data generated from one seed', () => {
  let first: SandboxUnderTest;
  let second: SandboxUnderTest;
  beforeAll(async () => {
    first = await startSandboxUnderTest(SETTINGS);
    second = await startSandboxUnderTest(SETTINGS);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('is identical in two sandboxes started with the same seed', async () => {
    const [a, b] = [await snapshot(first), await snapshot(second)];
    expect(Object.keys(a).length).toBeGreaterThan(1);
    expect(b).toEqual(a);
  });

  it('references only SKUs of the shared catalogue, in every provider', async () => {
    const catalogue = generateCatalog(30, 7);
    const known = new Set(catalogue.flatMap((s) => [s.sku, s.goodsSn, s.merchantGoodsNo, s.warehouseGoodsNo, s.envoySkuNumber]));
    const referenced = new Set<string>();
    collectSkuReferences(await snapshot(first), referenced);
    expect(referenced.size).toBeGreaterThanOrEqual(30);
    expect([...referenced].filter((sku) => !known.has(sku))).toEqual([]);
  });

  it('gives the WMS exactly the catalogue SKUs', async () => {
    const listed = (await first.inject({ url: '/_sandbox/wms/skus' })).json<{ skus: string[] }>().skus;
    expect(listed).toEqual(generateCatalog(30, 7).map((s) => s.sku));
  });
});

describe('the generators behind the providers', () => {
  it('build the same catalogue for the same seed and another for another seed', () => {
    expect(generateCatalog(30, 7)).toEqual(generateCatalog(30, 7));
    expect(generateCatalog(30, 8)).not.toEqual(generateCatalog(30, 7));
    // A larger catalogue starts with the smaller one: growing --skus never renames existing SKUs.
    expect(generateCatalog(40, 7).slice(0, 30)).toEqual(generateCatalog(30, 7));
  });

  it('build the same people for the same seed', () => {
    const people = (seed: number) => {
      const generator = new ChinesePeopleGenerator(new SeededRandom(seed));
      return Array.from({ length: 50 }, () => generator.person());
    };
    expect(people(7)).toEqual(people(7));
    expect(people(7)).not.toEqual(people(8));
  });
});
