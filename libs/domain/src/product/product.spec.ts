import { CurrencyMismatch } from '../errors/currency-mismatch.error';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { Instant } from '../time/instant';
import { Product, ProductInput } from './product';
import { SkuInput } from './sku';
import { Weight } from './weight';

const cny = (amount: string): Money => Money.of(amount, 'CNY');

const skuInput = (overrides: Partial<SkuInput> = {}): SkuInput => ({
  sku: 'SMK123',
  barcodes: ['55001234567'],
  titles: { zh: '干洗喷雾', en: 'COLAB Dry Shampoo' },
  attributes: { color: 'green', size: 'small' },
  netWeight: Weight.of('30.3', 'g'),
  grossWeight: Weight.of('35.3', 'g'),
  customs: { hsCode: '3305900000', originCountry: 'GBR', taxRate: '0.091' },
  prices: { sale: cny('89.00'), market: cny('99.00') },
  ...overrides,
});

const productInput = (overrides: Partial<ProductInput> = {}): ProductInput => ({
  id: 'GOODS-1',
  titles: { en: 'COLAB Dry Shampoo' },
  brand: 'COLAB',
  category: 'Beauty > Hair',
  skus: [skuInput(), skuInput({ sku: 'SMK124', attributes: { color: 'blue' } })],
  ...overrides,
});

describe('Product', () => {
  it('builds a product with validated SKUs', () => {
    const product = Product.create(productInput());
    expect(product.skus.map((sku) => sku.sku)).toEqual(['SMK123', 'SMK124']);
    const sku = product.sku('SMK123');
    expect(sku?.customs).toEqual({ hsCode: '3305900000', originCountry: 'GB', taxRate: '0.091' });
    expect(sku?.prices.sale.amount).toBe('89.00');
    expect(sku?.enabled).toBe(true);
    expect(sku?.netWeight?.toKilograms().value).toBe('0.0303');
  });

  it('refuses a product without SKUs', () => {
    expect(() => Product.create(productInput({ skus: [] }))).toThrow(new InvariantViolation('skus', 'a product needs at least one SKU'));
  });

  it('refuses two SKUs with the same code', () => {
    expect(() => Product.create(productInput({ skus: [skuInput(), skuInput()] }))).toThrow(
      expect.objectContaining({ field: 'skus[1].sku' }),
    );
  });

  it('refuses a product without any title', () => {
    expect(() => Product.create(productInput({ titles: { zh: ' ', en: null } }))).toThrow(expect.objectContaining({ field: 'titles' }));
  });

  it('points at the SKU field that breaks a rule', () => {
    const bad = skuInput({ sku: 'SMK9', customs: { hsCode: '12' } });
    expect(() => Product.create(productInput({ skus: [skuInput(), bad] }))).toThrow(
      expect.objectContaining({ field: 'skus[1].customs.hsCode' }),
    );
  });

  it('refuses a negative sale price and a market price in another currency', () => {
    expect(() => Product.create(productInput({ skus: [skuInput({ prices: { sale: cny('-1') } })] }))).toThrow(
      expect.objectContaining({ field: 'skus[0].prices.sale' }),
    );
    expect(() => Product.create(productInput({ skus: [skuInput({ prices: { sale: cny('1'), market: Money.of('1', 'USD') } })] }))).toThrow(
      CurrencyMismatch,
    );
  });

  it('refuses a net weight above the gross weight', () => {
    const heavyNet = skuInput({ netWeight: Weight.of('1', 'kg'), grossWeight: Weight.of('999', 'g') });
    expect(() => Product.create(productInput({ skus: [heavyNet] }))).toThrow(expect.objectContaining({ field: 'skus[0].netWeight' }));
  });

  it('disables and re-enables a SKU', () => {
    const product = Product.create(productInput());
    product.setSkuEnabled('SMK124', false);
    expect(product.skus.map((sku) => sku.enabled)).toEqual([true, false]);
    expect(() => product.setSkuEnabled('NOPE', false)).toThrow(InvariantViolation);
  });

  it('records SkuEnabledChanged when a SKU is switched, and nothing when it already was', () => {
    const product = Product.create(productInput());
    const at = Instant.parse('2024-09-01T02:00:00Z');
    product.setSkuEnabled('SMK124', true, at);
    expect(product.pullEvents()).toEqual([]);
    product.setSkuEnabled('SMK124', false, at);
    expect(product.pullEvents()).toEqual([
      {
        type: 'SkuEnabledChanged',
        aggregateType: 'Product',
        aggregateId: 'GOODS-1',
        occurredAt: '2024-09-01T02:00:00.000Z',
        payload: { productId: 'GOODS-1', sku: 'SMK124', enabled: false },
      },
    ]);
  });

  it('records ProductPublished with its SKU codes when published', () => {
    const product = Product.create(productInput());
    const at = Instant.parse('2024-09-01T02:00:00Z');
    product.publish(at);
    expect(product.publishedAt).toEqual(at);
    expect(product.pullEvents()).toEqual([
      {
        type: 'ProductPublished',
        aggregateType: 'Product',
        aggregateId: 'GOODS-1',
        occurredAt: '2024-09-01T02:00:00.000Z',
        payload: { productId: 'GOODS-1', skus: ['SMK123', 'SMK124'] },
      },
    ]);
    expect(product.pullEvents()).toEqual([]);
  });

  it('restores from its snapshot without recording events', () => {
    const product = Product.create(productInput());
    product.publish(Instant.parse('2024-09-01T02:00:00Z'));
    const restored = Product.restore(product.toSnapshot());
    expect(restored.toSnapshot()).toEqual(product.toSnapshot());
    expect(restored.pullEvents()).toEqual([]);
  });
});
