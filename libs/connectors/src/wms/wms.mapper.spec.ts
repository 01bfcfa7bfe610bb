import { join } from 'node:path';
import { Dimensions, Money, Product, ProductSnapshot, Weight } from '@serai/domain';
import { parseJsonKeepingBigIntegers } from '../kernel/json-with-big-integers';
import type { ProviderResponse } from '../kernel/provider-http-client';
import { ResponseReader } from '../kernel/response-reader';
import { classifyWmsError } from './codes';
import { fixturesIn } from '../kernel/testing/replay-server';
import { parseQuerySimpleListSku } from './operations/query-simple-list-sku';
import { mapWmsSku, toWmsSkuInfo } from './wms.mapper';
import { serializeWithDecimals } from '../kernel/decimal-json';
import { readWmsSkuResult, WMS_DECIMAL_KEYS, WmsSkuResult } from './wire/sku';

const { readFixture } = fixturesIn(join(__dirname, 'fixtures'));

const answer = (name: string): ProviderResponse => {
  const text = readFixture(name);
  return { status: 200, headers: {}, text, json: parseJsonKeepingBigIntegers(text) };
};

const PRODUCT: ProductSnapshot = Product.create({
  id: 'GOODS-100',
  titles: { zh: '深层保湿面霜', en: 'Deep Moisture Face Cream' },
  brand: 'Samarkand Naturals',
  category: 'Skincare > Face > Cream',
  description: '深层保湿面霜',
  skus: [
    {
      sku: 'SKU-A',
      barcodes: ['6901234567892'],
      titles: { zh: '深层保湿面霜 50ml' },
      attributes: { color: 'white', size: '50ml' },
      netWeight: Weight.of('450', 'g'),
      grossWeight: Weight.of('0.5', 'kg'),
      dimensions: Dimensions.of({ length: '100', width: '50', height: '150' }, 'mm'),
      customs: { hsCode: '3304990000' },
      prices: { sale: Money.of('259.90', 'CNY') },
      enabled: false,
    },
  ],
}).toSnapshot();

describe('WMS mapper', () => {
  it('reads the query answer into the wire types: decimals as text, custom fields with their value', () => {
    const page = parseQuerySimpleListSku(1)(answer('query-simple-list-sku.response.json'));
    expect(page.total).toBe(100);
    const sku = page.items[0]!;
    expect(sku).toMatchObject({
      sku: 'sku1',
      title: 'abc',
      type: 'SINGLE',
      weight: '0.5',
      netWeight: '0.45',
      price: '259.9',
      enable: 1,
      packingRate: 24,
    });
    expect(sku.singleSkuList).toEqual([{ sku: 'sku0', quantity: 1 }]);
    expect(sku.skuCustomFieldValueVOList[0]).toMatchObject({
      tableName: 'SYS_ITEM',
      columType: 'NUMBER',
      customFieldId: 3,
      value: 'michael',
    });
    expect(sku.skuSupplierList[0]).toMatchObject({ name: 'Supplier name', isDefault: true, purchasePrice: '80.5', deliveryCycle: 7 });
  });

  it('reads the request examples with every documented field kept', () => {
    for (const name of ['insert-sku-info.request.json', 'update-sku-info.request.json', 'insert-sku-info-combination.request.json']) {
      const body = parseJsonKeepingBigIntegers(readFixture(name)) as Record<string, unknown>;
      expect(typeof body.sku).toBe('string');
      expect(serializeWithDecimals(body, WMS_DECIMAL_KEYS)).toBe(JSON.stringify(body));
    }
  });

  it('maps a WMS SKU to a canonical SKU with weights, sizes and price to the cent', () => {
    const page = parseQuerySimpleListSku(1)(answer('query-simple-list-sku.response.json'));
    const { sku, combination, categories } = mapWmsSku(page.items[0]!, 'CNY');
    expect(sku.sku).toBe('sku1');
    expect(sku.barcodes).toEqual(['6901234567892']);
    expect(sku.titles).toEqual({ en: 'abc' });
    expect(sku.attributes).toEqual({ color: 'white', size: '100ml' });
    expect(sku.grossWeight?.toJSON()).toEqual({ value: '0.5', unit: 'kg' });
    expect(sku.netWeight?.toJSON()).toEqual({ value: '0.45', unit: 'kg' });
    expect(sku.dimensions?.toJSON()).toEqual({ length: '10', width: '5', height: '15', unit: 'cm' });
    expect(sku.prices.sale.toJSON()).toEqual({ amount: '259.90', currency: 'CNY' });
    expect(sku.enabled).toBe(true);
    expect(combination).toEqual([{ sku: 'sku0', quantity: 1 }]);
    expect(categories).toEqual(['Skincare', 'Face', 'Cream']);
  });

  it('writes a canonical SKU in KG and CM, converted exactly, as JSON numbers', () => {
    const info = toWmsSkuInfo(PRODUCT, PRODUCT.skus[0]!, { warehouseNames: ['warehouseName1'] });
    expect(info).toMatchObject({
      sku: 'SKU-A',
      title: '深层保湿面霜 50ml',
      type: 'SINGLE',
      weight: '0.5',
      netWeight: '0.45',
      weightUnit: 'KG',
      length: '10',
      width: '5',
      height: '15',
      dimensionUnit: 'CM',
      enable: 0,
      price: '259.90',
      priceUnit: 'CNY',
      customsCode: '3304990000',
      categoryName1: 'Skincare',
      categoryName3: 'Cream',
      warehouseNameList: ['warehouseName1'],
    });
    expect(serializeWithDecimals(info, WMS_DECIMAL_KEYS)).toContain('"price":259.90');
  });

  it('comes back from the WMS as the same SKU', () => {
    const original = PRODUCT.skus[0]!;
    const info = toWmsSkuInfo(PRODUCT, original);
    const stored: WmsSkuResult = readWmsSkuResult(
      ResponseReader.of(parseJsonKeepingBigIntegers(serializeWithDecimals(info, WMS_DECIMAL_KEYS))),
    );
    const { sku } = mapWmsSku(stored, 'CNY');
    expect(sku.sku).toBe(original.sku);
    expect(sku.barcodes).toEqual(original.barcodes);
    expect(sku.titles).toEqual(original.titles);
    expect(sku.attributes).toEqual(original.attributes);
    expect(sku.grossWeight?.equals(original.grossWeight!)).toBe(true);
    expect(sku.netWeight?.equals(original.netWeight!)).toBe(true);
    expect(sku.dimensions?.toCentimetres().toJSON()).toEqual(original.dimensions?.toCentimetres().toJSON());
    expect(sku.prices.sale.equals(original.prices.sale)).toBe(true);
    expect(sku.enabled).toBe(false);
  });

  it('writes a combination with its parts and no warehouses, and reads 0 weights back as unknown', () => {
    const bare = Product.create({
      id: 'G',
      titles: { en: 'Gift set' },
      skus: [{ sku: 'SET-1', titles: { en: 'Gift set' }, prices: { sale: Money.of('10.00', 'CNY') } }],
    }).toSnapshot();
    const info = toWmsSkuInfo(bare, bare.skus[0]!, { combination: [{ sku: 'sku1', quantity: 2 }], warehouseNames: ['W1'] });
    expect(info).toMatchObject({ type: 'COMBINATION', singleSkuList: [{ sku: 'sku1', quantity: 2 }], weight: '0', length: '0' });
    expect(info.warehouseNameList).toBeUndefined();
    const back = mapWmsSku(
      { ...info, enable: 1, singleSkuList: info.singleSkuList ?? [], skuCustomFieldValueVOList: [], skuSupplierList: [] },
      'CNY',
    );
    expect(back.sku.grossWeight).toBeUndefined();
    expect(back.sku.dimensions).toBeUndefined();
  });

  it('converts metres to centimetres', () => {
    const { sku } = mapWmsSku(
      {
        sku: 's',
        title: 't',
        type: 'SINGLE',
        enable: 1,
        length: '1.2',
        width: '0.5',
        height: '0.05',
        dimensionUnit: 'M',
        singleSkuList: [],
        skuCustomFieldValueVOList: [],
        skuSupplierList: [],
      },
      'CNY',
    );
    expect(sku.dimensions?.toJSON()).toEqual({ length: '120', width: '50', height: '5', unit: 'cm' });
  });

  it('classifies error codes, reading duplicates and unknown SKUs out of DATA_INPUT_ERROR messages', () => {
    expect(classifyWmsError('SKU_ALREADY_EXISTS', '')).toEqual({ meaning: 'conflict', retryable: false });
    expect(classifyWmsError('DATA_INPUT_ERROR', 'sku sku1 already exists')).toEqual({ meaning: 'conflict', retryable: false });
    expect(classifyWmsError('DATA_INPUT_ERROR', 'title is required')).toEqual({ meaning: 'validation', retryable: false });
    expect(classifyWmsError('REQUEST_LIMIT', '')).toEqual({ meaning: 'rate_limited', retryable: true });
    expect(classifyWmsError('SYSTEM_ERROR', '')).toEqual({ meaning: 'provider', retryable: true });
    expect(classifyWmsError('SOMETHING_NEW', '')).toEqual({ meaning: 'provider', retryable: false });
  });
});
