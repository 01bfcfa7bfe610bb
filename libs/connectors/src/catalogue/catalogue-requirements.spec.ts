import { Money, Product, ProductInput, Weight } from '@serai/domain';
import { CATALOGUE_LIMITS, CatalogueTarget, checkProductForTargets } from './catalogue-requirements';

const complete: ProductInput = {
  id: 'PR-1',
  titles: { zh: '干洗喷雾', en: 'Dry Shampoo' },
  brand: 'Percy & Reed',
  skus: [
    {
      sku: 'PR-1-A',
      barcodes: ['5060000000010'],
      titles: { en: 'Dry Shampoo 100ml' },
      grossWeight: Weight.of('0.3', 'kg'),
      netWeight: Weight.of('250', 'g'),
      customs: { hsCode: '3305900000', originCountry: 'GB', customsUnit: '142' },
      prices: { sale: Money.of('158.40', 'CNY') },
    },
  ],
};
const snapshot = (overrides: Partial<ProductInput> = {}) => Product.create({ ...complete, ...overrides }).toSnapshot();
const sku = (overrides: Record<string, unknown>) => ({ ...complete.skus[0], ...overrides }) as ProductInput['skus'][number];

const wms: CatalogueTarget = { name: 'wms-main', provider: 'wms' };
const pilot: CatalogueTarget = { name: 'pilot-main', provider: 'nomad-pilot' };
const brand: CatalogueTarget = { name: 'nengmao-main', provider: 'nengmao-brand' };
const tmg: CatalogueTarget = { name: 'tmg-main', provider: 'nengmao-tmall-global' };

describe('what each provider requires of a product', () => {
  it('finds nothing wrong with a complete product for every provider', () => {
    expect(checkProductForTargets(snapshot(), [wms, pilot, brand, tmg])).toEqual([]);
  });

  it('checks nothing a provider the routes do not name would want', () => {
    const bare = snapshot({ brand: null, skus: [sku({ barcodes: [], customs: undefined, netWeight: undefined })] });
    expect(checkProductForTargets(bare, [])).toEqual([]);
    expect(checkProductForTargets(bare, [{ name: 'envoy', provider: 'nomad-envoy' }])).toEqual([]);
  });

  it('names the WMS limit of each text field it refuses', () => {
    const long = snapshot({ brand: 'B'.repeat(CATALOGUE_LIMITS.wms.brand + 1), skus: [sku({ attributes: { color: 'c'.repeat(256) } })] });
    expect(checkProductForTargets(long, [wms])).toEqual([
      { field: 'brand', reason: 'must be at most 50 characters for wms-main (WMS SKU API limit), got 51' },
      { field: 'skus[0].attributes.color', reason: 'must be at most 255 characters for wms-main (WMS SKU API limit), got 256' },
    ]);
  });

  it('counts characters, not UTF-16 units or bytes, against a limit', () => {
    expect(checkProductForTargets(snapshot({ brand: '品'.repeat(50) }), [wms])).toEqual([]);
  });

  it('requires weights for the WMS, and the freight-forward Required fields for Pilot', () => {
    const thin = snapshot({ brand: null, skus: [sku({ netWeight: undefined, grossWeight: undefined, customs: undefined })] });
    expect(checkProductForTargets(thin, [wms]).map((p) => p.field)).toEqual(['skus[0].grossWeight', 'skus[0].netWeight']);
    expect(checkProductForTargets(thin, [pilot]).map((p) => p.field)).toEqual([
      'brand',
      'skus[0].customs.hsCode',
      'skus[0].customs.customsUnit',
      'skus[0].customs.originCountry',
      'skus[0].netWeight',
    ]);
  });

  it('asks Pilot only for what its configured targets need, and refuses a comma inside a barcode for its inventory', () => {
    const noCustoms = snapshot({ skus: [sku({ customs: undefined, barcodes: ['123,456'] })] });
    const inventoryOnly: CatalogueTarget = { ...pilot, options: { catalogTargets: ['inventory'] } };
    expect(checkProductForTargets(noCustoms, [inventoryOnly])).toEqual([
      {
        field: 'skus[0].barcodes[0]',
        reason: 'must not contain a comma for pilot-main (Nomad Pilot inventory product: barcodes are comma-separated)',
      },
    ]);
  });

  it('requires a brand and a goods weight for Nengmao, and an HS code for TMALL Global only', () => {
    const product = snapshot({ brand: null, skus: [sku({ netWeight: undefined, grossWeight: undefined, customs: undefined })] });
    expect(checkProductForTargets(product, [brand]).map((p) => p.field)).toEqual(['brand', 'skus[0].grossWeight']);
    expect(checkProductForTargets(product, [tmg]).map((p) => p.field)).toEqual(['brand', 'skus[0].grossWeight', 'skus[0].customs.hsCode']);
  });

  it('reports a field once when several providers refuse it, with the first provider’s reason', () => {
    const noBrand = snapshot({ brand: null });
    expect(checkProductForTargets(noBrand, [brand, pilot])).toEqual([
      { field: 'brand', reason: 'is required by nengmao-main (Nengmao brand API §6.1: brand, mandatory)' },
    ]);
  });
});
