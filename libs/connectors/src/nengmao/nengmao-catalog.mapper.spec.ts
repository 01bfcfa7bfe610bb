import { Instant, Money, Price, Product, Weight } from '@serai/domain';
import { loadFixture } from './fixtures/load-fixture';
import {
  mapNengmaoGoods,
  mapNengmaoPriceRecord,
  mapNengmaoSkuStock,
  mapNengmaoStockRecord,
  toNengmaoGoods,
  toNengmaoPriceItem,
  toNengmaoStockItem,
} from './nengmao-catalog.mapper';
import { ResponseReader } from '../kernel/response-reader';
import { readNengmaoEnvelope } from './operations/envelope';
import { readGoodsListAnswer, readGoodsRecord } from './operations/goods-list';
import { readPriceListAnswer } from './operations/price-list';
import { readSkuUpdateAnswer } from './operations/stocks-update';
import { readStocksListAnswer } from './operations/stocks-list';
import { parseJsonKeepingBigIntegers } from '../kernel/json-with-big-integers';
import { encodeNengmaoJson } from './wire/wire-decimal';

const data = (name: string) => readNengmaoEnvelope(loadFixture(name)).data;
const asOf = Instant.parse('2024-09-01T00:00:00Z');

describe('goods <-> canonical products', () => {
  it('maps the brand goods example to a valid product: Chinese title, SKU attributes, weight in kg, both prices', () => {
    const [record] = readGoodsListAnswer(data('brand-goods-list.response'));
    const product = Product.create(mapNengmaoGoods(record, 'CNY')).toSnapshot();
    expect(product).toMatchObject({
      id: '121212',
      titles: { zh: 'NIKE AIR MAX 男子气垫训练鞋 869633' },
      brand: 'nike',
      category: '运动鞋',
      description: '211221222',
    });
    const [sku] = product.skus;
    expect(sku).toMatchObject({ sku: '12345678', barcodes: ['6919721232'], attributes: { color: 'red', size: 'X' }, enabled: true });
    expect(sku.grossWeight?.toJSON()).toEqual({ value: '11', unit: 'kg' });
    expect([sku.prices.sale.amount, sku.prices.market?.amount]).toEqual(['629.00', '900.00']);
    // "11212" is no HS code (6-10 digits) and originCountry is "": no customs data rather than a refusal.
    expect(sku.customs).toBeUndefined();
  });

  it('maps the TMG goods examples (goodsBrand, goodsList, English title)', () => {
    const [listed] = readGoodsListAnswer(data('tmg-goods-list.response'));
    expect(Product.create(mapNengmaoGoods(listed, 'CNY')).toSnapshot()).toMatchObject({
      id: '1VB90065 127',
      titles: { en: 'Stack 2' },
      brand: 'Fila',
    });
    const [uploaded] = readGoodsListAnswer(data('tmg-goods.response'));
    const product = Product.create(mapNengmaoGoods(uploaded, 'CNY'));
    expect(product.skus.map((sku) => [sku.sku, sku.itemNumbers.internalId, sku.prices.sale.amount])).toEqual([
      ['Branda31869633', '121212', '629.00'],
    ]);
  });

  it('maps the upload request examples as well, their origin country normalised', () => {
    const brand = readGoodsRecord(ResponseReader.of((loadFixture('brand-goods.request') as { goodsList: unknown[] }).goodsList[0]));
    const product = Product.create(mapNengmaoGoods(brand, 'USD'));
    expect(product.skus[0].customs).toEqual({ hsCode: '11212290', originCountry: 'US' });
    expect(product.skus[0].prices.sale.toJSON()).toEqual({ amount: '999.00', currency: 'USD' });
  });

  it('round-trips a canonical product through a goods upload item and back', () => {
    const original = Product.create({
      id: 'GS-100',
      titles: { zh: '玫瑰面霜 50ml' },
      brand: 'Serai Botanics',
      category: 'Skincare > Face',
      description: 'Rich cream',
      skus: [
        {
          sku: 'GS-100-50',
          barcodes: ['3401234567890'],
          itemNumbers: { internalId: 'INT-9' },
          titles: { zh: '玫瑰面霜 50ml' },
          attributes: { color: 'rose', size: '50ml' },
          grossWeight: Weight.of('0.5', 'kg'),
          customs: { hsCode: '33049900', originCountry: 'FR' },
          prices: { sale: Money.of('199.00', 'CNY'), market: Money.of('259.00', 'CNY') },
        },
      ],
    }).toSnapshot();
    const wire = toNengmaoGoods(original);
    expect(wire).toMatchObject({
      brand: 'Serai Botanics',
      goodsSn: 'GS-100',
      weight: '0.5',
      hscode: '33049900',
      originCountry: 'FR',
      currency: 'CNY',
      material: '',
    });
    const sent = encodeNengmaoJson(wire);
    expect(sent).toContain('"marketPrice":259.00,"salePrice":199.00');
    const back = Product.create(mapNengmaoGoods(readGoodsRecord(ResponseReader.of(parseJsonKeepingBigIntegers(sent))), 'CNY')).toSnapshot();
    expect(back).toEqual({ ...original, skus: [{ ...original.skus[0] }] });
  });
});

describe('stocks and prices <-> canonical', () => {
  it('maps stocks/list records to stock figures dated in GMT+8', () => {
    const [first] = readStocksListAnswer(data('brand-stocks-list.response'));
    const figure = mapNengmaoStockRecord(first, 'nengmao-demo', asOf);
    expect(figure).toEqual({
      sku: '10009272',
      location: 'nengmao-demo',
      onHand: 0,
      available: 0,
      reserved: 0,
      asOf: Instant.parse('2020-03-16T20:35:19Z'),
    });
  });

  it('reads inventory and lockInventory of a SKU record as on hand and reserved', () => {
    const [record] = readSkuUpdateAnswer(data('tmg-stocks-update.response')).records;
    expect(mapNengmaoSkuStock(record, 'tmg', asOf)).toEqual({
      sku: '869aa622133',
      location: 'tmg',
      onHand: 12,
      available: 12,
      reserved: 0,
      asOf,
    });
    expect(mapNengmaoSkuStock({ ...record, inventory: 10, lockInventory: 3 }, 'tmg', asOf)).toMatchObject({
      onHand: 10,
      available: 7,
      reserved: 3,
    });
  });

  it('writes stock levels as stocks/update items', () => {
    expect(toNengmaoStockItem({ sku: '869aa622133', quantity: 12 })).toEqual({ sku: '869aa622133', stocks: 12 });
  });

  it('round-trips a sale price through price/update and price/list', () => {
    const mapped = toNengmaoPriceItem({ sku: 'Branda31869633', kind: 'sale', amount: Money.of('1900.00', 'CNY') }, 'CNY', true);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(JSON.parse(encodeNengmaoJson(mapped.item))).toEqual({ sku: 'Branda31869633', salePrice: 1900, isDiscount: 'false' });
    const record = { sku: mapped.item.sku, price: mapped.item.salePrice.text, lastModifyTime: '2020-03-17 04:29:48' };
    const price = Price.of(mapNengmaoPriceRecord(record, 'CNY', asOf));
    expect([price.sku, price.kind, price.amount.amount, price.asOf.toISOString()]).toEqual([
      'Branda31869633',
      'sale',
      '1900.00',
      '2020-03-16T20:29:48.000Z',
    ]);
  });

  it('maps the price/list example, and flags promotions with isDiscount on the brand API only', () => {
    const [first] = readPriceListAnswer(data('brand-price-list.response'));
    expect(mapNengmaoPriceRecord(first, 'CNY', asOf).amount.amount).toBe('1900.00');
    const promotion = { sku: 'S', kind: 'promotion' as const, amount: Money.of('9.90', 'CNY') };
    expect(toNengmaoPriceItem(promotion, 'CNY', true)).toMatchObject({ ok: true, item: { isDiscount: 'true' } });
    expect(toNengmaoPriceItem(promotion, 'CNY', false)).toEqual({ ok: true, item: { sku: 'S', salePrice: expect.anything() } });
  });

  it('refuses market and cost prices and foreign currencies per item', () => {
    expect(toNengmaoPriceItem({ sku: 'S', kind: 'market', amount: Money.of('1', 'CNY') }, 'CNY', true)).toMatchObject({
      ok: false,
      code: 'UNSUPPORTED_PRICE_KIND',
    });
    expect(toNengmaoPriceItem({ sku: 'S', kind: 'sale', amount: Money.of('1', 'USD') }, 'CNY', true)).toMatchObject({
      ok: false,
      code: 'CURRENCY_MISMATCH',
    });
  });
});
